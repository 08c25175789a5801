import { useEffect, useSyncExternalStore } from 'react';
import { Button, Container, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { useDocumentTitle } from '../../components/ui/use-document-title.ts';
import { retryFailedPages } from '../lazy-page.ts';

function subscribeToConnection(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** False only when the browser knows it has no network; true when it cannot tell. */
function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeToConnection,
    () => navigator.onLine !== false,
    () => true,
  );
}

/**
 * A screen that failed to render or whose code failed to load. Two usual causes: the connection
 * dropped while the chunk was fetched (trying again is enough once it is back: `lazyPage` imports
 * again after a failure), or a tab opened on the previous version asks for a chunk that no longer
 * exists (reloading fetches the new version). `standalone` when no shell surrounds it (the sign-in
 * pages), so it is the page's main landmark itself.
 */
export function RouteError({ standalone = false }: { standalone?: boolean }) {
  const { t } = useTranslation();
  const online = useOnline();
  const location = useLocation();
  const navigate = useNavigate();
  // A screen visited after this one failed imports its code again.
  useEffect(() => retryFailedPages, []);
  useDocumentTitle([online ? t('common.pageLoadFailedTitle') : t('common.offlineTitle')]);
  // Navigating to the same address clears the route's error and renders the screen again, with a
  // fresh import of its code.
  const tryAgain = () => {
    retryFailedPages();
    void navigate(
      { pathname: location.pathname, search: location.search, hash: location.hash },
      { replace: true, state: location.state as unknown },
    );
  };
  const content = (
    <EmptyState
      title={online ? t('common.pageLoadFailedTitle') : t('common.offlineTitle')}
      description={online ? t('common.pageLoadFailedText') : t('common.offlineText')}
      action={
        <Group mt="sm" justify="center">
          <Button onClick={tryAgain}>{t('common.tryAgain')}</Button>
          <Button variant="default" onClick={() => window.location.reload()}>
            {t('common.reloadPage')}
          </Button>
        </Group>
      }
    />
  );
  return standalone ? (
    <Container component="main" size="sm" py="xl">
      {content}
    </Container>
  ) : (
    content
  );
}

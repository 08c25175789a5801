import { useEffect, useState, useSyncExternalStore } from 'react';
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

type Reachability = 'checking' | 'reachable' | 'unreachable';

/**
 * Whether the server answers at all: the browser may be online while the server is down, and then
 * a missing chunk says nothing about a new version. Any answer to a HEAD of the app's page counts.
 */
function useServerReachability(online: boolean, attempt: number): Reachability {
  const [state, setState] = useState<Reachability>('checking');
  useEffect(() => {
    if (!online) return;
    let current = true;
    setState('checking');
    fetch('/', { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' })
      .then(() => current && setState('reachable'))
      .catch(() => current && setState('unreachable'));
    return () => {
      current = false;
    };
  }, [online, attempt]);
  return state;
}

/**
 * A screen that failed to render or whose code failed to load. Two usual causes: the connection
 * dropped while the chunk was fetched (trying again is enough once it is back: `lazyPage` imports
 * again after a failure), or a tab opened on the previous version asks for a chunk that no longer
 * exists (reloading fetches the new version). A browser that is online but cannot reach the server
 * is told so, not that the app may have been updated. `standalone` when no shell surrounds it (the sign-in
 * pages), so it is the page's main landmark itself.
 */
export function RouteError({ standalone = false }: { standalone?: boolean }) {
  const { t } = useTranslation();
  const online = useOnline();
  const [attempt, setAttempt] = useState(0);
  const reachability = useServerReachability(online, attempt);
  const unreachable = online && reachability === 'unreachable';
  const location = useLocation();
  const navigate = useNavigate();
  // A screen visited after this one failed imports its code again.
  useEffect(() => retryFailedPages, []);
  const title = !online
    ? t('common.offlineTitle')
    : unreachable
      ? t('common.serverUnreachableTitle')
      : t('common.pageLoadFailedTitle');
  // The "may have been updated" text waits for the server's answer, so it never shows by mistake.
  const description = !online
    ? t('common.offlineText')
    : unreachable
      ? t('common.serverUnreachableText')
      : reachability === 'reachable'
        ? t('common.pageLoadFailedText')
        : undefined;
  useDocumentTitle([title]);
  // Navigating to the same address clears the route's error and renders the screen again, with a
  // fresh import of its code.
  const tryAgain = () => {
    retryFailedPages();
    setAttempt((count) => count + 1);
    void navigate(
      { pathname: location.pathname, search: location.search, hash: location.hash },
      { replace: true, state: location.state as unknown },
    );
  };
  const content = (
    <EmptyState
      title={title}
      {...(description ? { description } : {})}
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

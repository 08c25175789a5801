import { Button, Container } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/ui/empty-state.tsx';

/**
 * A screen that failed to render or whose code failed to load. The usual cause after a release is a
 * tab opened on the previous version asking for a chunk that no longer exists: reloading fetches
 * the new version. `standalone` when no shell surrounds it (the sign-in pages), so it is the page's
 * main landmark itself.
 */
export function RouteError({ standalone = false }: { standalone?: boolean }) {
  const { t } = useTranslation();
  const content = (
    <EmptyState
      title={t('common.pageLoadFailedTitle')}
      description={t('common.pageLoadFailedText')}
      action={
        <Button mt="sm" onClick={() => window.location.reload()}>
          {t('common.reloadPage')}
        </Button>
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

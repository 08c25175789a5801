import { Center, Loader, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Shown while a screen's code is fetched. A polite status with text, not a bare spinner: a screen
 * reader user hears that something is coming, and the spinner itself is hidden as decoration.
 */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <Center mih={200} role="status" aria-live="polite" data-testid="page-loading">
      <Loader size="sm" aria-hidden="true" />
      <VisuallyHidden>{t('common.loadingPage')}</VisuallyHidden>
    </Center>
  );
}

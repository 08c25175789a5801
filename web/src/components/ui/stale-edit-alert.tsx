import { Alert, Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { tKey } from '../../i18n/t-key.ts';
import { isApiError } from '../../lib/api-error.ts';
import type { StaleEditReloadProps } from '../../lib/use-held-for-edit.ts';
import { ErrorAlert } from './error-alert.tsx';

/**
 * The server refused a save because the record changed since the form was loaded (412
 * `precondition_failed`, ADR 0092): someone else's change would otherwise have been overwritten.
 */
export function isStaleEdit(error: unknown): boolean {
  return isApiError(error) && error.status === 412;
}

const TEXT = {
  user: tKey('staleEdit.userText'),
  customer: tKey('staleEdit.customerText'),
  location: tKey('staleEdit.locationText'),
  settings: tKey('staleEdit.settingsText'),
} as const;

/**
 * Says that the save was refused and what Reload does: it loads the other person's version and
 * clears what the admin typed, so the admin knows to make their changes again. Beneath it, why
 * Reload itself failed, if it did: the admin's input is still there and they may try again.
 */
export function StaleEditAlert({
  record,
  onReload,
  reloading,
  reloadError,
}: StaleEditReloadProps & { record: keyof typeof TEXT }) {
  const { t } = useTranslation();
  return (
    <>
      <Alert
        color="yellow"
        variant="light"
        title={t('staleEdit.title')}
        role="alert"
        data-testid="stale-edit"
      >
        <Text size="sm">{t(TEXT[record])}</Text>
        <Button size="xs" variant="light" color="yellow" mt="sm" onClick={onReload} loading={reloading}>
          {t('staleEdit.reload')}
        </Button>
      </Alert>
      {reloadError ? <ErrorAlert error={reloadError} action="load" /> : null}
    </>
  );
}

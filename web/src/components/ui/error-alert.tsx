import { Alert, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api-error.ts';

/** Shows a failed request the way the server explained it, with its tracking id for support. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  const apiError = isApiError(error) ? error : null;
  const message = apiError?.message ?? (error instanceof Error ? error.message : t('common.unexpectedError'));
  const details = (apiError?.errors ?? []).filter(
    (detail) => detail.description && detail.description !== message,
  );
  return (
    <Alert color="red" variant="light" title={title ?? t('common.errorTitle')} role="alert">
      <Text size="sm">{message}</Text>
      {details.length > 0 ? (
        <List size="sm" mt="xs">
          {details.map((detail, index) => (
            <List.Item key={`${detail.code}-${index}`}>{detail.description}</List.Item>
          ))}
        </List>
      ) : null}
      {apiError?.trackingId ? (
        <Text size="xs" c="dimmed" mt="xs">
          {t('common.trackingId', { id: apiError.trackingId })}
        </Text>
      ) : null}
    </Alert>
  );
}

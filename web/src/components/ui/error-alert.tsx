import { Alert, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError, isRefusal } from '../../lib/api-error.ts';

/**
 * Shows a failed request the way the server explained it. A refusal the admin can fix (a 4xx with
 * its reasons) reads as such, without a tracking id; a crash or outage keeps the id for support.
 */
export function ErrorAlert({
  error,
  title,
  refusedTitle,
  fieldsShown = [],
}: {
  error: unknown;
  /** Replaces the title for every failure. */
  title?: string;
  /** Replaces the title of a refusal only ("This location could not be deleted"). */
  refusedTitle?: string;
  /** The form's fields that show their own server message: their details are not repeated here. */
  fieldsShown?: readonly string[];
}) {
  const { t } = useTranslation();
  const apiError = isApiError(error) ? error : null;
  const refused = isRefusal(error);
  const message = apiError?.message ?? (error instanceof Error ? error.message : t('common.unexpectedError'));
  const details = (apiError?.errors ?? []).filter(
    (detail) =>
      detail.description &&
      detail.description !== message &&
      !fieldsShown.some((field) => detail.field === field || detail.field?.endsWith(`.${field}`)),
  );
  return (
    <Alert
      color="red"
      variant="light"
      title={title ?? (refused ? (refusedTitle ?? t('common.refusedTitle')) : t('common.errorTitle'))}
      role="alert"
    >
      <Text size="sm">{message}</Text>
      {details.length > 0 ? (
        <List size="sm" mt="xs">
          {details.map((detail, index) => (
            <List.Item key={`${detail.code}-${index}`}>{detail.description}</List.Item>
          ))}
        </List>
      ) : null}
      {apiError?.trackingId && !refused ? (
        <Text size="xs" c="dimmed" mt="xs">
          {t('common.trackingId', { id: apiError.trackingId })}
        </Text>
      ) : null}
    </Alert>
  );
}

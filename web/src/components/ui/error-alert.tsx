import { Alert, Button, List, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ApiErrorDetail } from '../../lib/api-error.ts';
import { isApiError, isNetworkError, isRefusal } from '../../lib/api-error.ts';

/** Whether the failed request loaded something or saved something: the title says which. */
export type FailedAction = 'load' | 'save';

/**
 * The message of a failure the server could not explain in the admin's language: no answer at all,
 * a proxy's 5xx without a body, a 503 that says when to come back. `null`: show the server's own.
 */
function outageMessage(error: unknown, t: TFunction): string | null {
  if (isNetworkError(error)) return t('common.networkErrorText');
  if (!isApiError(error) || error.status < 500) return null;
  if (error.status === 503 && error.retryAfterSeconds !== null)
    return t('common.unavailableRetryAfter', { seconds: error.retryAfterSeconds });
  // The server's own error body has a message of its own; a proxy's answer leaves "HTTP 502".
  if ([502, 503, 504].includes(error.status) || error.message === `HTTP ${error.status}`)
    return t('common.serverErrorText');
  return null;
}

/**
 * Shows a failed request the way the server explained it. A refusal the admin can fix (a 4xx with
 * its reasons) reads as such, without a tracking id; a crash or outage keeps the id for support,
 * is worded by the app itself when the server could not explain it, and offers to try again.
 */
export function ErrorAlert({
  error,
  title,
  refusedTitle,
  fieldsShown = [],
  action = 'save',
  onRetry,
  signIn = false,
  fieldLabel,
}: {
  error: unknown;
  /** Replaces the title for every failure. */
  title?: string;
  /** Replaces the title of a refusal only ("This location could not be deleted"). */
  refusedTitle?: string;
  /** The form's fields that show their own server message: their details are not repeated here. */
  fieldsShown?: readonly string[];
  /** `load` for a screen's data: titled as a load failure, never as "could not be saved". */
  action?: FailedAction;
  /** Offered as a "Try again" button. */
  onRetry?: () => void;
  /**
   * The failed request was a sign-in: its 401 is the refusal of the email and password, worded by
   * the server, not a session that ended meanwhile.
   */
  signIn?: boolean;
  /**
   * Names the field a detail is about ("Caller ID Number", in the admin's language), so the line
   * reads "column: reason" (SPEC §6); null leaves the reason alone. Without it, reasons stand alone:
   * the fields of locations and settings are no CSV columns.
   */
  fieldLabel?: (field: string | undefined, t: TFunction) => string | null;
}) {
  const { t } = useTranslation();
  const apiError = isApiError(error) ? error : null;
  const refused = isRefusal(error);
  const sessionEnded = apiError?.status === 401 && !signIn;
  const message = sessionEnded
    ? t('common.sessionEndedText')
    : (outageMessage(error, t) ??
      apiError?.message ??
      (error instanceof Error ? error.message : t('common.unexpectedError')));
  const labelOf = (field: string | undefined) => (fieldLabel ? fieldLabel(field, t) : null);
  const details = sessionEnded
    ? []
    : (apiError?.errors ?? []).filter(
        (detail) =>
          detail.description &&
          // A reason the message already says is not repeated, unless the line adds its column.
          (detail.description !== message || labelOf(detail.field) !== null) &&
          !fieldsShown.some((field) => detail.field === field || detail.field?.endsWith(`.${field}`)),
      );
  const detailLine = (detail: ApiErrorDetail) => {
    const field = labelOf(detail.field);
    return field ? t('common.fieldReason', { field, reason: detail.description }) : detail.description;
  };
  const defaultTitle = sessionEnded
    ? t('common.sessionEndedTitle')
    : action === 'load'
      ? t('common.loadFailedTitle')
      : refused
        ? (refusedTitle ?? t('common.refusedTitle'))
        : t('common.errorTitle');
  return (
    <Alert color="red" variant="light" title={title ?? defaultTitle} role="alert">
      <Text size="sm">{message}</Text>
      {details.length > 0 ? (
        <List size="sm" mt="xs">
          {details.map((detail, index) => (
            <List.Item key={`${detail.code}-${index}`}>{detailLine(detail)}</List.Item>
          ))}
        </List>
      ) : null}
      {apiError?.trackingId && !refused && !sessionEnded ? (
        <Text size="xs" c="dimmed" mt="xs">
          {t('common.trackingId', { id: apiError.trackingId })}
        </Text>
      ) : null}
      {onRetry && !refused && !sessionEnded ? (
        <Button size="xs" variant="light" color="red" mt="sm" onClick={onRetry}>
          {t('common.tryAgain')}
        </Button>
      ) : null}
    </Alert>
  );
}

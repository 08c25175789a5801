import { Badge } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { tKey } from '../../i18n/t-key.ts';

const statusColors: Record<string, string> = {
  provisioned: 'green',
  provisioned_with_errors: 'orange',
  provisioning: 'blue',
  updating: 'blue',
  deleting: 'gray',
  error: 'red',
  pending_user_migration: 'yellow',
  suspended: 'gray',
  queued: 'gray',
  validating: 'blue',
  validated: 'teal',
  applying: 'blue',
  completed: 'green',
  completed_with_errors: 'orange',
  failed: 'red',
  cancelled: 'gray',
  invited: 'yellow',
  active: 'green',
  disabled: 'gray',
};

// Listed so the translation check sees every status label the badge can show.
const statusLabelKeys: Record<string, string> = {
  provisioned: tKey('status.provisioned'),
  provisioned_with_errors: tKey('status.provisioned_with_errors'),
  provisioning: tKey('status.provisioning'),
  updating: tKey('status.updating'),
  deleting: tKey('status.deleting'),
  error: tKey('status.error'),
  pending_user_migration: tKey('status.pending_user_migration'),
  suspended: tKey('status.suspended'),
  queued: tKey('status.queued'),
  validating: tKey('status.validating'),
  validated: tKey('status.validated'),
  applying: tKey('status.applying'),
  completed: tKey('status.completed'),
  completed_with_errors: tKey('status.completed_with_errors'),
  failed: tKey('status.failed'),
  cancelled: tKey('status.cancelled'),
  invited: tKey('status.invited'),
  active: tKey('status.active'),
  disabled: tKey('status.disabled'),
};

/** The Mantine colour of a status's badge (gray for a status it does not know). */
export function statusColor(status: string): string {
  return statusColors[status] ?? 'gray';
}

/** A status's label in the current language (the status itself for one it does not know). */
export function statusLabel(t: TFunction, status: string): string {
  const key = statusLabelKeys[status];
  return key ? t(key) : status;
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={statusColor(status)}
      data-status={status}
      tt="none"
      style={{ overflow: 'visible', flexShrink: 0 }}
      styles={{ label: { overflow: 'visible' } }}
    >
      {statusLabel(t, status)}
    </Badge>
  );
}

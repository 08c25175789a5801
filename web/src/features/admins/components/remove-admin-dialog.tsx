import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.tsx';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import type { AdminAccount } from '../api/admins.ts';
import { useRemoveAdmin } from '../api/admins.ts';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

/** Names the account before deleting it; the server's refusal (e.g. one's own account) stays readable here. */
export function RemoveAdminDialog({ admin, onClose }: { admin: AdminAccount; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useRemoveAdmin();
  const removeOnce = useSubmitOnce();
  const confirm = () =>
    removeOnce.run(() => remove.mutateAsync(admin.id), {
      onSuccess: () => {
        notifications.show({
          color: 'green',
          role: 'status',
          title: t('admins.removed'),
          message: t('admins.removedText', { email: admin.email }),
        });
        onClose();
      },
    });
  return (
    <ConfirmDialog
      opened
      title={t('admins.removeTitle')}
      message={t('admins.removeQuestion', { email: admin.email })}
      confirmLabel={t('admins.remove')}
      onConfirm={confirm}
      onCancel={onClose}
      loading={removeOnce.pending}
    >
      <Text size="sm" c="dimmed">
        {t('admins.removeConsequence')}
      </Text>
      {remove.isError ? <ErrorAlert error={remove.error} /> : null}
    </ConfirmDialog>
  );
}

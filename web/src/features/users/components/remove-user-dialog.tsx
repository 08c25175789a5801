import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { useRemoveUser } from '../api/remove-user.ts';
import type { User } from '../api/user-types.ts';
import { fullName } from '../api/user-types.ts';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

interface RemoveUserDialogProps {
  customerId: string;
  user: User;
  opened: boolean;
  onClose: () => void;
}

/** SPEC §5 Remove: names the user, says where the number and extension go, then back to the list. */
export function RemoveUserDialog({ customerId, user, opened, onClose }: RemoveUserDialogProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useRemoveUser(customerId, user.id);
  const removeOnce = useSubmitOnce();
  const name = fullName(user);
  const confirm = () =>
    removeOnce.run(() => remove.mutateAsync(), {
      onSuccess: () => {
        notifications.show({
          color: 'green',
          role: 'status',
          title: t('removeUser.removed'),
          message: t('removeUser.removedText', { name }),
        });
        onClose();
        void navigate(`/control/${encodeURIComponent(customerId)}/users`);
      },
    });
  return (
    <Modal opened={opened} onClose={onClose} title={t('removeUser.title')} centered>
      <Stack>
        <Text size="sm" data-testid="remove-user-question">
          {t('removeUser.question', { name, email: user.email })}
        </Text>
        <Text size="sm">{t('removeUser.pool')}</Text>
        {user.phoneNumber || user.extension ? (
          <Text size="sm" c="dimmed" data-testid="remove-user-numbers">
            {[
              user.phoneNumber ? t('removeUser.number', { number: user.phoneNumber }) : null,
              user.extension ? t('removeUser.extension', { extension: user.extension }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        ) : null}
        {remove.isError ? <ErrorAlert error={remove.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={remove.isPending}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={confirm} loading={removeOnce.pending}>
            {t('removeUser.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

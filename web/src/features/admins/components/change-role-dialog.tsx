import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import type { AdminRole } from '../../../lib/grantable-roles.ts';
import type { AdminAccount } from '../api/admins.ts';
import { useChangeAdminRole } from '../api/admins.ts';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

const READ_ONLY_ROLES: readonly AdminRole[] = ['partner_readonly_admin', 'customer_readonly_admin'];

/**
 * What a demotion takes away besides the role: the server revokes the tokens the admin created
 * that the new role could not create (API tokens; directory-sync tokens for a read-only role).
 */
function demotionConsequence(from: AdminRole, to: AdminRole): 'toReadOnly' | 'fromOperator' | null {
  if (from === to) return null;
  if (READ_ONLY_ROLES.includes(to) && !READ_ONLY_ROLES.includes(from)) return 'toReadOnly';
  if (from === 'operator') return 'fromOperator';
  return null;
}

interface ChangeRoleDialogProps {
  admin: AdminAccount;
  /** Only the roles the signed-in admin may grant, at the account's level (partner or customer). */
  roles: AdminRole[];
  onClose: () => void;
}

export function ChangeRoleDialog({ admin, roles, onClose }: ChangeRoleDialogProps) {
  const { t } = useTranslation();
  const change = useChangeAdminRole();
  const changeOnce = useSubmitOnce();
  const [role, setRole] = useState<string>(admin.role);
  const chosen = roles.find((entry) => entry === role);
  const consequence = chosen ? demotionConsequence(admin.role, chosen) : null;
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!chosen || chosen === admin.role) return;
    changeOnce.run(() => change.mutateAsync({ adminId: admin.id, role: chosen }), {
      onSuccess: (saved) => {
        notifications.show({
          color: 'green',
          role: 'status',
          title: t('admins.roleChanged'),
          message: t('admins.roleChangedText', {
            email: saved.email,
            role: t(`admins.roles.${saved.role}`),
          }),
        });
        onClose();
      },
    });
  };
  return (
    <Modal opened onClose={onClose} title={t('admins.changeRoleTitle', { email: admin.email })} centered>
      <form onSubmit={submit}>
        <Stack>
          <Select
            label={t('admins.newRole')}
            description={t('admins.roleLevelHint')}
            required
            allowDeselect={false}
            data={roles.map((entry) => ({ value: entry, label: t(`admins.roles.${entry}`) }))}
            value={role}
            onChange={(value) => setRole(value ?? admin.role)}
          />
          {consequence ? (
            <Text size="sm" data-testid="demotion-consequence">
              {t(`admins.demotionConsequence.${consequence}`)}
            </Text>
          ) : null}
          {change.isError ? <ErrorAlert error={change.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={changeOnce.pending} disabled={!chosen || chosen === admin.role}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

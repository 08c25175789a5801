import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { showSaved } from '../../../components/ui/form-dialog.tsx';
import type { AdminRole } from '../../../lib/grantable-roles.ts';
import { useInviteAdmin } from '../api/admins.ts';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

interface InviteAdminDialogProps {
  opened: boolean;
  onClose: () => void;
  /** Only the roles the signed-in admin may grant. */
  roles: AdminRole[];
  /** Set on a customer's admins page: the invited admin belongs to this customer. */
  customerId?: string;
}

export function InviteAdminDialog({ opened, onClose, roles, customerId }: InviteAdminDialogProps) {
  const { t } = useTranslation();
  const invite = useInviteAdmin();
  const inviteOnce = useSubmitOnce();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<string | null>(null);
  const close = () => {
    invite.reset();
    setEmail('');
    setName('');
    setRole(null);
    onClose();
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const chosen = roles.find((entry) => entry === role);
    if (!chosen) return;
    const displayName = name.trim();
    inviteOnce.run(
      () =>
        invite.mutateAsync({
          email: email.trim(),
          role: chosen,
          ...(customerId ? { customerId } : {}),
          ...(displayName ? { displayName } : {}),
        }),
      {
        // The new admin only appears as a row among others: say that the email went out.
        onSuccess: () => {
          showSaved(t('admins.resent'), t('admins.invitedText', { email: email.trim() }));
          close();
        },
      },
    );
  };
  return (
    <Modal opened={opened} onClose={close} title={t('admins.invite')} centered>
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label={t('admins.email')}
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <TextInput
            label={t('admins.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <Select
            label={t('admins.role')}
            required
            // Picking the chosen role again must not clear it and silently disable Send invite.
            allowDeselect={false}
            data={roles.map((entry) => ({ value: entry, label: t(`admins.roles.${entry}`) }))}
            value={role}
            onChange={setRole}
          />
          {invite.isError ? <ErrorAlert error={invite.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={inviteOnce.pending} disabled={!role || !email.trim()}>
              {t('admins.sendInvite')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

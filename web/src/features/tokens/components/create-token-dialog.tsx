import { useState } from 'react';
import { Alert, Button, Code, CopyButton, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import type { AdminRole } from '../../../lib/grantable-roles.ts';
import type { ExpiryChoice } from '../api/token-expiry.ts';
import { expiresAtFor, expiryChoices } from '../api/token-expiry.ts';
import { useCreateToken } from '../api/tokens.ts';

interface CreateTokenDialogProps {
  opened: boolean;
  onClose: () => void;
  /** Only the roles the signed-in admin may give a token. */
  roles: AdminRole[];
  /** On a customer's page (Control Hub): the customer the token acts for. */
  customerId?: string | undefined;
}

export function CreateTokenDialog({ opened, onClose, roles, customerId }: CreateTokenDialogProps) {
  const { t } = useTranslation();
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [role, setRole] = useState<string | null>(null);
  const [expiry, setExpiry] = useState<ExpiryChoice>('never');
  // The secret lives only in this dialog's state: closing it forgets the secret for good.
  const secret = create.data?.token;
  const close = () => {
    create.reset();
    setName('');
    setRole(null);
    setExpiry('never');
    onClose();
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const chosen = roles.find((entry) => entry === role);
    if (!chosen || !name.trim()) return;
    const expiresAt = expiresAtFor(expiry, new Date());
    create.mutate({
      name: name.trim(),
      role: chosen,
      ...(customerId ? { customerId } : {}),
      ...(expiresAt ? { expiresAt } : {}),
    });
  };
  return (
    // A click beside the dialog must not lose the secret before it was copied: Done or Close only.
    <Modal opened={opened} onClose={close} title={t('tokens.create')} centered closeOnClickOutside={!secret}>
      {secret ? (
        <Stack>
          <Alert color="yellow" title={t('tokens.secretOnceTitle')}>
            {t('tokens.secretOnce')}
          </Alert>
          <Code block data-testid="new-token-secret" style={{ wordBreak: 'break-all' }}>
            {secret}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy}>
                  {copied ? t('tokens.copied') : t('tokens.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={close}>{t('tokens.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <TextInput
              label={t('tokens.name')}
              required
              maxLength={100}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <Select
              label={t('tokens.role')}
              required
              data={roles.map((entry) => ({ value: entry, label: t(`admins.roles.${entry}`) }))}
              value={role}
              onChange={setRole}
            />
            <Select
              label={t('tokens.expiry')}
              allowDeselect={false}
              data={expiryChoices.map((choice) => ({
                value: choice,
                label: choice === 'never' ? t('tokens.never') : t('tokens.days', { count: Number(choice) }),
              }))}
              value={expiry}
              onChange={(value) => setExpiry(expiryChoices.find((choice) => choice === value) ?? 'never')}
            />
            <Text size="xs" c="dimmed">
              {t('tokens.createHint')}
            </Text>
            {create.isError ? <ErrorAlert error={create.error} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} disabled={!role || !name.trim()}>
                {t('tokens.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

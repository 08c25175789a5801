import { useState } from 'react';
import { Alert, Button, Code, CopyButton, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import type { AdminRole } from '../../../lib/grantable-roles.ts';
import type { ExpiryChoice } from '../api/token-expiry.ts';
import { expiresAtFor, expiryChoices } from '../api/token-expiry.ts';
import { useCreateToken } from '../api/tokens.ts';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

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
  const createOnce = useSubmitOnce();
  const [name, setName] = useState('');
  const [role, setRole] = useState<string | null>(null);
  const [expiry, setExpiry] = useState<ExpiryChoice>('never');
  // Whether Copy was used, and whether closing without it was already asked about once.
  const [copiedOnce, setCopiedOnce] = useState(false);
  const [warnedNotCopied, setWarnedNotCopied] = useState(false);
  // The secret lives only in this dialog's state: closing it forgets the secret for good.
  const secret = create.data?.token;
  const close = () => {
    create.reset();
    setName('');
    setRole(null);
    setExpiry('never');
    setCopiedOnce(false);
    setWarnedNotCopied(false);
    onClose();
  };
  // Done, the X and Escape: a secret not copied yet is only lost on the second try, after a warning.
  const requestClose = () => {
    if (secret && !copiedOnce && !warnedNotCopied) setWarnedNotCopied(true);
    else close();
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const chosen = roles.find((entry) => entry === role);
    if (!chosen || !name.trim()) return;
    const expiresAt = expiresAtFor(expiry, new Date());
    createOnce.run(() =>
      create.mutateAsync({
        name: name.trim(),
        role: chosen,
        ...(customerId ? { customerId } : {}),
        ...(expiresAt ? { expiresAt } : {}),
      }),
    );
  };
  return (
    // A click beside the dialog must not lose the secret before it was copied: Done or Close only.
    <Modal
      opened={opened}
      onClose={requestClose}
      // Once the secret is shown the token exists: a title that still says "Create" reads as undone.
      title={secret ? t('tokens.createdTitle') : t('tokens.create')}
      centered
      closeOnClickOutside={!secret}
    >
      {secret ? (
        <Stack>
          <Alert color="yellow" title={t('tokens.secretOnceTitle')}>
            {t('tokens.secretOnce')}
          </Alert>
          {/* pre-wrap: a <pre> does not wrap, and on a phone the end of the token was cut off. */}
          <Code
            block
            data-testid="new-token-secret"
            style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
          >
            {secret}
          </Code>
          {warnedNotCopied && !copiedOnce ? (
            <Alert color="red" role="alert" data-testid="token-not-copied">
              {t('tokens.notCopied')}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button
                  variant="light"
                  onClick={() => {
                    copy();
                    setCopiedOnce(true);
                  }}
                >
                  {copied ? t('tokens.copied') : t('tokens.copy')}
                </Button>
              )}
            </CopyButton>
            {warnedNotCopied && !copiedOnce ? (
              // Copy stays the prominent choice: losing the token is the quieter button.
              <Button variant="default" onClick={requestClose}>
                {t('tokens.closeWithoutCopying')}
              </Button>
            ) : (
              <Button onClick={requestClose}>{t('tokens.done')}</Button>
            )}
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
              <Button type="submit" loading={createOnce.pending} disabled={!role || !name.trim()}>
                {t('tokens.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

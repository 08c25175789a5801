import {
  Alert,
  Anchor,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.tsx';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { useCanWrite } from '../../../lib/permissions.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import {
  lastSyncOf,
  scimBaseUrl,
  useCreateScimToken,
  useRotateScimToken,
  useDirectorySync,
  useRevokeScimToken,
  useScimTokens,
  useSetDirectorySync,
} from '../api/directory-sync.ts';
import type { ScimToken } from '../api/directory-sync.ts';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

/** Directory synchronization: the SCIM URL and token an identity provider needs, and the last sync. */
export function DirectorySyncPage() {
  const { t, i18n } = useTranslation();
  const { customerId = '' } = useParams();
  const state = useDirectorySync(customerId);
  // A read-only admin sees the settings but gets no switch or token buttons the server would refuse.
  const canWrite = useCanWrite();
  const setSync = useSetDirectorySync(customerId);
  const tokens = useScimTokens(customerId);
  const create = useCreateScimToken(customerId);
  const createOnce = useSubmitOnce();
  const revoke = useRevokeScimToken(customerId);
  const revokeOnce = useSubmitOnce();
  const rotate = useRotateScimToken(customerId);
  const rotateOnce = useSubmitOnce();
  const shownToken = rotate.data?.token ?? create.data?.token ?? null;
  // Revoking stops the identity provider's sync at once: asked first, as for API tokens.
  const [toRevoke, setToRevoke] = useState<ScimToken | null>(null);
  // Rotating revokes the old token at once as well (a new one replaces it): asked first too.
  const [toRotate, setToRotate] = useState<ScimToken | null>(null);
  const url = scimBaseUrl(customerId, state.data);
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const when = (value: string | null | undefined) => (value ? format.format(new Date(value)) : '—');

  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to={`/control/${customerId}/users`} size="sm">
            ← {t('nav.users')}
          </Anchor>
        }
        title={t('users.directorySync')}
        description={t('directorySync.description')}
      />
      <Stack maw={900}>
        <Paper>
          {state.isPending ? (
            <Skeleton h={120} />
          ) : state.isError ? (
            <ErrorAlert error={state.error} />
          ) : (
            <Stack>
              <Switch
                label={t('directorySync.enabled')}
                description={t('directorySync.enabledHint')}
                checked={state.data.enabled}
                disabled={setSync.isPending || !canWrite}
                onChange={(event) => setSync.mutate(event.currentTarget.checked)}
              />
              {setSync.isError ? <ErrorAlert error={setSync.error} /> : null}
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  {t('directorySync.scimUrl')}
                </Text>
                <Group gap="xs">
                  <Code data-testid="scim-url">{url}</Code>
                  <CopyButton value={url}>
                    {({ copied, copy }) => (
                      <Button size="xs" variant="subtle" onClick={copy}>
                        {copied ? t('directorySync.copied') : t('directorySync.copy')}
                      </Button>
                    )}
                  </CopyButton>
                </Group>
              </Stack>
              <Text size="sm">
                <b>{t('directorySync.lastSync')}:</b> {when(lastSyncOf(tokens.data ?? []))}
              </Text>
            </Stack>
          )}
        </Paper>
        <Paper>
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              {t('directorySync.tokens')}
            </Title>
            {canWrite ? (
              <Button
                onClick={() => {
                  rotate.reset();
                  createOnce.run(() => create.mutateAsync(`scim-${new Date().toISOString().slice(0, 10)}`));
                }}
                loading={createOnce.pending}
              >
                {t('directorySync.newToken')}
              </Button>
            ) : null}
          </Group>
          {shownToken ? (
            <Alert color="yellow" title={t('directorySync.tokenOnce')} mb="sm">
              <Group gap="xs">
                <Code data-testid="scim-token" style={{ wordBreak: 'break-all' }}>
                  {shownToken}
                </Code>
                <CopyButton value={shownToken}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="subtle" onClick={copy}>
                      {copied ? t('directorySync.copied') : t('directorySync.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </Alert>
          ) : null}
          {create.isError ? <ErrorAlert error={create.error} /> : null}
          {rotate.isError ? <ErrorAlert error={rotate.error} /> : null}
          {tokens.isError ? <ErrorAlert error={tokens.error} /> : null}
          {(tokens.data ?? []).length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('directorySync.noTokens')}
            </Text>
          ) : (
            // Scrolls sideways on a phone: the table made the whole page wider than the screen,
            // and the Revoke button beyond its edge could not be tapped.
            <Table.ScrollContainer minWidth={480}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('directorySync.tokenName')}</Table.Th>
                    <Table.Th>{t('directorySync.created')}</Table.Th>
                    <Table.Th>{t('directorySync.lastUsed')}</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(tokens.data ?? []).map((token) => (
                    <Table.Tr key={token.id}>
                      <Table.Td>
                        {token.name ?? token.id} {token.prefix ? <Code>{token.prefix}…</Code> : null}
                      </Table.Td>
                      <Table.Td>{when(token.createdAt)}</Table.Td>
                      <Table.Td>{when(token.lastUsedAt)}</Table.Td>
                      <Table.Td ta="right">
                        {token.revokedAt ? (
                          <Text size="xs" c="dimmed">
                            {t('directorySync.revoked')}
                          </Text>
                        ) : canWrite ? (
                          <Group gap={4} justify="flex-end" wrap="nowrap">
                            <Button
                              size="xs"
                              variant="subtle"
                              aria-label={t('directorySync.rotateNamed', { name: token.name ?? token.id })}
                              onClick={() => {
                                create.reset();
                                rotate.reset();
                                setToRotate(token);
                              }}
                            >
                              {t('directorySync.rotate')}
                            </Button>
                            <Button
                              size="xs"
                              variant="subtle"
                              color="red"
                              aria-label={t('directorySync.revokeNamed', { name: token.name ?? token.id })}
                              onClick={() => {
                                revoke.reset();
                                setToRevoke(token);
                              }}
                            >
                              {t('directorySync.revoke')}
                            </Button>
                          </Group>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      </Stack>
      <ConfirmDialog
        opened={toRevoke !== null}
        title={t('directorySync.revokeConfirmTitle')}
        message={t('directorySync.revokeConfirmText', { name: toRevoke?.name ?? toRevoke?.id ?? '' })}
        confirmLabel={t('directorySync.revoke')}
        onConfirm={() => {
          if (toRevoke)
            revokeOnce.run(() => revoke.mutateAsync(toRevoke.id), { onSuccess: () => setToRevoke(null) });
        }}
        onCancel={() => setToRevoke(null)}
        loading={revokeOnce.pending}
      >
        {revoke.isError ? <ErrorAlert error={revoke.error} /> : null}
      </ConfirmDialog>
      <ConfirmDialog
        opened={toRotate !== null}
        title={t('directorySync.rotateConfirmTitle')}
        message={t('directorySync.rotateConfirmText', { name: toRotate?.name ?? toRotate?.id ?? '' })}
        confirmLabel={t('directorySync.rotate')}
        onConfirm={() => {
          if (toRotate)
            rotateOnce.run(() => rotate.mutateAsync(toRotate.id), { onSuccess: () => setToRotate(null) });
        }}
        onCancel={() => setToRotate(null)}
        loading={rotateOnce.pending}
      >
        {rotate.isError ? <ErrorAlert error={rotate.error} /> : null}
      </ConfirmDialog>
    </>
  );
}

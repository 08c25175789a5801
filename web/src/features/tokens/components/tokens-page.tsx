import { useState } from 'react';
import { Badge, Button, Paper, Table } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { PagedTable } from '../../../components/ui/paged-table.tsx';
import { useCanWrite } from '../../../lib/permissions.tsx';
import type { ApiToken } from '../api/tokens.ts';
import { useGrantableTokenRoles, useRevokeToken, useTokenPages } from '../api/tokens.ts';
import { CreateTokenDialog } from './create-token-dialog.tsx';

export function TokensPage() {
  const { t, i18n } = useTranslation();
  const canWrite = useCanWrite();
  const pages = useTokenPages();
  const grantable = useGrantableTokenRoles();
  const revoke = useRevokeToken();
  const [creating, { open, close }] = useDisclosure(false);
  // Revoking cannot be undone: the admin confirms in a dialog that names the token first.
  const [toRevoke, setToRevoke] = useState<ApiToken | null>(null);
  const roles = canWrite ? (grantable.data ?? []) : [];
  const mayManage = roles.length > 0;
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const when = (value: string | null) => (value ? format.format(new Date(value)) : '—');
  const askRevoke = (token: ApiToken) => {
    revoke.reset();
    setToRevoke(token);
  };
  const confirmRevoke = () => {
    if (toRevoke) revoke.mutate(toRevoke.id, { onSuccess: () => setToRevoke(null) });
  };
  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        description={t('tokens.description')}
        actions={mayManage ? <Button onClick={open}>{t('tokens.create')}</Button> : null}
      />
      <Paper>
        <PagedTable
          pages={pages}
          label={t('tokens.title')}
          minWidth={800}
          empty={<EmptyState title={t('tokens.empty')} />}
          head={
            <>
              <Table.Th>{t('tokens.name')}</Table.Th>
              <Table.Th>{t('tokens.role')}</Table.Th>
              <Table.Th>{t('tokens.prefix')}</Table.Th>
              <Table.Th>{t('tokens.created')}</Table.Th>
              <Table.Th>{t('tokens.lastUsed')}</Table.Th>
              <Table.Th>{t('tokens.expires')}</Table.Th>
              <Table.Th>{t('tokens.revoked')}</Table.Th>
              <Table.Th />
            </>
          }
        >
          {pages.items.map((token) => (
            <Table.Tr key={token.id}>
              <Table.Td>{token.name}</Table.Td>
              <Table.Td>{t(`admins.roles.${token.role}`)}</Table.Td>
              <Table.Td ff="monospace">{token.prefix}…</Table.Td>
              <Table.Td>{when(token.createdAt)}</Table.Td>
              <Table.Td>{when(token.lastUsedAt)}</Table.Td>
              <Table.Td>{token.expiresAt ? when(token.expiresAt) : t('tokens.never')}</Table.Td>
              <Table.Td>
                {token.revokedAt ? <Badge color="gray">{when(token.revokedAt)}</Badge> : '—'}
              </Table.Td>
              <Table.Td ta="right">
                {mayManage && !token.revokedAt ? (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => askRevoke(token)}
                    aria-label={t('tokens.revokeNamed', { name: token.name })}
                  >
                    {t('tokens.revoke')}
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </PagedTable>
      </Paper>
      {mayManage ? <CreateTokenDialog opened={creating} onClose={close} roles={roles} /> : null}
      <ConfirmDialog
        opened={toRevoke !== null}
        title={t('tokens.revokeConfirmTitle')}
        message={t('tokens.revokeConfirmText', {
          name: toRevoke?.name ?? '',
          prefix: toRevoke?.prefix ?? '',
        })}
        confirmLabel={t('tokens.revoke')}
        onConfirm={confirmRevoke}
        onCancel={() => setToRevoke(null)}
        loading={revoke.isPending}
      >
        {revoke.isError ? <ErrorAlert error={revoke.error} /> : null}
      </ConfirmDialog>
    </>
  );
}

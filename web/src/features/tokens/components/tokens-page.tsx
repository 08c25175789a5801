import { useState } from 'react';
import { Badge, Button, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { PagedTable } from '../../../components/ui/paged-table.tsx';
import { useCanWrite } from '../../../lib/permissions.tsx';
import type { ApiToken } from '../api/tokens.ts';
import { useRevokeToken, useSignedInTokenAdmin, useTokenPages } from '../api/tokens.ts';
import { isCustomerRole, tokenRolesGrantableBy } from '../api/token-roles.ts';
import { CreateTokenDialog } from './create-token-dialog.tsx';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

interface TokensPageProps {
  /**
   * Set in the Control Hub: list and create this customer's tokens only, with customer roles.
   * Without it the page is the Partner Hub's: every token the signed-in admin may see.
   */
  customer?: { id: string; name: string | undefined };
}

export function TokensPage({ customer }: TokensPageProps = {}) {
  const { t, i18n } = useTranslation();
  const canWrite = useCanWrite();
  const pages = useTokenPages(customer?.id);
  const me = useSignedInTokenAdmin();
  const revoke = useRevokeToken();
  const revokeOnce = useSubmitOnce();
  const [creating, { open, close }] = useDisclosure(false);
  // Revoking cannot be undone: the admin confirms in a dialog that names the token first.
  const [toRevoke, setToRevoke] = useState<ApiToken | null>(null);
  const grantable = me.data ? tokenRolesGrantableBy(me.data.role, customer ? 'customer' : 'partner') : [];
  const roles = canWrite ? grantable : [];
  // A customer the server will not show (another customer's id in the URL) gets no Create either.
  const mayManage = roles.length > 0 && !(customer && pages.isError);
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const when = (value: string | null) => (value ? format.format(new Date(value)) : '—');
  const byId = new Map(pages.items.map((token) => [token.id, token]));
  // A token still working: revoking its creator revokes it too (ADR 0085).
  const isLive = (token: ApiToken) =>
    !token.revokedAt && !(token.expiresAt && Date.parse(token.expiresAt) <= Date.now());
  // The server revokes the whole chain below a token, through revoked tokens too: so is it counted
  // here (among the tokens listed), the live ones only.
  const madeWith = (token: ApiToken) => {
    const below = new Set<string>();
    for (let reached = [token.id]; reached.length > 0;) {
      const next = pages.items.filter(
        (other) => other.createdByTokenId && reached.includes(other.createdByTokenId) && !below.has(other.id),
      );
      next.forEach((other) => below.add(other.id));
      reached = next.map((other) => other.id);
    }
    below.delete(token.id);
    return pages.items.filter((other) => below.has(other.id) && isLive(other)).length;
  };
  const cascade = toRevoke ? madeWith(toRevoke) : 0;
  const askRevoke = (token: ApiToken) => {
    revoke.reset();
    setToRevoke(token);
  };
  const confirmRevoke = () => {
    if (toRevoke)
      revokeOnce.run(() => revoke.mutateAsync(toRevoke.id), { onSuccess: () => setToRevoke(null) });
  };
  // A customer admin's tokens are its customer's: the Partner Hub URL leads to its own Control Hub.
  const ownCustomer = me.data && isCustomerRole(me.data.role) ? me.data.customerId : null;
  if (!customer && ownCustomer) return <Navigate to={`/control/${ownCustomer}/tokens`} replace />;
  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        description={
          customer ? t('tokens.customerDescription', { name: customer.name ?? '…' }) : t('tokens.description')
        }
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
              {/* On one customer's page every row has the same customer. */}
              {customer ? null : <Table.Th>{t('tokens.customer')}</Table.Th>}
              <Table.Th>{t('tokens.prefix')}</Table.Th>
              <Table.Th>{t('tokens.created')}</Table.Th>
              <Table.Th>{t('tokens.lastUsed')}</Table.Th>
              <Table.Th>{t('tokens.expires')}</Table.Th>
              <Table.Th>{t('tokens.revoked')}</Table.Th>
              {/* A named column, so a screen reader says what the buttons below are. */}
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </>
          }
        >
          {pages.items.map((token) => (
            <Table.Tr key={token.id}>
              <Table.Td>
                {token.name}
                {token.createdByTokenId ? (
                  <Text size="xs" c="dimmed" data-testid="token-created-with">
                    {t('tokens.createdWithToken', {
                      token: creatorLabel(byId.get(token.createdByTokenId), token.createdByTokenId),
                    })}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{t(`admins.roles.${token.role}`)}</Table.Td>
              {customer ? null : (
                <Table.Td>
                  {token.customerId === null ? (
                    '—'
                  ) : (
                    <Text component={Link} to={`/control/${token.customerId}/tokens`} size="sm" c="blue.8">
                      {token.customerName ?? token.customerId}
                    </Text>
                  )}
                </Table.Td>
              )}
              <Table.Td ff="monospace">{token.prefix}…</Table.Td>
              <Table.Td>{when(token.createdAt)}</Table.Td>
              <Table.Td>{when(token.lastUsedAt)}</Table.Td>
              <Table.Td>
                {token.expiresAt ? when(token.expiresAt) : t('tokens.never')}
                {/* An expired token no longer works: say so, not only the date. */}
                {token.expiresAt && !token.revokedAt && Date.parse(token.expiresAt) <= Date.now() ? (
                  <Badge color="gray" ml="xs">
                    {t('tokens.expired')}
                  </Badge>
                ) : null}
              </Table.Td>
              <Table.Td>
                {/* The date as text: a badge would cut it off in a narrow column. */}
                {token.revokedAt ? (
                  <Text size="sm" c="dimmed" data-testid="token-revoked-at">
                    {when(token.revokedAt)}
                  </Text>
                ) : (
                  '—'
                )}
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
      {mayManage ? (
        <CreateTokenDialog opened={creating} onClose={close} roles={roles} customerId={customer?.id} />
      ) : null}
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
        loading={revokeOnce.pending}
      >
        {cascade > 0 ? (
          <Text size="sm" data-testid="token-revoke-cascade">
            {cascade === 1 ? t('tokens.revokeCascadeOne') : t('tokens.revokeCascadeMany', { count: cascade })}
          </Text>
        ) : null}
        {revoke.isError ? <ErrorAlert error={revoke.error} /> : null}
      </ConfirmDialog>
    </>
  );
}

/** The token a token was created with: its name and prefix when listed, else its id. */
function creatorLabel(creator: ApiToken | undefined, id: string): string {
  return creator ? `${creator.name} (${creator.prefix}…)` : id;
}

import { useState } from 'react';
import { Button, Group, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../../components/ui/status-badge.tsx';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { PagedTable } from '../../../components/ui/paged-table.tsx';
import { useCanWrite } from '../../../lib/permissions.tsx';
import type { AdminAccount } from '../api/admins.ts';
import {
  grantableCustomerRoles,
  grantablePartnerRoles,
  useAdminPages,
  useSignedInAdmin,
} from '../api/admins.ts';
import { mayManageAdmin, roleChoicesFor } from '../api/role-choices.ts';
import { ChangeRoleDialog } from './change-role-dialog.tsx';
import { InviteAdminDialog } from './invite-admin-dialog.tsx';
import { RemoveAdminDialog } from './remove-admin-dialog.tsx';
import { ResendInviteButton } from './resend-invite-button.tsx';

interface AdminsPageProps {
  /**
   * Set in the Control Hub: list and invite this customer's admins only, with customer roles.
   * Without it the page is the Partner Hub's: the partner's admins, invited with partner roles.
   */
  customer?: { id: string; name: string | undefined };
}

export function AdminsPage({ customer }: AdminsPageProps = {}) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const pages = useAdminPages(customer?.id);
  const me = useSignedInAdmin();
  // The last resend's failure (each row sends its own: see ResendInviteButton).
  const [resendError, setResendError] = useState<unknown>(null);
  const [inviting, { open, close }] = useDisclosure(false);
  const [changing, setChanging] = useState<AdminAccount | null>(null);
  const [removing, setRemoving] = useState<AdminAccount | null>(null);
  // Read-only admins (and anyone who may grant nothing) see the list only.
  const grantable = customer ? grantableCustomerRoles(me.data) : grantablePartnerRoles(me.data);
  const roles = canWrite ? grantable : [];
  const mayInvite = roles.length > 0;
  const mayManage = (admin: AdminAccount) => canWrite && mayManageAdmin(me.data, admin);
  return (
    <>
      <PageHeader
        title={t('admins.title')}
        description={
          customer
            ? t('admins.customerDescription', {
                // The list names the customer too, should reading the customer itself fail.
                name: customer.name ?? pages.items[0]?.customerName ?? '…',
              })
            : t('admins.description')
        }
        actions={mayInvite ? <Button onClick={open}>{t('admins.invite')}</Button> : null}
      />
      <Paper>
        {resendError ? <ErrorAlert error={resendError} /> : null}
        <PagedTable
          pages={pages}
          label={t('admins.title')}
          minWidth={760}
          empty={<EmptyState title={t('admins.empty')} />}
          head={
            <>
              <Table.Th>{t('admins.email')}</Table.Th>
              <Table.Th>{t('admins.name')}</Table.Th>
              <Table.Th>{t('admins.role')}</Table.Th>
              <Table.Th>{t('admins.status')}</Table.Th>
              {/* On one customer's page every row has the same customer. */}
              {customer ? null : <Table.Th>{t('admins.customer')}</Table.Th>}
              {/* A named column, so a screen reader says what the buttons below are. */}
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </>
          }
        >
          {pages.items.map((admin) => (
            <Table.Tr key={admin.id}>
              <Table.Td>
                {admin.email}
                {me.data?.id === admin.id ? (
                  <Text span size="sm" c="dimmed">
                    {' '}
                    ({t('admins.you')})
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{admin.displayName ?? '—'}</Table.Td>
              <Table.Td>{t(`admins.roles.${admin.role}`)}</Table.Td>
              <Table.Td>
                <StatusBadge status={admin.status} />
              </Table.Td>
              {customer ? null : (
                <Table.Td>
                  {admin.customerId === null ? (
                    '—'
                  ) : (
                    <Text component={Link} to={`/partner/customers/${admin.customerId}`} size="sm" c="blue.8">
                      {admin.customerName ?? admin.customerId}
                    </Text>
                  )}
                </Table.Td>
              )}
              <Table.Td ta="right">
                {/* Wrapped where the row is short of room: the Dutch labels (Uitnodiging opnieuw
                    versturen, Rol wijzigen, Verwijderen) do not fit side by side next to a laptop
                    screen's other columns, and would push Remove out of view. */}
                <Group gap={4} justify="flex-end">
                  {mayInvite && admin.status === 'invited' ? (
                    <ResendInviteButton admin={admin} onOutcome={setResendError} />
                  ) : null}
                  {mayManage(admin) ? (
                    <>
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => setChanging(admin)}
                        aria-label={t('admins.changeRoleNamed', { email: admin.email })}
                      >
                        {t('admins.changeRole')}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setRemoving(admin)}
                        aria-label={t('admins.removeNamed', { email: admin.email })}
                      >
                        {t('admins.remove')}
                      </Button>
                    </>
                  ) : null}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </PagedTable>
      </Paper>
      {mayInvite ? (
        <InviteAdminDialog opened={inviting} onClose={close} roles={roles} customerId={customer?.id} />
      ) : null}
      {changing && me.data ? (
        <ChangeRoleDialog
          admin={changing}
          roles={roleChoicesFor(me.data.role, changing)}
          onClose={() => setChanging(null)}
        />
      ) : null}
      {removing ? <RemoveAdminDialog admin={removing} onClose={() => setRemoving(null)} /> : null}
    </>
  );
}

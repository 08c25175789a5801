import { Button, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useCanWrite } from '../../../lib/permissions.tsx';
import type { Customer } from '../api/customer-types.ts';
import { isSettled } from '../api/customer-types.ts';
import { mayManageCustomers, useSignedInRole } from '../api/signed-in-role.ts';
import { DeleteCustomerDialog } from './delete-customer-dialog.tsx';
import { EditCustomerDialog } from './edit-customer-dialog.tsx';
import { EditPackagesDialog } from './edit-packages-dialog.tsx';

/**
 * Edit, and in Partner Hub also Change packages and Delete, for one customer. Read-only admins get
 * none; what is sold and deleting are the partner's business (partner full admins, the operator).
 * A customer being deleted offers nothing.
 */
export function CustomerActions({ customer, inPartnerHub }: { customer: Customer; inPartnerHub: boolean }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const role = useSignedInRole();
  const [editing, edit] = useDisclosure(false);
  const [deleting, del] = useDisclosure(false);
  const [selling, sell] = useDisclosure(false);
  if (!canWrite || customer.status === 'deleting') return null;
  const partnerActions = inPartnerHub && mayManageCustomers(role.data);
  // The server refuses changes while provisioning or another change runs; the page polls meanwhile.
  const busy = !isSettled(customer.status);
  return (
    <Group gap="xs">
      <Button variant="default" onClick={edit.open} disabled={busy} data-testid="edit-customer">
        {t('editCustomer.edit')}
      </Button>
      {partnerActions ? (
        <Button variant="default" onClick={sell.open} disabled={busy} data-testid="edit-packages">
          {t('editPackages.action')}
        </Button>
      ) : null}
      {partnerActions ? (
        <Button variant="outline" color="red" onClick={del.open} data-testid="delete-customer">
          {t('deleteCustomer.action')}
        </Button>
      ) : null}
      {editing ? <EditCustomerDialog customer={customer} onClose={edit.close} /> : null}
      {selling ? <EditPackagesDialog customer={customer} onClose={sell.close} /> : null}
      {deleting ? <DeleteCustomerDialog customer={customer} onClose={del.close} /> : null}
    </Group>
  );
}

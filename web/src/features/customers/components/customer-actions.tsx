import { Button, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useCanWrite } from '../../../lib/permissions.tsx';
import type { Customer } from '../api/customer-types.ts';
import { mayDeleteCustomers, useSignedInRole } from '../api/signed-in-role.ts';
import { DeleteCustomerDialog } from './delete-customer-dialog.tsx';
import { EditCustomerDialog } from './edit-customer-dialog.tsx';

/**
 * Edit and (in Partner Hub) Delete for one customer. Read-only admins get neither; Delete only
 * for the roles the server lets delete customers. A customer being deleted offers nothing.
 */
export function CustomerActions({ customer, allowDelete }: { customer: Customer; allowDelete: boolean }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const role = useSignedInRole();
  const [editing, edit] = useDisclosure(false);
  const [deleting, del] = useDisclosure(false);
  if (!canWrite || customer.status === 'deleting') return null;
  const showDelete = allowDelete && mayDeleteCustomers(role.data);
  return (
    <Group gap="xs">
      <Button variant="default" onClick={edit.open} data-testid="edit-customer">
        {t('editCustomer.edit')}
      </Button>
      {showDelete ? (
        <Button variant="outline" color="red" onClick={del.open} data-testid="delete-customer">
          {t('deleteCustomer.action')}
        </Button>
      ) : null}
      {editing ? <EditCustomerDialog customer={customer} onClose={edit.close} /> : null}
      {deleting ? <DeleteCustomerDialog customer={customer} onClose={del.close} /> : null}
    </Group>
  );
}

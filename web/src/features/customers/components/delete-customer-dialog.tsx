import { List, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.tsx';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import type { Customer } from '../api/customer-types.ts';
import { useDeleteCustomer } from '../api/delete-customer.ts';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

interface DeleteCustomerDialogProps {
  customer: Customer;
  onClose: () => void;
}

/**
 * Names the customer and says what goes with it (SPEC §5: users removed, numbers and emails freed),
 * then back to the customers list while the server removes it in the background.
 */
export function DeleteCustomerDialog({ customer, onClose }: DeleteCustomerDialogProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteCustomer(customer.id);
  const removeOnce = useSubmitOnce();
  const confirm = () =>
    removeOnce.run(() => remove.mutateAsync(), {
      onSuccess: () => {
        notifications.show({
          color: 'green',
          role: 'status',
          title: t('deleteCustomer.started'),
          message: t('deleteCustomer.startedText', { name: customer.name }),
        });
        onClose();
        void navigate('/partner/customers');
      },
    });
  return (
    <ConfirmDialog
      opened
      title={t('deleteCustomer.title')}
      message={
        <span data-testid="delete-customer-question">
          {t('deleteCustomer.question', { name: customer.name, externalId: customer.externalId })}
        </span>
      }
      confirmLabel={t('deleteCustomer.confirm')}
      onConfirm={confirm}
      onCancel={onClose}
      loading={removeOnce.pending}
    >
      <List size="sm" spacing={4}>
        <List.Item>{t('deleteCustomer.users')}</List.Item>
        <List.Item>{t('deleteCustomer.numbers')}</List.Item>
        <List.Item>{t('deleteCustomer.rest')}</List.Item>
      </List>
      <Text size="sm" c="dimmed">
        {t('deleteCustomer.irreversible')}
      </Text>
      {remove.isError ? <ErrorAlert error={remove.error} /> : null}
    </ConfirmDialog>
  );
}

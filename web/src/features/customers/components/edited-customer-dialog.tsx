import { Fragment, type ReactNode } from 'react';
import { Button, Group, Loader, Modal, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { StaleEditAlert } from '../../../components/ui/stale-edit-alert.tsx';
import type { WithEtag } from '../../../lib/versioned-request.ts';
import { useEditedCustomer } from '../api/edited-customer.ts';
import type { Customer } from '../api/customer-types.ts';

/** What a customer edit form gets: the customer as read (with its ETag) and the 412's notice. */
export interface EditedCustomer {
  readonly customer: WithEtag<Customer>;
  /** The notice of a save refused because someone else changed the customer, with Reload. */
  readonly staleNotice: ReactNode;
}

/**
 * Reads the customer with its ETag when an edit dialog opens (a short "Loading…" dialog meanwhile),
 * then renders the form; Reload after a 412 renders it afresh from the customer as it is now.
 */
export function EditedCustomerDialog({
  customerId,
  onClose,
  children,
}: {
  customerId: string;
  onClose: () => void;
  /** The form, started afresh (remounted) by each Reload. */
  children: (edited: EditedCustomer) => ReactNode;
}) {
  const { t } = useTranslation();
  const edited = useEditedCustomer(customerId);
  if (!edited.customer) {
    return (
      <Modal opened onClose={onClose} title={t('common.loading')} size="lg" centered>
        <Stack>
          {edited.loadError ? (
            <ErrorAlert error={edited.loadError} action="load" onRetry={edited.retryLoad} />
          ) : (
            <Group justify="center">
              <Loader size="sm" />
            </Group>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }
  const staleNotice = (
    <>
      <StaleEditAlert record="customer" onReload={edited.reload} reloading={edited.reloading} />
      {edited.reloadError ? <ErrorAlert error={edited.reloadError} action="load" /> : null}
    </>
  );
  return <Fragment key={edited.generation}>{children({ customer: edited.customer, staleNotice })}</Fragment>;
}

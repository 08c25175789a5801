import { Fragment, type ReactNode } from 'react';
import { StaleEditAlert } from '../../../components/ui/stale-edit-alert.tsx';
import { staleEditReloadProps } from '../../../lib/use-held-for-edit.ts';
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
 * Renders an edit form at once on the customer as the page shows it (the shared customer view, which
 * carries its ETag), held from the moment the dialog opens; Reload after a 412 renders it afresh
 * from the customer as it is now.
 */
export function EditedCustomerDialog({
  customer,
  children,
}: {
  /** The customer as the page shows it when the dialog opens, with its ETag. */
  customer: WithEtag<Customer>;
  /** The form, started afresh (remounted) by each Reload. */
  children: (edited: EditedCustomer) => ReactNode;
}) {
  const edited = useEditedCustomer(customer);
  const staleNotice = <StaleEditAlert record="customer" {...staleEditReloadProps(edited)} />;
  return <Fragment key={edited.generation}>{children({ customer: edited.customer, staleNotice })}</Fragment>;
}

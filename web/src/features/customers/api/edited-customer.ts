import { useQueryClient } from '@tanstack/react-query';
import { useHeldForEdit } from '../../../lib/use-held-for-edit.ts';
import type { WithEtag } from '../../../lib/versioned-request.ts';
import type { Customer } from './customer-types.ts';
import { customerQuery } from './get-customer.ts';

/**
 * The customer an edit dialog works on: the shared customer view with its ETag as it was when the
 * dialog opened (no read of its own). It is held, so a background refresh of the view (the page's
 * polling, a focus refetch) moves neither the form's starting point nor the ETag a save sends as
 * If-Match: a change someone else made meanwhile is refused (412) instead of overwritten (ADR 0092).
 * `reload` reads the customer again after a 412, through the shared query so the page behind the
 * dialog shows the other person's change too; `generation` changes with it, as the key that starts
 * the form afresh from the reloaded customer.
 */
export function useEditedCustomer(opened: WithEtag<Customer>) {
  const queryClient = useQueryClient();
  const { held, ...edit } = useHeldForEdit(opened, () =>
    queryClient.fetchQuery({ ...customerQuery(opened.id), staleTime: 0 }),
  );
  return { customer: held, ...edit };
}

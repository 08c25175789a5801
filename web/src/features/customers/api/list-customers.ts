import { useCursorPages } from '../../../lib/use-cursor-pages.ts';
import type { Customer } from './customer-types.ts';
import { isSettled } from './customer-types.ts';

/** Search, status filter and cursor paging; the page stays live while a customer on it is provisioning. */
export function useCustomerPages(search: string, status: string | null, initialPage = 1) {
  return useCursorPages<Customer>(
    ['customers', 'list'],
    '/v1/customers',
    { search: search.trim() || undefined, status: status ?? undefined, max: 25 },
    { pollWhile: (items) => items.some((customer) => !isSettled(customer.status)), initialPage },
  );
}

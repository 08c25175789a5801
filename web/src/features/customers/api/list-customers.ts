import { useCursorPages } from '../../../lib/use-cursor-pages.ts';
import type { Customer } from './customer-types.ts';

export function useCustomerPages(search: string, status: string | null) {
  return useCursorPages<Customer>(['customers', 'list'], '/v1/customers', {
    search: search.trim() || undefined,
    status: status ?? undefined,
    max: 25,
  });
}

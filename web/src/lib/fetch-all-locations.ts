import { fetchAll } from './api-client.ts';

/** The server's largest page (`max` ≤ 200): the usual customer's locations in one request. */
const LARGEST_PAGE = 200;

/**
 * Every location of a customer, for the tables and pickers of several features (locations,
 * numbers, users): the list is paged (SPEC §7), so a select that read only the first page would
 * silently miss locations. Follows `Link: rel="next"`.
 */
export function fetchAllLocations<T>(customerId: string): Promise<T[]> {
  return fetchAll<T>(`/v1/customers/${encodeURIComponent(customerId)}/locations`, { max: LARGEST_PAGE });
}

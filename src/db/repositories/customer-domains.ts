// SQL for a customer's email domains (SPEC §5). Every statement names the customer, except the
// check whether another customer already verified a domain (answered as a yes/no only).
import { sql } from 'kysely';
import type { Executor } from '../../services/context.ts';
import type { CursorPosition } from '../../services/paging.ts';
import { withLifecycleTables, type CustomerDomainRow } from './lifecycle-schema.ts';

/**
 * A customer's domains by name; with `page`, the `limit + 1` after the cursor's domain, so a page
 * is stable while domains are added. Domains are unique per customer, so the cursor's id breaks no
 * ties: comparing and ordering on the domain alone lets the unique index on (customer_id, domain)
 * serve the filter and the order, with no sort.
 */
export async function listCustomerDomains(
  executor: Executor,
  customerId: string,
  page?: { after: CursorPosition | null; limit: number },
): Promise<CustomerDomainRow[]> {
  let query = withLifecycleTables(executor)
    .selectFrom('customer_domains')
    .selectAll()
    .where('customer_id', '=', customerId);
  if (page?.after) {
    query = query.where('domain', '>', page.after.key);
  }
  query = query.orderBy('domain');
  return page ? query.limit(page.limit + 1).execute() : query.execute();
}

export async function findCustomerDomain(
  executor: Executor,
  customerId: string,
  domainIdOrName: string,
): Promise<CustomerDomainRow | undefined> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(domainIdOrName);
  return withLifecycleTables(executor)
    .selectFrom('customer_domains')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where(isUuid ? 'id' : 'domain', '=', isUuid ? domainIdOrName : domainIdOrName.toLowerCase())
    .executeTakeFirst();
}

export async function insertCustomerDomain(
  executor: Executor,
  customerId: string,
  domain: string,
  token: string,
): Promise<CustomerDomainRow> {
  return withLifecycleTables(executor)
    .insertInto('customer_domains')
    .values({ customer_id: customerId, domain, token })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markDomainChecked(
  executor: Executor,
  customerId: string,
  domainId: string,
  verified: boolean,
): Promise<CustomerDomainRow> {
  return withLifecycleTables(executor)
    .updateTable('customer_domains')
    .set({
      last_checked_at: sql<Date>`now()`,
      ...(verified ? { status: 'verified' as const, verified_at: sql<Date>`now()` } : {}),
    })
    .where('customer_id', '=', customerId)
    .where('id', '=', domainId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteCustomerDomain(
  executor: Executor,
  customerId: string,
  domainId: string,
): Promise<void> {
  await withLifecycleTables(executor)
    .deleteFrom('customer_domains')
    .where('customer_id', '=', customerId)
    .where('id', '=', domainId)
    .execute();
}

/** Whether another customer holds this domain verified (the unique index would refuse it). */
export async function domainVerifiedElsewhere(
  executor: Executor,
  customerId: string,
  domain: string,
): Promise<boolean> {
  const row = await withLifecycleTables(executor)
    .selectFrom('customer_domains')
    .select('id')
    .where('domain', '=', domain)
    .where('status', '=', 'verified')
    .where('customer_id', '!=', customerId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function verifiedDomains(executor: Executor, customerId: string): Promise<string[]> {
  const rows = await withLifecycleTables(executor)
    .selectFrom('customer_domains')
    .select('domain')
    .where('customer_id', '=', customerId)
    .where('status', '=', 'verified')
    .execute();
  return rows.map((row) => row.domain);
}

// SQL for customers and the packages they were sold. Every read takes the caller's scope, so a
// customer of another partner (or, for customer admins, any other customer) is never returned.
import { sql, type Selectable } from 'kysely';
import type { CustomerScope } from '../../services/access/policy.ts';
import type { Executor } from '../../services/context.ts';
import type { CursorPosition } from '../../services/paging.ts';
import type {
  CustomerPackagesTable,
  CustomerRow,
  CustomerStatus,
  CustomerUpdate,
  NewCustomer,
} from '../schema.ts';

export type CustomerPackageRow = Selectable<CustomerPackagesTable>;

function scoped(executor: Executor, scope: CustomerScope) {
  let query = executor.selectFrom('customers').selectAll('customers');
  if (scope.partnerId !== null) query = query.where('customers.partner_id', '=', scope.partnerId);
  if (scope.customerId !== null) query = query.where('customers.id', '=', scope.customerId);
  return query;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export async function findCustomerById(
  executor: Executor,
  scope: CustomerScope,
  id: string,
): Promise<CustomerRow | undefined> {
  if (!isUuid(id)) return undefined;
  return scoped(executor, scope).where('customers.id', '=', id).executeTakeFirst();
}

/** Names of the given customers (ids the caller already holds from rows it may see). */
export async function findCustomerNames(
  executor: Executor,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await executor
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The CLI and the Wholesale API address customers by id or by the partner's externalId. */
export async function findCustomerByRef(
  executor: Executor,
  scope: CustomerScope & { actingPartnerId: string },
  ref: string,
): Promise<CustomerRow | undefined> {
  if (isUuid(ref)) {
    const byId = await findCustomerById(executor, scope, ref);
    if (byId) return byId;
  }
  return scoped(executor, scope)
    .where('customers.partner_id', '=', scope.partnerId ?? scope.actingPartnerId)
    .where('customers.external_id', '=', ref)
    .executeTakeFirst();
}

/** Locks the row for an update in the caller's transaction. */
export async function lockCustomer(
  executor: Executor,
  scope: CustomerScope,
  id: string,
): Promise<CustomerRow | undefined> {
  if (!isUuid(id)) return undefined;
  return scoped(executor, scope).where('customers.id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * Takes the customer's usage lock (ADR 0073) for the rest of the caller's transaction and answers
 * the row as committed now. Every transaction that can raise a package's usage takes it before it
 * counts usage or locks any user, so two of them never count the same free slot. FOR NO KEY
 * UPDATE: it waits for the customer's own updates (a limit change counts usage under FOR UPDATE)
 * and for other holders, but not for the key-share locks that inserting a user or an audit row
 * takes, so writes that raise no usage never wait for it. The id comes from a row the caller read
 * with its scope.
 */
export async function lockCustomerUsage(
  executor: Executor,
  customerId: string,
): Promise<CustomerRow | undefined> {
  return executor
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', customerId)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

/**
 * The customer row for its deletion (FOR UPDATE: the row goes). Taken first in the deletion's
 * transaction, before any user row, in the lock order of ADR 0073; it waits for a user write that
 * holds the usage lock, and such a write never waits for the deletion.
 */
export async function lockCustomerForDeletion(
  executor: Executor,
  customerId: string,
): Promise<CustomerRow | undefined> {
  return executor
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', customerId)
    .forUpdate()
    .executeTakeFirst();
}

export interface CustomerListFilter {
  readonly search?: string | undefined;
  readonly status?: CustomerStatus | undefined;
  readonly externalId?: string | undefined;
  readonly after: CursorPosition | null;
  readonly limit: number;
}

export async function listCustomers(
  executor: Executor,
  scope: CustomerScope,
  filter: CustomerListFilter,
): Promise<CustomerRow[]> {
  let query = scoped(executor, scope);
  if (filter.search) {
    const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(customers.name)`, 'like', pattern),
        eb(sql`lower(customers.external_id)`, 'like', pattern),
      ]),
    );
  }
  if (filter.status) query = query.where('customers.status', '=', filter.status);
  if (filter.externalId) query = query.where('customers.external_id', '=', filter.externalId);
  if (filter.after) {
    const { key, id } = filter.after;
    query = query.where(sql<boolean>`(lower(customers.name), customers.id) > (${key}, ${id}::uuid)`);
  }
  return query
    .orderBy(sql`lower(customers.name)`)
    .orderBy('customers.id')
    .limit(filter.limit + 1)
    .execute();
}

export async function insertCustomer(executor: Executor, values: NewCustomer): Promise<CustomerRow> {
  return executor.insertInto('customers').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateCustomer(
  executor: Executor,
  customerId: string,
  values: CustomerUpdate,
): Promise<CustomerRow> {
  return executor
    .updateTable('customers')
    .set({ ...values, updated_at: sql`now()`, version: sql`version + 1` })
    .where('id', '=', customerId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteCustomerRow(executor: Executor, customerId: string): Promise<void> {
  await executor.deleteFrom('customers').where('id', '=', customerId).execute();
}

export async function listCustomerPackages(
  executor: Executor,
  customerIds: readonly string[],
): Promise<CustomerPackageRow[]> {
  if (customerIds.length === 0) return [];
  return executor
    .selectFrom('customer_packages')
    .selectAll()
    .where('customer_id', 'in', customerIds)
    .orderBy('customer_id')
    .orderBy('package_id')
    .execute();
}

export async function replaceCustomerPackages(
  executor: Executor,
  customerId: string,
  packages: readonly { packageId: string; limit: number | null }[],
): Promise<void> {
  await executor.deleteFrom('customer_packages').where('customer_id', '=', customerId).execute();
  if (packages.length === 0) return;
  await executor
    .insertInto('customer_packages')
    .values(
      packages.map((entry) => ({ customer_id: customerId, package_id: entry.packageId, limit: entry.limit })),
    )
    .execute();
}

/**
 * How many users hold each package and the add-on: the usage side of the limits. `only` narrows
 * the count to those ids (planning needs only the packages sold with a limit).
 */
export async function countPackageUsage(
  executor: Executor,
  customerId: string,
  only?: readonly string[],
): Promise<Map<string, number>> {
  return (await countPackageUsageByCustomer(executor, [customerId], only)).get(customerId) ?? new Map();
}

/**
 * The limits' usage count for several customers in one grouped query (a page of the customers
 * list): customer id → package or add-on id → holders. Every given customer has an entry.
 */
export async function countPackageUsageByCustomer(
  executor: Executor,
  customerIds: readonly string[],
  only?: readonly string[],
): Promise<Map<string, Map<string, number>>> {
  const byCustomer = new Map(customerIds.map((id) => [id, new Map<string, number>()]));
  if (customerIds.length === 0 || only?.length === 0) return byCustomer;
  const countConsoles = !only || only.includes('attendant_console');
  const packages = only?.filter((id) => id !== 'attendant_console');
  let query = executor
    .selectFrom('users')
    .select([
      'customer_id',
      'package',
      sql<number>`count(*)::int`.as('holders'),
      sql<number>`count(*) filter (where attendant_console)::int`.as('consoles'),
    ])
    .where('customer_id', 'in', customerIds);
  // Counting only the add-on: every package group must be read, so leave `package` unfiltered.
  if (packages && packages.length > 0 && !countConsoles) query = query.where('package', 'in', packages);
  const rows = await query.groupBy(['customer_id', 'package']).execute();
  const consoles = new Map<string, number>();
  for (const row of rows) {
    const usage = byCustomer.get(row.customer_id);
    if (!usage) continue;
    if (row.package && (!packages || packages.includes(row.package))) usage.set(row.package, row.holders);
    consoles.set(row.customer_id, (consoles.get(row.customer_id) ?? 0) + row.consoles);
  }
  if (countConsoles) {
    for (const [customerId, usage] of byCustomer)
      usage.set('attendant_console', consoles.get(customerId) ?? 0);
  }
  return byCustomer;
}

// SQL the CSV import needs on users, numbers and the customer: one snapshot read to plan a file,
// and set-based writes for a batch of planned rows. Every statement names the customer.
import { sql } from 'kysely';
import type { SoldPackage } from '../../domain/packages/rules.ts';
import type { PlanningLocation } from '../../domain/users/planning-context.ts';
import { emptyUser, type UserState } from '../../domain/users/user-state.ts';
import type { Executor } from '../../services/context.ts';
import type { CustomerRow, UserRow } from '../schema.ts';
import { userStateColumns } from './users.ts';

const INSERT_COLUMNS = ['customer_id', ...Object.keys(userStateColumns(emptyUserForColumns()))];

function emptyUserForColumns(): UserState {
  return emptyUser('');
}

export interface ImportCustomerFacts {
  readonly soldPackages: SoldPackage[];
  readonly locations: PlanningLocation[];
  readonly customerFullAdmins: string[];
}

export async function loadImportCustomerFacts(
  executor: Executor,
  customer: CustomerRow,
): Promise<ImportCustomerFacts> {
  const [packages, locations, admins] = await Promise.all([
    executor
      .selectFrom('customer_packages')
      .select(['package_id', 'limit'])
      .where('customer_id', '=', customer.id)
      .execute(),
    executor
      .selectFrom('locations')
      .select(['id', 'name', 'country'])
      .where('customer_id', '=', customer.id)
      .execute(),
    executor
      .selectFrom('admin_accounts')
      .select('email')
      .where('customer_id', '=', customer.id)
      .where('role', '=', 'customer_full_admin')
      .execute(),
  ]);
  return {
    soldPackages: packages.map((row) => ({
      packageId: row.package_id as SoldPackage['packageId'],
      limit: row.limit,
    })),
    locations: locations.map((row) => ({ id: row.id, name: row.name, country: row.country.trim() })),
    customerFullAdmins: admins.map((row) => row.email.toLowerCase()),
  };
}

/** All users of a customer, streamed in pages so the driver never holds one huge result. */
export async function* streamCustomerUsers(
  executor: Executor,
  customerId: string,
  pageSize = 5000,
): AsyncGenerator<UserRow[]> {
  let after = '';
  for (;;) {
    const rows = await executor
      .selectFrom('users')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where(sql<string>`lower(email)`, '>', after)
      .orderBy(sql`lower(email)`)
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = last.email.toLowerCase();
  }
}

/** Which of these (lower-case) emails belong to users of other customers. */
export async function findEmailsOfOtherCustomers(
  executor: Executor,
  customerId: string,
  emails: readonly string[],
): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await executor
    .selectFrom('users')
    .select(sql<string>`lower(email)`.as('email'))
    .where(sql<string>`lower(email)`, 'in', emails)
    .where('customer_id', '<>', customerId)
    .execute();
  return new Set(rows.map((row) => row.email));
}

/** One JSON parameter for the whole batch (jsonb_populate_recordset), not 24 bind parameters a row. */
export async function insertImportedUsers(
  executor: Executor,
  customerId: string,
  users: readonly UserState[],
): Promise<{ id: string; email: string }[]> {
  if (users.length === 0) return [];
  const payload = JSON.stringify(
    users.map((user) => ({ customer_id: customerId, ...userStateColumns(user) })),
  );
  const columns = sql.raw(INSERT_COLUMNS.join(', '));
  const result = await sql<{ id: string; email: string }>`
    insert into users (${columns})
    select ${columns} from jsonb_populate_recordset(null::users, ${payload}::jsonb)
    returning id, email`.execute(executor);
  return result.rows;
}

export async function updateImportedUser(
  executor: Executor,
  customerId: string,
  user: UserState,
): Promise<string | null> {
  const row = await executor
    .updateTable('users')
    .set({ ...userStateColumns(user), version: sql`version + 1`, updated_at: sql`now()` })
    .where('customer_id', '=', customerId)
    .where(sql<string>`lower(email)`, '=', user.email)
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function deleteImportedUsers(
  executor: Executor,
  customerId: string,
  emails: readonly string[],
): Promise<{ id: string; email: string }[]> {
  if (emails.length === 0) return [];
  return executor
    .deleteFrom('users')
    .where('customer_id', '=', customerId)
    .where(sql<string>`lower(email)`, 'in', emails)
    .returning(['id', 'email'])
    .execute();
}

export async function markUsersPendingMigration(
  executor: Executor,
  customerId: string,
  userIds: readonly string[],
): Promise<void> {
  if (userIds.length === 0) return;
  await executor
    .updateTable('users')
    .set({ status: 'pending_user_migration', updated_at: sql`now()` })
    .where('customer_id', '=', customerId)
    .where('id', 'in', userIds)
    .execute();
}

/** The inventory entries (number -> location) among these numbers. */
export async function findInventoryNumbers(
  executor: Executor,
  customerId: string,
  numbers: readonly string[],
): Promise<{ e164: string; locationId: string }[]> {
  if (numbers.length === 0) return [];
  const rows = await executor
    .selectFrom('phone_numbers')
    .select(['e164', 'location_id'])
    .where('customer_id', '=', customerId)
    .where('e164', 'in', numbers)
    .execute();
  return rows.map((row) => ({ e164: row.e164, locationId: row.location_id }));
}

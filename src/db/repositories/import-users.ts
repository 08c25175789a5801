// SQL the CSV import needs on users and the customer: the facts read once to plan a file,
// and set-based writes for a batch of planned rows. Every statement names the customer.
import { sql } from 'kysely';
import type { SoldPackage } from '../../domain/packages/rules.ts';
import type { PlanningLocation } from '../../domain/users/planning-context.ts';
import { emptyUser, type UserState } from '../../domain/users/user-state.ts';
import type { Executor } from '../../services/context.ts';
import type { CustomerRow, UserRow } from '../schema.ts';
import { userStateColumns } from './users.ts';
import { columnList, unnestRows, type UnnestColumn } from './unnest-rows.ts';
import type { ImportAuditSource } from './import-audit.ts';

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

// Key lists travel as one array parameter (`unnest($1::text[])`): a thousand bind parameters cost
// the server more to parse and plan than the lookups themselves. The lookups are written as one
// index probe per key (LATERAL … LIMIT 1): while an import fills a table its statistics are stale,
// and a planner that believes the table small would scan all of it for every batch instead.

interface NewImportedUser {
  readonly customerId: string;
  readonly columns: ReturnType<typeof userStateColumns>;
  /** The version the change was planned on (updates only). */
  readonly plannedVersion?: number;
}

type UserColumnName = keyof ReturnType<typeof userStateColumns>;
const BOOLEAN_COLUMNS: ReadonlySet<UserColumnName> = new Set([
  'jabber_webex_teams',
  'jabber_calling',
  'attendant_console',
  'basic_messaging',
  'basic_space_meetings',
  'calling_from_webex',
]);

const USER_COLUMNS: readonly UnnestColumn<NewImportedUser>[] = [
  { name: 'customer_id', type: 'uuid', value: (user) => user.customerId },
  ...(Object.keys(userStateColumns(emptyUser(''))) as UserColumnName[]).map(
    (name): UnnestColumn<NewImportedUser> => ({
      name,
      type: BOOLEAN_COLUMNS.has(name) ? 'boolean' : name === 'location_id' ? 'uuid' : 'text',
      value: (user) => user.columns[name],
    }),
  ),
];

/**
 * A created user's audit `after`, built by the server from the inserted row: the same JSON as the
 * UserState the planner made (import-users.test.ts compares the two). Building it from the row
 * saves sending and parsing a second copy of every user, which was a third of an apply's time.
 */
const CREATED_USER_STATE = sql.raw(`jsonb_build_object(
  'email', email, 'firstName', first_name, 'lastName', last_name, 'displayName', display_name,
  'title', title, 'department', department, 'manager', manager,
  'callerIdFirstName', caller_id_first_name, 'callerIdLastName', caller_id_last_name,
  'preferredLanguage', preferred_language, 'timeZone', time_zone,
  'preferredWebexSite', preferred_webex_site, 'extension', extension, 'phoneNumber', phone_number,
  'callerIdNumber', caller_id_number, 'locationId', location_id,
  'jabberWithTeams', jabber_webex_teams, 'jabberCalling', jabber_calling, 'packageId', package,
  'addOns', jsonb_build_object('attendant_console', attendant_console),
  'basicLicences', jsonb_build_object('basic_messaging', basic_messaging,
    'basic_space_meetings', basic_space_meetings, 'calling_from_webex', calling_from_webex))`);

export interface InsertedUser {
  readonly id: string;
  readonly email: string;
  /** The email is a free account's: the user waits for the person's consent (SPEC §5). */
  readonly free_account: boolean;
}

/**
 * Inserts a batch of users and, in the same statement, their `user.create` audit rows. One
 * statement for the whole batch (unnest-rows.ts), not 24 bind parameters a row.
 */
export async function insertImportedUsers(
  executor: Executor,
  customerId: string,
  users: readonly UserState[],
  audit: ImportAuditSource,
): Promise<InsertedUser[]> {
  if (users.length === 0) return [];
  const rows = users.map((user) => ({ customerId, columns: userStateColumns(user) }));
  const result = await sql<InsertedUser>`
    with inserted as (
      insert into users (${columnList(USER_COLUMNS)})
      ${unnestRows(USER_COLUMNS, rows)}
      returning *
    ), audited as (
      insert into audit_events
        (partner_id, customer_id, actor_type, actor_id, actor_label, action, target_type, target_id,
         before, after, request_id, job_id)
      select ${audit.partner_id}::uuid, ${audit.customer_id}::uuid, ${audit.actor_type}, ${audit.actor_id},
        ${audit.actor_label}, 'user.create', 'user', inserted.id::text, null, ${CREATED_USER_STATE},
        ${audit.request_id}, ${audit.job_id}::uuid
      from inserted
    )
    select id, email,
      exists (select 1 from free_accounts where lower(free_accounts.email) = lower(inserted.email))
        as free_account
    from inserted`.execute(executor);
  return result.rows;
}

const STATE_COLUMNS = USER_COLUMNS.filter((column) => column.name !== 'customer_id');
const UPDATE_COLUMNS: readonly UnnestColumn<NewImportedUser>[] = [
  ...STATE_COLUMNS,
  { name: 'planned_version', type: 'integer', value: (user) => user.plannedVersion ?? null },
];
const STATE_ASSIGNMENTS = sql.raw(
  STATE_COLUMNS.map((column) => `${column.name} = r.${column.name}`).join(', '),
);

/** A modified user's planned change, and the version of the stored user it was planned on. */
export interface ImportedUserChange {
  readonly before: UserState;
  readonly after: UserState;
  readonly version: number;
}

/**
 * Writes the planned state of a batch's modified users, set-based. Answers each updated user's id
 * by (lower-case) email. A user whose version is no longer the one its change was planned on is
 * not written and not in the answer: another writer changed it since (ADR 0086).
 *
 * One UPDATE applies its rows in no particular order, and the unique indexes on extension and
 * number are checked row by row: when one row hands on an extension that a later row takes, the
 * taker could be written first. So the extensions and numbers that change are released first,
 * then every user gets its planned state.
 */
export async function updateImportedUsers(
  executor: Executor,
  customerId: string,
  changes: readonly ImportedUserChange[],
): Promise<Map<string, string>> {
  if (changes.length === 0) return new Map();
  const releasing = changes.filter(
    ({ before, after }) => before.extension !== after.extension || before.phoneNumber !== after.phoneNumber,
  );
  // Releasing bumps no version: the UPDATE below still finds the version it was planned on.
  if (releasing.length > 0)
    await sql`
      update users set extension = null, phone_number = null
      from unnest(${releasing.map(({ before }) => before.email)}::text[],
        ${releasing.map(({ version }) => version)}::integer[]) as k (email, version)
      where users.customer_id = ${customerId} and lower(users.email) = k.email
        and users.version = k.version`.execute(executor);
  const rows = changes.map(({ after, version }) => ({
    customerId,
    columns: userStateColumns(after),
    plannedVersion: version,
  }));
  const result = await sql<{ id: string; email: string }>`
    update users set ${STATE_ASSIGNMENTS}, version = version + 1, updated_at = now()
    from (${unnestRows(UPDATE_COLUMNS, rows)}) as r
    where users.customer_id = ${customerId} and lower(users.email) = r.email
      and users.version = r.planned_version
    returning users.id, lower(users.email) as email`.execute(executor);
  return new Map(result.rows.map((row) => [row.email, row.id]));
}

/**
 * Deletes a batch's removed users, each only while its version is the one its removal was planned
 * on (ADR 0086). Answers the users deleted.
 */
export async function deleteImportedUsers(
  executor: Executor,
  customerId: string,
  removals: readonly { email: string; version: number }[],
): Promise<{ id: string; email: string }[]> {
  if (removals.length === 0) return [];
  const result = await sql<{ id: string; email: string }>`
    delete from users
    using unnest(${removals.map(({ email }) => email)}::text[],
      ${removals.map(({ version }) => version)}::integer[]) as k (email, version)
    where users.customer_id = ${customerId} and lower(users.email) = k.email
      and users.version = k.version
    returning users.id, users.email`.execute(executor);
  return result.rows;
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

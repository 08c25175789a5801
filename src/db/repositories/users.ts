// SQL for a customer's users, and the mapping between a row and the planner's UserState.
// Every statement names the customer: a user of another customer is never read or written.
import { sql, type SelectQueryBuilder } from 'kysely';
import { isPackageId } from '../../domain/packages/catalog.ts';
import type { UserState } from '../../domain/users/user-state.ts';
import type { Executor } from '../../services/context.ts';
import type { CursorPosition } from '../../services/paging.ts';
import type { DB, NewUser, UserRow, UserStatus, UserUpdate } from '../schema.ts';

export function toUserState(row: UserRow): UserState {
  return {
    email: row.email.toLowerCase(),
    firstName: row.first_name,
    lastName: row.last_name,
    displayName: row.display_name,
    title: row.title,
    department: row.department,
    manager: row.manager,
    callerIdFirstName: row.caller_id_first_name,
    callerIdLastName: row.caller_id_last_name,
    preferredLanguage: row.preferred_language,
    timeZone: row.time_zone,
    preferredWebexSite: row.preferred_webex_site,
    extension: row.extension,
    phoneNumber: row.phone_number,
    callerIdNumber: row.caller_id_number,
    locationId: row.location_id,
    jabberWithTeams: row.jabber_webex_teams ?? false,
    jabberCalling: row.jabber_calling ?? false,
    packageId: row.package && isPackageId(row.package) ? row.package : null,
    addOns: { attendant_console: row.attendant_console },
    basicLicences: {
      basic_messaging: row.basic_messaging,
      basic_space_meetings: row.basic_space_meetings,
      calling_from_webex: row.calling_from_webex,
    },
  };
}

/** The columns a UserState sets (provisioning state, ids and timestamps are not part of it). */
export function userStateColumns(state: UserState) {
  return {
    email: state.email,
    first_name: state.firstName,
    last_name: state.lastName,
    display_name: state.displayName,
    title: state.title,
    department: state.department,
    manager: state.manager,
    caller_id_first_name: state.callerIdFirstName,
    caller_id_last_name: state.callerIdLastName,
    preferred_language: state.preferredLanguage,
    time_zone: state.timeZone,
    preferred_webex_site: state.preferredWebexSite,
    extension: state.extension,
    phone_number: state.phoneNumber,
    caller_id_number: state.callerIdNumber,
    location_id: state.locationId,
    jabber_webex_teams: state.jabberWithTeams,
    jabber_calling: state.jabberCalling,
    package: state.packageId,
    attendant_console: state.addOns.attendant_console,
    basic_messaging: state.basicLicences.basic_messaging,
    basic_space_meetings: state.basicLicences.basic_space_meetings,
    calling_from_webex: state.basicLicences.calling_from_webex,
  } satisfies Partial<NewUser>;
}

export async function findUser(
  executor: Executor,
  customerId: string,
  userId: string,
): Promise<UserRow | undefined> {
  return executor
    .selectFrom('users')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function lockUser(
  executor: Executor,
  customerId: string,
  userId: string,
): Promise<UserRow | undefined> {
  return executor
    .selectFrom('users')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
}

export async function findUserByEmail(
  executor: Executor,
  customerId: string,
  email: string,
): Promise<UserRow | undefined> {
  return executor
    .selectFrom('users')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

/**
 * The users a planned change can touch: those with these emails, or holding these extensions or
 * numbers. Enough for the planner to judge uniqueness without loading the whole customer.
 */
export async function findRelevantUsers(
  executor: Executor,
  customerId: string,
  keys: { emails: readonly string[]; extensions: readonly string[]; phoneNumbers: readonly string[] },
): Promise<UserRow[]> {
  const emails = keys.emails.map((email) => email.toLowerCase());
  if (emails.length + keys.extensions.length + keys.phoneNumbers.length === 0) return [];
  return executor
    .selectFrom('users')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where((eb) =>
      eb.or([
        ...(emails.length ? [eb(sql`lower(email)`, 'in', emails)] : []),
        ...(keys.extensions.length ? [eb('extension', 'in', [...keys.extensions])] : []),
        ...(keys.phoneNumbers.length ? [eb('phone_number', 'in', [...keys.phoneNumbers])] : []),
      ]),
    )
    .execute();
}

/** Emails (lower-case) among these that belong to users of other customers. */
export async function emailsTakenElsewhere(
  executor: Executor,
  customerId: string,
  emails: readonly string[],
): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await executor
    .selectFrom('users')
    .select(sql<string>`lower(email)`.as('email'))
    .where(
      sql`lower(email)`,
      'in',
      emails.map((email) => email.toLowerCase()),
    )
    .where('customer_id', '!=', customerId)
    .execute();
  return new Set(rows.map((row) => row.email));
}

export async function insertUser(
  executor: Executor,
  customerId: string,
  state: UserState,
  extra: Partial<NewUser> = {},
): Promise<UserRow> {
  return executor
    .insertInto('users')
    .values({ customer_id: customerId, ...userStateColumns(state), ...extra })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateUserRow(
  executor: Executor,
  customerId: string,
  userId: string,
  values: UserUpdate,
): Promise<UserRow> {
  return executor
    .updateTable('users')
    .set({ ...values, updated_at: sql`now()`, version: sql`version + 1` })
    .where('customer_id', '=', customerId)
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteUserRow(executor: Executor, customerId: string, userId: string): Promise<void> {
  await executor.deleteFrom('users').where('customer_id', '=', customerId).where('id', '=', userId).execute();
}

export interface UserListSearch {
  readonly search?: string | undefined;
  readonly packageId?: string | undefined;
  readonly status?: UserStatus | undefined;
  readonly locationId?: string | undefined;
}

export interface UserListFilter extends UserListSearch {
  readonly after: CursorPosition | null;
  /** Rows skipped before the page (instead of `after`). */
  readonly offset?: number | undefined;
  readonly limit: number;
}

export interface UserListRow extends UserRow {
  location_name: string | null;
}

/** The users list's search and filters, the same for its pages and its count. */
function whereListed<O>(
  query: SelectQueryBuilder<DB, 'users', O>,
  customerId: string,
  filter: UserListSearch,
): SelectQueryBuilder<DB, 'users', O> {
  let filtered = query.where('users.customer_id', '=', customerId);
  if (filter.search) {
    const prefix = `${filter.search
      .trim()
      .replace(/\s+/g, ' ')
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // Prefix of the email, first name, last name, display name, or first and last name together
    // (the name the list shows): each has a text_pattern_ops index (migrations 0006 and 0017),
    // written exactly as indexed.
    filtered = filtered.where((eb) =>
      eb.or([
        eb(sql`lower(users.email)`, 'like', prefix),
        eb(sql`lower(users.first_name)`, 'like', prefix),
        eb(sql`lower(users.last_name)`, 'like', prefix),
        eb(sql`lower(users.display_name)`, 'like', prefix),
        eb(sql`lower(users.first_name || ' ' || users.last_name)`, 'like', prefix),
      ]),
    );
  }
  if (filter.packageId === 'none') filtered = filtered.where('users.package', 'is', null);
  else if (filter.packageId) filtered = filtered.where('users.package', '=', filter.packageId);
  if (filter.status) filtered = filtered.where('users.status', '=', filter.status);
  if (filter.locationId) filtered = filtered.where('users.location_id', '=', filter.locationId);
  return filtered;
}

export async function listUsers(
  executor: Executor,
  customerId: string,
  filter: UserListFilter,
): Promise<UserListRow[]> {
  let query = whereListed(
    executor
      .selectFrom('users')
      .leftJoin('locations', (join) =>
        join
          .onRef('locations.id', '=', 'users.location_id')
          .onRef('locations.customer_id', '=', 'users.customer_id'),
      )
      .selectAll('users')
      .select('locations.name as location_name'),
    customerId,
    filter,
  );
  // A search sorts on `lower(email) || ''`: the same order, but it keeps the planner from walking
  // the email index and filtering (slow for a selective prefix) instead of combining the three
  // prefix indexes and sorting the few matches.
  const sortKey = filter.search ? sql`(lower(users.email) || '')` : sql`lower(users.email)`;
  if (filter.after) {
    query = query.where(
      sql<boolean>`(${sortKey}, users.id) > (${filter.after.key}, ${filter.after.id}::uuid)`,
    );
  }
  query = query
    .orderBy(sortKey)
    .orderBy('users.id')
    .limit(filter.limit + 1);
  // In the same order on the same index: the rows skipped are read, none sorted (ADR 0094).
  if (filter.offset) query = query.offset(filter.offset);
  return query.execute();
}

/** How many users the list's search and filters match, on all its pages (asked for with `count=true`). */
export async function countListedUsers(
  executor: Executor,
  customerId: string,
  filter: UserListSearch,
): Promise<number> {
  const row = await whereListed(executor.selectFrom('users'), customerId, filter)
    .select((eb) => eb.fn.countAll<string>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function customerFullAdminEmails(executor: Executor, customerId: string): Promise<string[]> {
  const rows = await executor
    .selectFrom('admin_accounts')
    .select('email')
    .where('customer_id', '=', customerId)
    .where('role', '=', 'customer_full_admin')
    .where('status', '!=', 'disabled')
    .execute();
  return rows.map((row) => row.email.toLowerCase());
}

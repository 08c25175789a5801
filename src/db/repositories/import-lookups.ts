// What one batch of an import asks the database (ADR 0013): the stored users with the batch's
// emails, the customer's inventory entries and holders among the numbers it names, the holders of
// its extensions. One index probe per key (`unnest … cross join lateral … limit 1`), so the cost
// follows the batch, not the customer. Every statement names the customer.
import { sql } from 'kysely';
import type { NumberEntry } from '../../domain/users/planning-context.ts';
import type { Executor } from '../../services/context.ts';
import type { UserRow } from '../schema.ts';

export interface BatchUsers {
  /** The customer's users among the emails. */
  readonly own: UserRow[];
  /** Emails (lower-case) among them that belong to users of other customers. */
  readonly foreign: Set<string>;
}

/**
 * `emails` lower-case, distinct. One probe of the email index per key finds its holder; only the
 * customer's own users are read whole (another customer's user only answers "taken").
 */
export async function findBatchUsers(
  executor: Executor,
  customerId: string,
  emails: readonly string[],
): Promise<BatchUsers> {
  if (emails.length === 0) return { own: [], foreign: new Set() };
  // `(case … then holder.stored end).*`: the holder's columns when it is the customer's own user,
  // nulls otherwise, from the one probe.
  const result = await sql<UserRow & { probed_email: string; own_user: boolean }>`
    select k.email as probed_email, (holder.stored).customer_id = ${customerId} as own_user,
      (case when (holder.stored).customer_id = ${customerId} then holder.stored end).*
    from unnest(${emails}::text[]) as k (email)
    cross join lateral (
      select users as stored from users where lower(users.email) = k.email limit 1) as holder`.execute(
    executor,
  );
  const own: UserRow[] = [];
  const foreign = new Set<string>();
  for (const { probed_email: email, own_user: isOwn, ...row } of result.rows) {
    if (isOwn) own.push(row);
    else foreign.add(email);
  }
  return { own, foreign };
}

/** The customer's inventory entries among these E.164 numbers, with the user holding each. */
export async function findBatchNumbers(
  executor: Executor,
  customerId: string,
  numbers: readonly string[],
): Promise<Map<string, NumberEntry>> {
  if (numbers.length === 0) return new Map();
  const result = await sql<{ e164: string; location_id: string; holder: string | null }>`
    select k.e164, entry.location_id, holder.email as holder from unnest(${numbers}::text[]) as k (e164)
    cross join lateral (
      select location_id, customer_id from phone_numbers where phone_numbers.e164 = k.e164 limit 1) as entry
    left join lateral (
      select lower(users.email) as email from users
      where users.phone_number = k.e164 and users.customer_id = ${customerId} limit 1) as holder on true
    where entry.customer_id = ${customerId}`.execute(executor);
  return new Map(result.rows.map((row) => [row.e164, { locationId: row.location_id, holder: row.holder }]));
}

/** Extension -> lower-case email of the customer's user holding it, for these extensions. */
export async function findExtensionHolders(
  executor: Executor,
  customerId: string,
  extensions: readonly string[],
): Promise<Map<string, string>> {
  if (extensions.length === 0) return new Map();
  const result = await sql<{ extension: string; holder: string }>`
    select k.extension, lower(holder.email) as holder from unnest(${extensions}::text[]) as k (extension)
    cross join lateral (
      select email from users
      where users.customer_id = ${customerId} and users.extension = k.extension limit 1) as holder`.execute(
    executor,
  );
  return new Map(result.rows.map((row) => [row.extension, row.holder]));
}

/**
 * Locks the customer's users with these ids (FOR UPDATE, in id order so two lockers of overlapping
 * sets cannot deadlock) and answers each one's version: a user missing from the answer was deleted.
 * An import batch calls it in its transaction, after the customer's usage lock (ADR 0073, 0086).
 */
export async function lockUserVersions(
  executor: Executor,
  customerId: string,
  ids: readonly string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const result = await sql<{ id: string; version: number }>`
    select id, version from users
    where customer_id = ${customerId} and id = any(${ids}::uuid[])
    order by id
    for update`.execute(executor);
  return new Map(result.rows.map((row) => [row.id, row.version]));
}

// SQL for a customer's number inventory. A number's holder is the user whose phone_number it is.
import { sql } from 'kysely';
import type { Executor } from '../../services/context.ts';

export interface PhoneNumberListing {
  readonly e164: string;
  readonly location_id: string;
  readonly location_name: string;
  readonly user_id: string | null;
  readonly user_email: string | null;
}

export interface PhoneNumberFilter {
  readonly locationId?: string | undefined;
  readonly state?: 'free' | 'taken' | undefined;
  readonly after?: string | undefined;
  readonly limit: number;
}

export async function listPhoneNumbers(
  executor: Executor,
  customerId: string,
  filter: PhoneNumberFilter,
): Promise<PhoneNumberListing[]> {
  let query = executor
    .selectFrom('phone_numbers as n')
    .innerJoin('locations as l', (join) =>
      join.onRef('l.id', '=', 'n.location_id').onRef('l.customer_id', '=', 'n.customer_id'),
    )
    .leftJoin('users as u', (join) =>
      join.onRef('u.phone_number', '=', 'n.e164').onRef('u.customer_id', '=', 'n.customer_id'),
    )
    .select([
      'n.e164',
      'n.location_id',
      'l.name as location_name',
      'u.id as user_id',
      'u.email as user_email',
    ])
    .where('n.customer_id', '=', customerId);
  if (filter.locationId) query = query.where('n.location_id', '=', filter.locationId);
  if (filter.state === 'free') query = query.where('u.id', 'is', null);
  if (filter.state === 'taken') query = query.where('u.id', 'is not', null);
  if (filter.after) query = query.where('n.e164', '>', filter.after);
  return query
    .orderBy('n.e164')
    .limit(filter.limit + 1)
    .execute();
}

export interface NumberOwner {
  readonly e164: string;
  readonly partner_id: string;
  readonly customer_id: string;
  readonly customer_name: string;
  readonly location_id: string;
  readonly location_name: string;
}

/**
 * Which of these numbers exist anywhere, and whose they are. Across tenants on purpose: the
 * inventory is unique deployment-wide. The caller decides what of the answer it may show (ADR 0074).
 */
export async function findNumberOwners(
  executor: Executor,
  numbers: readonly string[],
): Promise<NumberOwner[]> {
  const owners: NumberOwner[] = [];
  for (let start = 0; start < numbers.length; start += 1000) {
    const chunk = numbers.slice(start, start + 1000);
    owners.push(
      ...(await executor
        .selectFrom('phone_numbers as n')
        .innerJoin('customers as c', 'c.id', 'n.customer_id')
        .innerJoin('locations as l', (join) =>
          join.onRef('l.id', '=', 'n.location_id').onRef('l.customer_id', '=', 'n.customer_id'),
        )
        .select(['n.e164', 'c.partner_id', 'n.customer_id', 'c.name as customer_name', 'n.location_id'])
        .select('l.name as location_name')
        .where('n.e164', 'in', chunk)
        .orderBy('n.e164')
        .execute()),
    );
  }
  return owners;
}

/**
 * Inserts the numbers missing anywhere into this location; a number someone else holds, or
 * inserts at the same moment, is skipped (the caller verifies with `findNumberOwners`). Sorted,
 * so two requests with overlapping ranges take the row locks in the same order and never deadlock.
 */
export async function insertPhoneNumbers(
  executor: Executor,
  customerId: string,
  locationId: string,
  numbers: readonly string[],
): Promise<number> {
  const sorted = [...new Set(numbers)].sort();
  let inserted = 0;
  for (let start = 0; start < sorted.length; start += 1000) {
    const chunk = sorted.slice(start, start + 1000);
    const result = await executor
      .insertInto('phone_numbers')
      .values(chunk.map((e164) => ({ customer_id: customerId, location_id: locationId, e164 })))
      .onConflict((conflict) => conflict.column('e164').doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/** Deletes the numbers of this customer that no user holds; answers the ones deleted. */
export async function deleteFreePhoneNumbers(
  executor: Executor,
  customerId: string,
  numbers: readonly string[],
): Promise<string[]> {
  if (numbers.length === 0) return [];
  const rows = await executor
    .deleteFrom('phone_numbers')
    .where('customer_id', '=', customerId)
    .where('e164', 'in', numbers)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('users')
            .select(sql`1`.as('one'))
            .whereRef('users.phone_number', '=', 'phone_numbers.e164'),
        ),
      ),
    )
    .returning('e164')
    .execute();
  return rows.map((row) => row.e164);
}

export async function findPhoneNumber(executor: Executor, customerId: string, e164: string) {
  return executor
    .selectFrom('phone_numbers as n')
    .leftJoin('users as u', 'u.phone_number', 'n.e164')
    .select(['n.e164', 'n.location_id', 'u.id as user_id'])
    .where('n.customer_id', '=', customerId)
    .where('n.e164', '=', e164)
    .executeTakeFirst();
}

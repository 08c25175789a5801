// SQL for a customer's locations. Every statement names the customer.
import { sql } from 'kysely';
import type { Executor } from '../../services/context.ts';
import type { CursorPosition } from '../../services/paging.ts';
import type { LocationRow } from '../schema.ts';

export interface LocationValues {
  readonly name: string;
  readonly country: string;
  readonly addressLine1?: string | null | undefined;
  readonly addressLine2?: string | null | undefined;
  readonly city?: string | null | undefined;
  readonly stateOrProvince?: string | null | undefined;
  readonly zipCode?: string | null | undefined;
  readonly timeZone: string;
  readonly language?: string | null | undefined;
}

function toColumns(values: Partial<LocationValues>) {
  return {
    ...(values.name !== undefined ? { name: values.name.trim() } : {}),
    ...(values.country !== undefined ? { country: values.country } : {}),
    ...(values.addressLine1 !== undefined ? { address_line1: values.addressLine1 } : {}),
    ...(values.addressLine2 !== undefined ? { address_line2: values.addressLine2 } : {}),
    ...(values.city !== undefined ? { city: values.city } : {}),
    ...(values.stateOrProvince !== undefined ? { state_or_province: values.stateOrProvince } : {}),
    ...(values.zipCode !== undefined ? { zip_code: values.zipCode } : {}),
    ...(values.timeZone !== undefined ? { time_zone: values.timeZone } : {}),
    ...(values.language !== undefined ? { language: values.language } : {}),
  };
}

export async function insertLocation(
  executor: Executor,
  customerId: string,
  values: LocationValues,
): Promise<LocationRow> {
  return executor
    .insertInto('locations')
    .values({
      customer_id: customerId,
      name: values.name.trim(),
      country: values.country,
      time_zone: values.timeZone,
      ...toColumns(values),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateLocationRow(
  executor: Executor,
  customerId: string,
  locationId: string,
  values: Partial<LocationValues>,
): Promise<LocationRow | undefined> {
  return executor
    .updateTable('locations')
    .set({ ...toColumns(values), updated_at: sql`now()`, version: sql`version + 1` })
    .where('customer_id', '=', customerId)
    .where('id', '=', locationId)
    .returningAll()
    .executeTakeFirst();
}

export async function listLocations(executor: Executor, customerId: string): Promise<LocationRow[]> {
  return executor
    .selectFrom('locations')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy(sql`lower(name)`)
    .execute();
}

/** One page by name: `limit + 1` rows after the cursor's (lower(name), id), for the caller's toPage. */
export async function listLocationPage(
  executor: Executor,
  customerId: string,
  page: { readonly after: CursorPosition | null; readonly limit: number },
): Promise<LocationRow[]> {
  let query = executor.selectFrom('locations').selectAll().where('customer_id', '=', customerId);
  if (page.after) {
    const { key, id } = page.after;
    query = query.where(sql<boolean>`(lower(name), id) > (${key}, ${id}::uuid)`);
  }
  return query
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

/** The select of one location of the customer, as findLocation and lockLocation read it. */
function selectLocation(executor: Executor, customerId: string, locationId: string) {
  return executor
    .selectFrom('locations')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('id', '=', locationId);
}

export async function findLocation(
  executor: Executor,
  customerId: string,
  locationId: string,
): Promise<LocationRow | undefined> {
  return selectLocation(executor, customerId, locationId).executeTakeFirst();
}

/**
 * The location's row, locked until the transaction ends (FOR UPDATE): an edit compares its If-Match
 * with the version under this lock, so no other write moves the version in between (ADR 0092).
 */
export async function lockLocation(
  executor: Executor,
  customerId: string,
  locationId: string,
): Promise<LocationRow | undefined> {
  return selectLocation(executor, customerId, locationId).forUpdate().executeTakeFirst();
}

/** SPEC §4: names match case-insensitively after trimming. */
export async function findLocationByName(
  executor: Executor,
  customerId: string,
  name: string,
): Promise<LocationRow | undefined> {
  return executor
    .selectFrom('locations')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where(sql`lower(btrim(name))`, '=', name.trim().toLowerCase())
    .executeTakeFirst();
}

export async function locationUsage(
  executor: Executor,
  customerId: string,
  locationId: string,
): Promise<{ users: number; numbers: number }> {
  const row = await executor
    .selectNoFrom((eb) => [
      eb
        .selectFrom('users')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('customer_id', '=', customerId)
        .where('location_id', '=', locationId)
        .as('users'),
      eb
        .selectFrom('phone_numbers')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('customer_id', '=', customerId)
        .where('location_id', '=', locationId)
        .as('numbers'),
    ])
    .executeTakeFirstOrThrow();
  return { users: Number(row.users ?? 0), numbers: Number(row.numbers ?? 0) };
}

export async function deleteLocationRow(
  executor: Executor,
  customerId: string,
  locationId: string,
): Promise<void> {
  await executor
    .deleteFrom('locations')
    .where('customer_id', '=', customerId)
    .where('id', '=', locationId)
    .execute();
}

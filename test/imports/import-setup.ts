// The fixture customer of /work/shared/fixtures/README.md, created directly in the database, and
// small helpers to run imports through the service layer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../src/db/client.ts';
import type { Actor } from '../../src/services/access/actor.ts';
import type { ServiceContext } from '../../src/services/context.ts';

export const FIXTURES_DIR = process.env.HUB_FIXTURES_DIR ?? '/work/shared/fixtures/csv';

export function fixture(name: string): Uint8Array {
  return readFileSync(join(FIXTURES_DIR, name));
}

export async function* bytesBody(bytes: Uint8Array, chunk = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += chunk) yield bytes.subarray(offset, offset + chunk);
}

export interface FixtureCustomer {
  readonly partnerId: string;
  readonly customerId: string;
  readonly amsterdamId: string;
  readonly rotterdamId: string;
  readonly context: ServiceContext;
}

export async function createFixtureCustomer(
  database: Database,
  externalId = 'DEVRIES-001',
): Promise<FixtureCustomer> {
  const { db } = database;
  const partner = await db
    .insertInto('partners')
    .values({ name: `Partner ${externalId}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const customer = await db
    .insertInto('customers')
    .values({
      partner_id: partner.id,
      name: 'Bakkerij De Vries',
      external_id: externalId,
      admin_email: `beheer-${externalId.toLowerCase()}@devries.example`,
      country: 'NL',
      status: 'provisioned',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('customer_packages')
    .values(
      ['webex_voice', 'webex_calling', 'webex_calling_standard', 'webex_meetings', 'webex_suite'].map(
        (packageId) => ({
          customer_id: customer.id,
          package_id: packageId,
          limit: null,
        }),
      ),
    )
    .execute();
  const location = async (name: string, city: string) =>
    (
      await db
        .insertInto('locations')
        .values({ customer_id: customer.id, name, country: 'NL', city, time_zone: 'Europe/Amsterdam' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const amsterdamId = await location('Amsterdam HQ', 'Amsterdam');
  const rotterdamId = await location('Rotterdam', 'Rotterdam');
  const numbers = (prefix: string, locationId: string) =>
    Array.from({ length: 100 }, (_, index) => ({
      customer_id: customer.id,
      location_id: locationId,
      e164: `${prefix}${String(index).padStart(2, '0')}`,
    }));
  // Each test file gets its own database, but two customers in one file need distinct numbers.
  const offset = externalId === 'DEVRIES-001' ? '' : null;
  if (offset !== null) {
    await db
      .insertInto('phone_numbers')
      .values([...numbers('+312012345', amsterdamId), ...numbers('+311076543', rotterdamId)])
      .execute();
  }
  const actor: Actor = {
    type: 'admin',
    id: null,
    label: 'partner-admin@example.com',
    role: 'partner_full_admin',
    partnerId: partner.id,
    customerId: null,
  };
  return {
    partnerId: partner.id,
    customerId: customer.id,
    amsterdamId,
    rotterdamId,
    context: { db, actor, requestId: 'test', locale: 'en' },
  };
}

export interface GeneratedCustomer {
  readonly customerId: string;
  readonly partnerId: string;
  readonly locations: { name: string; numberPrefix: string }[];
  readonly context: ServiceContext;
}

/**
 * The locations of a generated customer, known before it exists (a benchmark writes its file
 * first): Amsterdam-style fixed numbers +31 20 NN nnnnn, NN = prefixBase.. (valid Dutch numbers).
 */
export function generatedLocations(count: number, prefixBase = 10): { name: string; numberPrefix: string }[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `Location ${index + 1}`,
    numberPrefix: `+3120${prefixBase + index}`,
  }));
}

/**
 * A customer for generated files: `locationCount` locations, each with 10^digits numbers
 * (prefix + 5-digit index), extension length 7, every package sold without limit.
 */
export async function createGeneratedCustomer(
  database: Database,
  options: { externalId: string; locationCount: number; numbersPerLocation: number; prefixBase?: number },
): Promise<GeneratedCustomer> {
  const { db } = database;
  const partner = await db
    .insertInto('partners')
    .values({ name: `Partner ${options.externalId}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const customer = await db
    .insertInto('customers')
    .values({
      partner_id: partner.id,
      name: `Generated ${options.externalId}`,
      external_id: options.externalId,
      admin_email: `admin-${options.externalId.toLowerCase()}@bench.example`,
      country: 'NL',
      status: 'provisioned',
      extension_length: 7,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('customer_packages')
    .values(
      ['webex_voice', 'webex_calling', 'webex_calling_standard', 'webex_meetings', 'webex_suite'].map(
        (packageId) => ({
          customer_id: customer.id,
          package_id: packageId,
          limit: null,
        }),
      ),
    )
    .execute();
  const locations = generatedLocations(options.locationCount, options.prefixBase);
  for (const { name, numberPrefix } of locations) {
    const location = await db
      .insertInto('locations')
      .values({
        customer_id: customer.id,
        name,
        country: 'NL',
        city: 'Amsterdam',
        time_zone: 'Europe/Amsterdam',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let start = 0; start < options.numbersPerLocation; start += 5000) {
      const count = Math.min(5000, options.numbersPerLocation - start);
      await db
        .insertInto('phone_numbers')
        .values(
          Array.from({ length: count }, (_, offset) => ({
            customer_id: customer.id,
            location_id: location.id,
            e164: `${numberPrefix}${String(start + offset).padStart(5, '0')}`,
          })),
        )
        .execute();
    }
  }
  return generatedCustomerHandle(database, customer.id, partner.id, locations);
}

function generatedCustomerHandle(
  database: Database,
  customerId: string,
  partnerId: string,
  locations: GeneratedCustomer['locations'],
): GeneratedCustomer {
  const actor: Actor = {
    type: 'admin',
    id: null,
    label: 'bench@example.com',
    role: 'partner_full_admin',
    partnerId,
    customerId: null,
  };
  return {
    customerId,
    partnerId,
    locations,
    context: { db: database.db, actor, requestId: 'bench', locale: 'en' },
  };
}

/** A customer that createGeneratedCustomer made earlier (in another process: the benchmark). */
export async function findGeneratedCustomer(
  database: Database,
  externalId: string,
  locationCount: number,
  prefixBase?: number,
): Promise<GeneratedCustomer> {
  const customer = await database.db
    .selectFrom('customers')
    .select(['id', 'partner_id'])
    .where('external_id', '=', externalId)
    .executeTakeFirstOrThrow();
  return generatedCustomerHandle(
    database,
    customer.id,
    customer.partner_id,
    generatedLocations(locationCount, prefixBase),
  );
}

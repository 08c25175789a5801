// A Caller ID Number in national format is read with a country (SPEC §4: numbers are stored in
// E.164). A user with a location reads it with the location's country; a user WITHOUT a location
// (a Meetings user, say) reads it with the customer's country, which every customer has. Before,
// such a user had no country at all and '020 123 4567' was refused as not a phone number. Every
// channel that sets it: the admin API (single create, patch, batch of 25) and the CSV import. The
// Wholesale API has no caller ID field (its primaryPhoneNumber is the user's own number).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();

/** National spellings and what they are in each customer's country. */
const CASES = [
  { country: 'NL', national: '020 123 4567', e164: '+31201234567' },
  { country: 'US', national: '(240) 555-1212', e164: '+12405551212' },
  { country: 'BE', national: '02/511.12.01', e164: '+3225111201' },
] as const;

const customers = new Map<string, string>();

beforeAll(async () => {
  const { database, partnerId } = harness();
  for (const { country } of CASES) {
    customers.set(
      country,
      (await createTestCustomer(database.db, partnerId, { country, provision: true })).id,
    );
  }
});

function email(): string {
  return `caller-${randomUUID().slice(0, 8)}@callerid.example`;
}

async function api(method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object) {
  const { app, auth, tokens } = harness();
  return app.inject({ method, url, headers: auth(tokens.partnerFull), ...(payload ? { payload } : {}) });
}

/** Uploads a CSV (add-only), lets the worker run it, and answers its rows. */
async function importRows(customerId: string, csv: string, dryRun: boolean) {
  const { app, auth, tokens, drainJobs } = harness();
  const created = await app.inject({
    method: 'POST',
    url: `/v1/customers/${customerId}/imports?behaviour=add-only&dryRun=${dryRun}`,
    headers: { ...auth(tokens.partnerFull), 'content-type': 'text/csv' },
    payload: Buffer.from(`${csv}\r\n`),
  });
  expect(created.statusCode, created.body).toBe(202);
  await drainJobs();
  const id = (created.json() as { id: string }).id;
  const rows = await api('GET', `/v1/customers/${customerId}/imports/${id}/rows?max=100`);
  expect(rows.statusCode, rows.body).toBe(200);
  return (rows.json() as { items: { action: string; messages: string[] }[] }).items;
}

const customerOf = (country: string): string => customers.get(country) ?? '';

async function storedCallerId(country: string, address: string): Promise<string | null> {
  const { database } = harness();
  const row = await database.db
    .selectFrom('users')
    .select('caller_id_number')
    .where('customer_id', '=', customerOf(country))
    .where('email', '=', address)
    .executeTakeFirstOrThrow();
  return row.caller_id_number;
}

describe.each(CASES)('a user without a location in a $country customer', ({ country, national, e164 }) => {
  it(`POST …/users reads ${national} as ${e164}`, async () => {
    const created = await api('POST', `/v1/customers/${customerOf(country)}/users`, {
      email: email(),
      firstName: 'Jo',
      lastName: 'Jansen',
      package: 'webex_meetings',
      callerIdNumber: national,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((created.json() as { callerIdNumber: string | null }).callerIdNumber).toBe(e164);
  });

  it(`PATCH …/users/{id} reads ${national} as ${e164}`, async () => {
    const created = await api('POST', `/v1/customers/${customerOf(country)}/users`, {
      email: email(),
      firstName: 'Jo',
      lastName: 'Jansen',
      package: 'webex_meetings',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;
    const patched = await api('PATCH', `/v1/customers/${customerOf(country)}/users/${id}`, {
      callerIdNumber: national,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((patched.json() as { callerIdNumber: string | null }).callerIdNumber).toBe(e164);
  });

  it(`POST …/users/batch reads ${national} as ${e164}`, async () => {
    const address = email();
    const batch = await api('POST', `/v1/customers/${customerOf(country)}/users/batch`, {
      users: [
        {
          email: address,
          firstName: 'Jo',
          lastName: 'Jansen',
          package: 'webex_meetings',
          callerIdNumber: national,
        },
      ],
    });
    expect(batch.statusCode, batch.body).toBe(200);
    const [result] = (batch.json() as { results: { status: number; errors: unknown[] }[] }).results;
    expect(result?.status, batch.body).toBe(201);
    expect(await storedCallerId(country, address)).toBe(e164);
  });

  it(`a CSV row without a Location reads ${national} as ${e164}, dry run and apply`, async () => {
    const address = email();
    const file = [
      'User ID/Email (Required),First Name,Last Name,Caller ID Number,Jabber with Webex Teams,Jabber Calling,Preferred Webex Site,Webex Meetings',
      `${address},Jo,Jansen,"${national}",FALSE,FALSE,callerid.webex.com,TRUE`,
    ].join('\r\n');
    for (const dryRun of [true, false]) {
      const rows = await importRows(customerOf(country), file, dryRun);
      expect(rows.map((row) => [row.action, row.messages])).toEqual([['add', []]]);
    }
    expect(await storedCallerId(country, address)).toBe(e164);
  });
});

describe('a user with a location still reads it with the location country', () => {
  it('a NL customer user in a Belgian location: 02/511.12.01 is Brussels, not a Dutch number', async () => {
    const customerId = customerOf('NL');
    const location = await api('POST', `/v1/customers/${customerId}/locations`, {
      name: `Brussel ${randomUUID().slice(0, 6)}`,
      addressLine1: 'Grote Markt 1',
      city: 'Brussel',
      country: 'BE',
      timeZone: 'Europe/Brussels',
      language: 'nl_BE',
    });
    expect(location.statusCode, location.body).toBe(201);
    const created = await api('POST', `/v1/customers/${customerId}/users`, {
      email: email(),
      firstName: 'Jo',
      lastName: 'Peeters',
      package: 'webex_calling',
      location: (location.json() as { name: string }).name,
      extension: '4711',
      callerIdNumber: '02/511.12.01',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((created.json() as { callerIdNumber: string | null }).callerIdNumber).toBe('+3225111201');
  });
});

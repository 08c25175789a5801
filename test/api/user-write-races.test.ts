// A user write that a concurrent request beats between planning and writing: the location or the
// number deleted, the email, extension or number taken. Each answers the 409 the same request gets
// a moment later, naming the field, never a 500; in a batch only the beaten user fails (SPEC §5).
// PostgreSQL only: PGlite runs one connection, so nothing there can happen in between.
// Deterministic cases hold the competing change open in a second connection until the request
// waits for it; the races fire the real requests in parallel.
import { sql, type Transaction } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import type { DB } from '../../src/db/schema.ts';
import { WHOLESALE_CODES } from '../../src/domain/provisioning/wholesale-codes.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';
import { createScimCustomer, ERROR_SCHEMA, PRODUCT, scimUser } from '../scim/scim-harness.ts';
import { lockWaiters } from '../helpers/lock-waiters.ts';

const EMAIL_TAKEN = 'The email is already associated with an existing user.';

const harness = useTestApp();

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

async function send(method: Method, url: string, payload?: object, language = 'en') {
  const { app, tokens, auth } = harness();
  return app.inject({
    method,
    url,
    headers: { ...auth(tokens.partnerFull), 'accept-language': language },
    ...(payload ? { payload } : {}),
  });
}

interface ErrorBody {
  message: string;
  errors: { code: string; field?: string; description: string }[];
}

interface BatchResult {
  email: string;
  result: 'created' | 'pending_user_migration' | 'failed';
  status: number;
  errors: { code: string; field?: string; description: string }[];
}

let counter = 0;

/** A provisioned customer with a location (no numbers unless given) of its own. */
async function customerWithLocation(numbers: string[] = []) {
  const { database, partnerId } = harness();
  const customer = await createTestCustomer(database.db, partnerId, { provision: true });
  counter += 1;
  const location = await send('POST', `/v1/customers/${customer.id}/locations`, {
    name: `Site ${counter}`,
    country: 'NL',
    timeZone: 'Europe/Amsterdam',
  });
  expect(location.statusCode, location.body).toBe(201);
  const locationId = (location.json() as { id: string }).id;
  if (numbers.length > 0) {
    const added = await send('POST', `/v1/customers/${customer.id}/numbers`, {
      location: locationId,
      numbers,
    });
    expect(added.statusCode, added.body).toBe(201);
  }
  return { customerId: customer.id, locationId };
}

/**
 * Runs `change` in a second connection and keeps its transaction open: the request planned
 * without seeing it, and its write waits for it. `commit` lets it commit.
 */
async function holdOpen(
  database: Database,
  change: (trx: Transaction<DB>) => Promise<void>,
): Promise<{ commit(): Promise<void> }> {
  let release = (): void => undefined;
  let changed = (): void => undefined;
  const done = new Promise<void>((resolve) => (changed = resolve));
  const transaction = database.db.transaction().execute(async (trx) => {
    await change(trx);
    changed();
    await new Promise<void>((resolve) => (release = resolve));
  });
  await Promise.race([done, transaction]);
  return {
    async commit() {
      release();
      await transaction;
    },
  };
}

/** Starts the request, waits until it waits for the held change, then commits the change. */
async function beatenBy<T>(
  held: { commit(): Promise<void> },
  request: () => Promise<T>,
  waiters = 1,
): Promise<T> {
  const { database } = harness();
  const pending = request();
  await lockWaiters(database, waiters);
  await held.commit();
  return pending;
}

const deleteLocationRow = (locationId: string) => (trx: Transaction<DB>) =>
  sql`delete from locations where id = ${locationId}`.execute(trx).then(() => undefined);

const deleteNumberRow = (e164: string) => (trx: Transaction<DB>) =>
  sql`delete from phone_numbers where e164 = ${e164}`.execute(trx).then(() => undefined);

describe.runIf(inject('testDatabase').kind === 'postgres')(
  'a user write beaten by a concurrent change',
  () => {
    it('a number removed from the inventory meanwhile: 409 naming phoneNumber, in English and Dutch', async () => {
      const { customerId, locationId } = await customerWithLocation(['+31201110000-+31201110001']);
      const create = (email: string, phoneNumber: string, language: string) =>
        send(
          'POST',
          `/v1/customers/${customerId}/users`,
          {
            email,
            firstName: 'A',
            lastName: 'B',
            package: 'webex_calling',
            location: locationId,
            phoneNumber,
          },
          language,
        );
      const { database } = harness();
      for (const [index, language] of ['en', 'nl'].entries()) {
        const number = `+3120111000${index}`;
        const held = await holdOpen(database, deleteNumberRow(number));
        const response = await beatenBy(held, () => create(`number${index}@race.example`, number, language));
        expect(response.statusCode, response.body).toBe(409);
        const body = response.json() as ErrorBody;
        expect(body.errors).toEqual([
          expect.objectContaining({ code: 'number_not_in_location', field: 'phoneNumber' }),
        ]);
        expect(body.message).toContain(number);
        expect(body.message).toMatch(language === 'nl' ? /nummervoorraad/ : /inventory/);
      }
      const users = await send('GET', `/v1/customers/${customerId}/users`);
      expect((users.json() as { items: { email: string }[] }).items.map((u) => u.email)).not.toContain(
        'number0@race.example',
      );
    });

    it('a location deleted meanwhile: 409 naming location for a PATCH and a create, in Dutch too', async () => {
      const { customerId, locationId } = await customerWithLocation();
      const { database } = harness();
      const created = await send('POST', `/v1/customers/${customerId}/users`, {
        email: 'patched@race.example',
        firstName: 'P',
        lastName: 'Q',
        package: 'webex_calling',
        location: locationId,
        extension: '2001',
      });
      expect(created.statusCode, created.body).toBe(201);
      const userId = (created.json() as { id: string }).id;

      const other = await send('POST', `/v1/customers/${customerId}/locations`, {
        name: 'Leaving',
        country: 'NL',
        timeZone: 'Europe/Amsterdam',
      });
      const leavingId = (other.json() as { id: string }).id;
      let held = await holdOpen(database, deleteLocationRow(leavingId));
      const moved = await beatenBy(held, () =>
        send('PATCH', `/v1/customers/${customerId}/users/${userId}`, { location: leavingId }),
      );
      expect(moved.statusCode, moved.body).toBe(409);
      expect((moved.json() as ErrorBody).errors).toEqual([
        expect.objectContaining({ code: 'unknown_location', field: 'location' }),
      ]);
      const unmoved = (await send('GET', `/v1/customers/${customerId}/users/${userId}`)).json() as {
        location: string;
      };
      expect(unmoved.location).not.toBe('Leaving');

      const third = await send('POST', `/v1/customers/${customerId}/locations`, {
        name: 'Third',
        country: 'NL',
        timeZone: 'Europe/Amsterdam',
      });
      const thirdId = (third.json() as { id: string }).id;
      held = await holdOpen(database, deleteLocationRow(thirdId));
      const refused = await beatenBy(held, () =>
        send(
          'POST',
          `/v1/customers/${customerId}/users`,
          {
            email: 'located@race.example',
            firstName: 'L',
            lastName: 'M',
            package: 'webex_calling',
            location: thirdId,
            extension: '2002',
          },
          'nl',
        ),
      );
      expect(refused.statusCode, refused.body).toBe(409);
      const body = refused.json() as ErrorBody;
      expect(body.errors).toEqual([expect.objectContaining({ code: 'unknown_location', field: 'location' })]);
      expect(body.message).toMatch(/locatie is verwijderd/);
    });

    it('the Wholesale API answers a location deleted meanwhile in its public shape', async () => {
      const { customerId } = await customerWithLocation();
      const { database } = harness();
      const site = await send('POST', `/v1/customers/${customerId}/locations`, {
        name: 'Wholesale site',
        country: 'NL',
        timeZone: 'Europe/Amsterdam',
      });
      const siteId = (site.json() as { id: string }).id;
      const held = await holdOpen(database, deleteLocationRow(siteId));
      const response = await beatenBy(held, () =>
        send('POST', '/v1/wholesale/subscribers', {
          customerId,
          email: 'wholesale@race.example',
          package: 'webex_calling',
          provisioningParameters: { firstName: 'W', lastName: 'S', locationId: siteId, extension: '3001' },
        }),
      );
      expect(response.statusCode, response.body).toBe(409);
      expect((response.json() as { errors: { errorCode: number }[] }).errors).toEqual([
        expect.objectContaining({ errorCode: WHOLESALE_CODES.location_not_found.errorCode }),
      ]);
    });

    it('SCIM answers a location deleted meanwhile with its error schema, 409', async () => {
      const scim = await createScimCustomer(harness());
      const { database } = harness();
      const site = await send('POST', `/v1/customers/${scim.customerId}/locations`, {
        name: 'Directory site',
        country: 'NL',
        timeZone: 'Europe/Amsterdam',
      });
      const siteId = (site.json() as { id: string }).id;
      const held = await holdOpen(database, deleteLocationRow(siteId));
      const response = await beatenBy(held, () =>
        scim.request(
          'POST',
          '/Users',
          scimUser('directory@race.example', {
            [PRODUCT]: { package: 'webex_calling', location: 'Directory site', extension: '6001' },
          }),
        ),
      );
      expect(response.statusCode, response.body).toBe(409);
      const body = response.json() as { schemas: string[]; status: string; detail: string };
      expect(body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '409' });
      expect(body.detail).toMatch(/location was deleted/);
    });

    it('an extension or number another user took meanwhile: the planner’s 409, naming the field', async () => {
      const { customerId, locationId } = await customerWithLocation(['+31201120000']);
      const { database } = harness();
      let held = await holdOpen(database, async (trx) => {
        await sql`insert into users (customer_id, email, location_id, extension)
        values (${customerId}, 'ext-holder@race.example', ${locationId}, '4001')`.execute(trx);
      });
      const extension = await beatenBy(held, () =>
        send('POST', `/v1/customers/${customerId}/users`, {
          email: 'ext@race.example',
          firstName: 'E',
          lastName: 'X',
          package: 'webex_calling',
          location: locationId,
          extension: '4001',
        }),
      );
      expect(extension.statusCode, extension.body).toBe(409);
      expect((extension.json() as ErrorBody).errors).toEqual([
        expect.objectContaining({ code: 'extension_taken', field: 'extension' }),
      ]);

      held = await holdOpen(database, async (trx) => {
        await sql`insert into users (customer_id, email, location_id, phone_number)
        values (${customerId}, 'number-holder@race.example', ${locationId}, '+31201120000')`.execute(trx);
      });
      const number = await beatenBy(held, () =>
        send('POST', `/v1/customers/${customerId}/users`, {
          email: 'num@race.example',
          firstName: 'N',
          lastName: 'R',
          package: 'webex_calling',
          location: locationId,
          phoneNumber: '+31201120000',
        }),
      );
      expect(number.statusCode, number.body).toBe(409);
      expect((number.json() as ErrorBody).errors).toEqual([
        expect.objectContaining({ code: 'number_taken', field: 'phoneNumber' }),
      ]);
    });

    it('a batch whose email a user of the same customer took meanwhile: that user fails as user_exists, the other is created', async () => {
      const { customerId } = await customerWithLocation();
      const { database } = harness();
      const held = await holdOpen(database, async (trx) => {
        await sql`insert into users (customer_id, email) values (${customerId}, 'shared@batch.example')`.execute(
          trx,
        );
      });
      const response = await beatenBy(held, () =>
        send('POST', `/v1/customers/${customerId}/users/batch`, {
          users: [
            { email: 'shared@batch.example', firstName: 'S', lastName: 'H', package: 'webex_meetings' },
            { email: 'second@batch.example', firstName: 'S', lastName: 'E', package: 'webex_meetings' },
          ],
        }),
      );
      expect(response.statusCode, response.body).toBe(200);
      const results = (response.json() as { results: BatchResult[] }).results;
      expect(results[0]).toMatchObject({ result: 'failed', status: 409 });
      expect(results[0]?.errors).toEqual([expect.objectContaining({ code: 'user_exists', field: 'email' })]);
      expect(results[1]).toMatchObject({ result: 'created', status: 201 });

      // The same request again, sequentially: the same answer for the shared email.
      const again = await send('POST', `/v1/customers/${customerId}/users/batch`, {
        users: [{ email: 'shared@batch.example', firstName: 'S', lastName: 'H', package: 'webex_meetings' }],
      });
      expect((again.json() as { results: BatchResult[] }).results[0]?.errors).toEqual(results[0]?.errors);

      // Nothing half-stored for the failed user: one audit row, of the created one.
      const audit = await sql<{ target_id: string }>`
      select target_id from audit_events where customer_id = ${customerId} and action = 'user.create'`.execute(
        database.db,
      );
      const users = await sql<{ id: string; email: string }>`
      select id, email from users where customer_id = ${customerId} order by email`.execute(database.db);
      const second = users.rows.find((row) => row.email === 'second@batch.example');
      expect(audit.rows.map((row) => row.target_id)).toEqual([second?.id]);
    });

    it('a batch whose email another customer’s user took meanwhile: the public text, audited as a probe', async () => {
      const { customerId } = await customerWithLocation();
      const { customerId: otherId } = await customerWithLocation();
      const { database } = harness();
      const held = await holdOpen(database, async (trx) => {
        await sql`insert into users (customer_id, email) values (${otherId}, 'elsewhere@batch.example')`.execute(
          trx,
        );
      });
      const response = await beatenBy(held, () =>
        send('POST', `/v1/customers/${customerId}/users/batch`, {
          users: [
            { email: 'elsewhere@batch.example', firstName: 'E', lastName: 'W', package: 'webex_meetings' },
            { email: 'mine@batch.example', firstName: 'M', lastName: 'I', package: 'webex_meetings' },
          ],
        }),
      );
      expect(response.statusCode, response.body).toBe(200);
      const results = (response.json() as { results: BatchResult[] }).results;
      expect(results[0]).toMatchObject({ result: 'failed', status: 409 });
      expect(results[0]?.errors).toEqual([
        expect.objectContaining({ code: 'email_taken', field: 'email', description: EMAIL_TAKEN }),
      ]);
      expect(results[1]).toMatchObject({ result: 'created' });
      const probes = await sql<{ target_id: string }>`
      select target_id from audit_events
      where customer_id = ${customerId} and action = 'user.email_taken_probe'`.execute(database.db);
      expect(probes.rows.map((row) => row.target_id)).toEqual(['elsewhere@batch.example']);
    });
  },
);

describe.runIf(inject('testDatabase').kind === 'postgres')('user writes racing in parallel', () => {
  it('assigning a number while it is removed: never a 500, one of the two wins', async () => {
    const numbers = Array.from({ length: 6 }, (_, i) => `+3120113000${i}`);
    const { customerId, locationId } = await customerWithLocation(['+31201130000-+31201130005']);
    for (const [index, number] of numbers.entries()) {
      const [created, removed] = await Promise.all([
        send('POST', `/v1/customers/${customerId}/users`, {
          email: `assign${index}@race.example`,
          firstName: 'A',
          lastName: 'R',
          package: 'webex_calling',
          location: locationId,
          phoneNumber: number,
        }),
        send('POST', `/v1/customers/${customerId}/numbers/remove`, { numbers: [number] }),
      ]);
      expect([created.statusCode, removed.statusCode], `${created.body} ${removed.body}`).toEqual(
        created.statusCode === 201 ? [201, 409] : [expect.any(Number), 200],
      );
      if (created.statusCode !== 201) {
        expect([400, 409]).toContain(created.statusCode);
        expect((created.json() as ErrorBody).errors).toEqual([
          expect.objectContaining({ field: 'phoneNumber' }),
        ]);
      }
    }
  });

  it('creating users in a location while it is deleted: never a 500, the refused ones name the location', async () => {
    const { customerId, locationId } = await customerWithLocation();
    const creates = Array.from({ length: 8 }, (_, i) =>
      send('POST', `/v1/customers/${customerId}/users`, {
        email: `site${i}@race.example`,
        firstName: 'S',
        lastName: 'R',
        package: 'webex_calling',
        location: locationId,
        extension: `500${i}`,
      }),
    );
    const [removed, ...created] = await Promise.all([
      send('DELETE', `/v1/customers/${customerId}/locations/${locationId}`),
      ...creates,
    ]);
    expect(removed?.statusCode === 204 || removed?.statusCode === 409, removed?.body).toBe(true);
    for (const response of created) {
      expect([201, 400, 409], response.body).toContain(response.statusCode);
      if (response.statusCode !== 201)
        expect((response.json() as ErrorBody).errors).toEqual([
          expect.objectContaining({ field: 'location' }),
        ]);
    }
    const stored = created.filter((response) => response.statusCode === 201).length;
    if (removed?.statusCode === 204) expect(stored).toBe(0);
    else expect(stored).toBeGreaterThan(0);
  });

  it('parallel batches sharing one email: each creates its own other user; the shared one once', async () => {
    const { customerId } = await customerWithLocation();
    const batches = Array.from({ length: 6 }, (_, i) =>
      send('POST', `/v1/customers/${customerId}/users/batch`, {
        users: [
          { email: 'common@parallel.example', firstName: 'C', lastName: 'O', package: 'webex_meetings' },
          { email: `own${i}@parallel.example`, firstName: 'O', lastName: 'W', package: 'webex_meetings' },
        ],
      }),
    );
    const responses = await Promise.all(batches);
    for (const response of responses) expect(response.statusCode, response.body).toBe(200);
    const results = responses.map((response) => (response.json() as { results: BatchResult[] }).results);
    expect(results.map((pair) => pair[1]?.result)).toEqual(Array(6).fill('created'));
    const shared = results.map((pair) => pair[0]);
    expect(shared.filter((result) => result?.result === 'created')).toHaveLength(1);
    for (const result of shared.filter((entry) => entry?.result === 'failed'))
      expect(result?.errors).toEqual([expect.objectContaining({ code: 'user_exists', field: 'email' })]);
  });

  it('parallel batches of two customers taking two emails in opposite orders: both answer, each email once', async () => {
    const { customerId: first } = await customerWithLocation();
    const { customerId: second } = await customerWithLocation();
    for (let round = 0; round < 4; round += 1) {
      const x = {
        email: `x${round}@cross.example`,
        firstName: 'X',
        lastName: 'X',
        package: 'webex_meetings',
      };
      const y = {
        email: `y${round}@cross.example`,
        firstName: 'Y',
        lastName: 'Y',
        package: 'webex_meetings',
      };
      const responses = await Promise.all([
        send('POST', `/v1/customers/${first}/users/batch`, { users: [x, y] }),
        send('POST', `/v1/customers/${second}/users/batch`, { users: [y, x] }),
      ]);
      for (const response of responses) expect(response.statusCode, response.body).toBe(200);
      const created = responses.flatMap((response) =>
        (response.json() as { results: BatchResult[] }).results
          .filter((result) => result.result === 'created')
          .map((result) => result.email),
      );
      expect(created.sort()).toEqual([x.email, y.email]);
    }
  });
});

describe.runIf(inject('testDatabase').kind === 'postgres')('a delete beaten by a user write', () => {
  it('deleting a location a user was just added to: 409 location_in_use, not a 500', async () => {
    const { customerId, locationId } = await customerWithLocation();
    const { database } = harness();
    const held = await holdOpen(database, async (trx) => {
      await sql`insert into users (customer_id, email, location_id, extension)
        values (${customerId}, 'arrived@race.example', ${locationId}, '7001')`.execute(trx);
    });
    const removed = await beatenBy(held, () =>
      send('DELETE', `/v1/customers/${customerId}/locations/${locationId}`),
    );
    expect(removed.statusCode, removed.body).toBe(409);
    expect((removed.json() as ErrorBody).errors).toEqual([
      expect.objectContaining({ code: 'location_in_use', field: 'location' }),
    ]);
  });

  it('removing a number a user was just given: 409 number_not_removable, not a 500', async () => {
    const { customerId, locationId } = await customerWithLocation(['+31201190000']);
    const { database } = harness();
    const held = await holdOpen(database, async (trx) => {
      await sql`insert into users (customer_id, email, location_id, phone_number)
        values (${customerId}, 'given@race.example', ${locationId}, '+31201190000')`.execute(trx);
    });
    const removed = await beatenBy(held, () =>
      send('POST', `/v1/customers/${customerId}/numbers/remove`, { numbers: ['+31201190000'] }),
    );
    expect(removed.statusCode, removed.body).toBe(409);
    expect((removed.json() as ErrorBody).errors).toEqual([
      expect.objectContaining({ code: 'number_not_removable', field: 'numbers' }),
    ]);
  });
});

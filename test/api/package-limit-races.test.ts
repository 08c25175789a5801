// ADR 0073: a package limit holds under concurrency. Many requests through every door that can
// raise a package's usage (admin create, batch add, package change, Wholesale subscriber create,
// SCIM create) race for the last free places of one customer; exactly the free places are taken
// and every other request is refused with `package_limit_reached` (409, ADR 0091; SCIM: 400
// invalidValue). Real parallel connections:
// PostgreSQL only (PGlite runs one transaction at a time).
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, inject, it } from 'vitest';
import { countPackageUsage } from '../../src/db/repositories/customers.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';
import { createScimCustomer, scimUser } from '../scim/scim-harness.ts';

const harness = useTestApp();
const PARALLEL = 10;
const ALL_PACKAGES = [
  'webex_voice',
  'webex_calling',
  'webex_calling_standard',
  'webex_meetings',
  'webex_suite',
  'cx_essentials',
  'attendant_console',
] as const;

let customers = 0;

async function api(method: 'POST' | 'PUT', url: string, payload: object): Promise<LightMyRequestResponse> {
  const { app, tokens, auth } = harness();
  return app.inject({ method, url, headers: auth(tokens.partnerFull), payload });
}

/** A provisioned customer sold every package, these with a limit, and one location `HQ`. */
async function customerWithLimits(limits: Record<string, number>): Promise<string> {
  const { database, partnerId } = harness();
  customers += 1;
  const customer = await createTestCustomer(database.db, partnerId, {
    name: `Limit Race ${customers}`,
    packages: ALL_PACKAGES.map((id) => ({ id, limit: limits[id] ?? null })),
    provision: true,
  });
  const location = await api('POST', `/v1/customers/${customer.id}/locations`, {
    name: 'HQ',
    country: 'NL',
    city: 'Amsterdam',
    addressLine1: 'Damrak 1',
    timeZone: 'Europe/Amsterdam',
  });
  expect(location.statusCode, location.body).toBe(201);
  return customer.id;
}

async function usage(customerId: string): Promise<Record<string, number>> {
  return Object.fromEntries(await countPackageUsage(harness().database.db, customerId));
}

/** The codes of an admin API error answer (top level and per detail). */
function codesOf(response: LightMyRequestResponse): string[] {
  const body = response.json() as { code?: string; errors?: { code?: string }[] };
  return [body.code, ...(body.errors ?? []).map((error) => error.code)].filter(
    (code): code is string => typeof code === 'string',
  );
}

function statuses(responses: readonly LightMyRequestResponse[]): Record<number, number> {
  const counted: Record<number, number> = {};
  for (const response of responses) counted[response.statusCode] = (counted[response.statusCode] ?? 0) + 1;
  return counted;
}

function expectRefusedForLimit(responses: readonly LightMyRequestResponse[], status: number): void {
  for (const response of responses) {
    expect(response.statusCode, response.body).toBe(status);
    expect(codesOf(response), response.body).toContain('package_limit_reached');
  }
}

const suiteUser = (n: number) => ({
  email: `suite${n}@race.example`,
  package: 'webex_suite',
  location: 'HQ',
  extension: String(3000 + n),
});

describe.runIf(inject('testDatabase').kind === 'postgres')('package limits under concurrent writers', () => {
  it('admin create: 10 parallel creates of a package limited to 2 give 2×201 and 8×409', async () => {
    const customerId = await customerWithLimits({ webex_suite: 2 });
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, n) =>
        api('POST', `/v1/customers/${customerId}/users`, suiteUser(n)),
      ),
    );
    expect(statuses(responses)).toEqual({ 201: 2, 409: 8 });
    expectRefusedForLimit(
      responses.filter((response) => response.statusCode !== 201),
      409,
    );
    expect((await usage(customerId)).webex_suite).toBe(2);
  });

  it('admin create: the add-on limit holds too', async () => {
    const customerId = await customerWithLimits({ attendant_console: 3 });
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, n) =>
        api('POST', `/v1/customers/${customerId}/users`, {
          email: `console${n}@race.example`,
          package: 'webex_calling',
          location: 'HQ',
          extension: String(4000 + n),
          attendantConsole: true,
        }),
      ),
    );
    expect(statuses(responses)).toEqual({ 201: 3, 409: 7 });
    expectRefusedForLimit(
      responses.filter((response) => response.statusCode !== 201),
      409,
    );
    expect((await usage(customerId)).attendant_console).toBe(3);
  });

  it('batch add: parallel batches never take more than the limit, each refused user says why', async () => {
    const customerId = await customerWithLimits({ webex_meetings: 3 });
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, n) =>
        api('POST', `/v1/customers/${customerId}/users/batch`, {
          users: [0, 1].map((i) => ({ email: `batch${n}-${i}@race.example`, package: 'webex_meetings' })),
        }),
      ),
    );
    const results = responses.flatMap((response) => {
      expect(response.statusCode, response.body).toBe(200);
      return (
        response.json() as {
          results: { result: string; status: number; errors: { code: string }[] }[];
        }
      ).results;
    });
    const created = results.filter((result) => result.result === 'created');
    const failed = results.filter((result) => result.result === 'failed');
    expect(created).toHaveLength(3);
    expect(failed).toHaveLength(2 * PARALLEL - 3);
    for (const result of failed) {
      expect(result.status).toBe(409);
      expect(result.errors.map((error) => error.code)).toContain('package_limit_reached');
    }
    expect((await usage(customerId)).webex_meetings).toBe(3);
  });

  it('package change: 8 parallel changes to a package limited to 2 give 2×200 and 6×409', async () => {
    const customerId = await customerWithLimits({ webex_meetings: 2 });
    const batch = await api('POST', `/v1/customers/${customerId}/users/batch`, {
      users: Array.from({ length: 8 }, (_, n) => ({
        email: `voice${n}@race.example`,
        package: 'webex_voice',
      })),
    });
    const ids = (batch.json() as { results: { user?: { id: string } }[] }).results.map(
      (result) => result.user?.id,
    );
    expect(
      ids.every((id) => id !== undefined),
      batch.body,
    ).toBe(true);
    const responses = await Promise.all(
      ids.map((id) =>
        api('PUT', `/v1/customers/${customerId}/users/${id}/package`, { package: 'webex_meetings' }),
      ),
    );
    expect(statuses(responses)).toEqual({ 200: 2, 409: 6 });
    expectRefusedForLimit(
      responses.filter((response) => response.statusCode !== 200),
      409,
    );
    expect(await usage(customerId)).toMatchObject({ webex_meetings: 2, webex_voice: 6 });
  });

  it('Wholesale subscriber create: 6 parallel creates with a limit of 1 give one subscriber', async () => {
    const customerId = await customerWithLimits({ webex_meetings: 1 });
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, n) =>
        api('POST', '/v1/wholesale/subscribers', {
          customerId,
          email: `wholesale${n}@race.example`,
          package: 'webex_meetings',
          provisioningParameters: { firstName: 'Whole', lastName: `Sale ${n}` },
        }),
      ),
    );
    expect(statuses(responses)).toEqual({ 200: 1, 409: 5 });
    for (const response of responses.filter((candidate) => candidate.statusCode !== 200)) {
      const body = response.json() as { errors: { errorCode: number }[] };
      expect(
        body.errors.map((error) => error.errorCode),
        response.body,
      ).toContain(10006);
    }
    expect((await usage(customerId)).webex_meetings).toBe(1);
  });

  it('SCIM create: parallel creates under a default package limited to 2 give 2×201', async () => {
    const scim = await createScimCustomer(harness());
    await harness()
      .database.db.updateTable('customer_packages')
      .set({ limit: 2 })
      .where('customer_id', '=', scim.customerId)
      .where('package_id', '=', 'webex_meetings')
      .execute();
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, n) => scim.request('POST', '/Users', scimUser(`scim${n}@race.example`))),
    );
    expect(statuses(responses)).toEqual({ 201: 2, 400: 6 });
    for (const response of responses.filter((candidate) => candidate.statusCode !== 201)) {
      expect((response.json() as { scimType?: string }).scimType, response.body).toBe('invalidValue');
      expect(response.body).toMatch(/limit/i);
    }
    expect((await usage(scim.customerId)).webex_meetings).toBe(2);
  });

  it('every door at once: the limit is taken exactly, never passed', async () => {
    const customerId = await customerWithLimits({ webex_meetings: 4 });
    const voice = await api('POST', `/v1/customers/${customerId}/users/batch`, {
      users: Array.from({ length: 4 }, (_, n) => ({
        email: `mixvoice${n}@race.example`,
        package: 'webex_voice',
      })),
    });
    const voiceIds = (voice.json() as { results: { user?: { id: string } }[] }).results.map(
      (result) => result.user?.id ?? '',
    );
    const meetings = (email: string) => ({ email, package: 'webex_meetings' });
    const [singles, batches, changes, subscribers] = await Promise.all([
      Promise.all(
        Array.from({ length: 4 }, (_, n) =>
          api('POST', `/v1/customers/${customerId}/users`, meetings(`mixone${n}@race.example`)),
        ),
      ),
      Promise.all(
        Array.from({ length: 3 }, (_, n) =>
          api('POST', `/v1/customers/${customerId}/users/batch`, {
            users: [meetings(`mixbatch${n}a@race.example`), meetings(`mixbatch${n}b@race.example`)],
          }),
        ),
      ),
      Promise.all(
        voiceIds.map((id) =>
          api('PUT', `/v1/customers/${customerId}/users/${id}/package`, { package: 'webex_meetings' }),
        ),
      ),
      Promise.all(
        Array.from({ length: 4 }, (_, n) =>
          api('POST', '/v1/wholesale/subscribers', {
            customerId,
            email: `mixwholesale${n}@race.example`,
            package: 'webex_meetings',
            provisioningParameters: {},
          }),
        ),
      ),
    ]);
    let succeeded = 0;
    for (const response of batches) {
      expect(response.statusCode, response.body).toBe(200);
      const results = (response.json() as { results: { result: string }[] }).results;
      succeeded += results.filter((result) => result.result === 'created').length;
    }
    for (const response of [...singles, ...changes, ...subscribers]) {
      if (response.statusCode < 300) succeeded += 1;
      else expect(response.statusCode, response.body).toBe(409);
    }
    expect(succeeded).toBe(4);
    expect((await usage(customerId)).webex_meetings).toBe(4);
  });
  it('a limit lowered while users are added: usage never ends above the limit that stands', async () => {
    const customerId = await customerWithLimits({ webex_suite: 10 });
    for (let n = 0; n < 3; n += 1) {
      const added = await api('POST', `/v1/customers/${customerId}/users`, suiteUser(300 + n));
      expect(added.statusCode, added.body).toBe(201);
    }
    const lowered = ALL_PACKAGES.map((id) => ({ id, limit: id === 'webex_suite' ? 5 : null }));
    const { app, tokens, auth } = harness();
    const [update, ...adds] = await Promise.all([
      app.inject({
        method: 'PATCH',
        url: `/v1/customers/${customerId}`,
        headers: auth(tokens.partnerFull),
        payload: { packages: lowered },
      }),
      ...Array.from({ length: 8 }, (_, n) =>
        api('POST', `/v1/customers/${customerId}/users`, suiteUser(200 + n)),
      ),
    ]);
    const stored = await harness()
      .database.db.selectFrom('customer_packages')
      .select('limit')
      .where('customer_id', '=', customerId)
      .where('package_id', '=', 'webex_suite')
      .executeTakeFirstOrThrow();
    const held = (await usage(customerId)).webex_suite ?? 0;
    // Either order is fine; a limit below what is held, or held above the limit, is not.
    if (update?.statusCode === 200 || update?.statusCode === 202) expect(stored.limit).toBe(5);
    else {
      expect(update?.statusCode, update?.body).toBe(409);
      expect(codesOf(update as LightMyRequestResponse)).toContain('limit_below_usage');
      expect(stored.limit).toBe(10);
    }
    expect(held).toBeLessThanOrEqual(stored.limit ?? Infinity);
    expect(held).toBe(3 + adds.filter((added) => added.statusCode === 201).length);
    expectRefusedForLimit(
      adds.filter((added) => added.statusCode !== 201),
      409,
    );
  });
});

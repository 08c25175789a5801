// SPEC rules that held on a live server but that no test proved (SPEC audit): the 80-character
// location name at every door that names a location (§2), customer deletion freeing its users'
// emails and its numbers for other customers (§5, ADR 0074), and both Jabber fields defaulting to
// FALSE at every door that creates a user without them (§3).
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { WHOLESALE_CODES } from '../../src/domain/provisioning/wholesale-codes.ts';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken, createPartner, createTestCustomer } from '../helpers/factories.ts';
import { createScimCustomer, scimUser } from '../scim/scim-harness.ts';

const harness = useTestApp();

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

function send(method: Method, url: string, payload?: object, token = harness().tokens.partnerFull) {
  const { app, auth } = harness();
  return app.inject({ method, url, headers: auth(token), ...(payload ? { payload } : {}) });
}

interface AdminErrorBody {
  errors: { code: string; field?: string; description: string }[];
}

interface PublicErrorBody {
  errors: { errorCode: number; description: string }[];
}

const NAME_80 = 'L'.repeat(80);
const NAME_81 = 'L'.repeat(81);

/** A 400 whose only detail names `field` and the 80-character limit. */
function expectRefusedNaming(response: LightMyRequestResponse, field: string): void {
  expect(response.statusCode, response.body).toBe(400);
  expect((response.json() as AdminErrorBody).errors).toEqual([
    expect.objectContaining({ field, description: expect.stringMatching(/\b80\b/) }),
  ]);
}

let sequence = 0;
function next(): number {
  sequence += 1;
  return sequence;
}

describe('SPEC §2: a location name is at most 80 characters at every door', () => {
  let customerId = '';

  beforeAll(async () => {
    const { database, partnerId } = harness();
    customerId = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
  });

  function location(name: string) {
    return { name, country: 'NL', timeZone: 'Europe/Amsterdam' };
  }

  it('admin location create: 80 accepted, 81 refused with 400 naming `name`', async () => {
    const accepted = await send('POST', `/v1/customers/${customerId}/locations`, location(NAME_80));
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toMatchObject({ name: NAME_80 });

    const refused = await send('POST', `/v1/customers/${customerId}/locations`, location(NAME_81));
    expectRefusedNaming(refused, 'name');
  });

  it('admin location update: 80 accepted, 81 refused with 400 naming `name`, the name unchanged', async () => {
    const created = await send('POST', `/v1/customers/${customerId}/locations`, location('Short'));
    expect(created.statusCode, created.body).toBe(201);
    const url = `/v1/customers/${customerId}/locations/${(created.json() as { id: string }).id}`;
    const name80 = `U${'L'.repeat(79)}`;

    const accepted = await send('PATCH', url, { name: name80 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ name: name80 });

    const refused = await send('PATCH', url, { name: `U${'L'.repeat(80)}` });
    expectRefusedNaming(refused, 'name');
    expect((await send('GET', url)).json()).toMatchObject({ name: name80 });
  });

  async function createWithFirstLocation(name: string) {
    const n = next();
    return send('POST', '/v1/customers', {
      name: `First Location ${n}`,
      externalId: `FIRST-LOCATION-${n}`,
      adminEmail: `owner${n}@first-location.example`,
      country: 'NL',
      packages: [{ id: 'webex_calling' }],
      firstLocation: location(name),
    });
  }

  it('admin customer create: firstLocation.name of 80 accepted (and provisioned), 81 refused naming the field', async () => {
    const accepted = await createWithFirstLocation(NAME_80);
    expect(accepted.statusCode, accepted.body).toBe(202);
    await harness().drainJobs();
    const id = (accepted.json() as { id: string }).id;
    const locations = await send('GET', `/v1/customers/${id}/locations`);
    expect((locations.json() as { items: { name: string }[] }).items.map((item) => item.name)).toEqual([
      NAME_80,
    ]);

    const refused = await createWithFirstLocation(NAME_81);
    expectRefusedNaming(refused, 'firstLocation.name');
  });

  async function wholesaleCreate(name: string) {
    const n = next();
    return send('POST', '/v1/wholesale/customers', {
      provisioningId: 'spec-rules-proven',
      externalId: `WHOLESALE-LOCATION-${n}`,
      packages: ['webex_calling'],
      address: { addressLine1: 'Damrak 1', city: 'Amsterdam', country: 'NL' },
      customerInfo: { name: `Wholesale Location ${n}`, primaryEmail: `owner${n}@wholesale-location.example` },
      provisioningParameters: {
        calling: {
          location: {
            name,
            address: { addressLine1: 'Damrak 1', city: 'Amsterdam', country: 'NL' },
            timezone: 'Europe/Amsterdam',
            language: 'nl',
          },
        },
      },
    });
  }

  it('Wholesale customer create: location name of 80 accepted (and provisioned), 81 refused naming the field', async () => {
    const accepted = await wholesaleCreate(NAME_80);
    expect(accepted.statusCode, accepted.body).toBeLessThan(300);
    // `sequence` still holds the number wholesaleCreate gave this customer's externalId.
    await harness().drainJobs();
    const { database } = harness();
    const customer = await database.db
      .selectFrom('customers')
      .select('id')
      .where('external_id', '=', `WHOLESALE-LOCATION-${sequence}`)
      .executeTakeFirstOrThrow();
    const locations = await send('GET', `/v1/customers/${customer.id}/locations`);
    expect((locations.json() as { items: { name: string }[] }).items.map((item) => item.name)).toEqual([
      NAME_80,
    ]);

    const refused = await wholesaleCreate(NAME_81);
    expect(refused.statusCode, refused.body).toBe(400);
    expect((refused.json() as PublicErrorBody).errors).toEqual([
      {
        errorCode: WHOLESALE_CODES.invalid_request.errorCode,
        description: expect.stringMatching(/^provisioningParameters\.calling\.location\.name .*\b80\b/),
      },
    ]);
  });
});

describe('SPEC §5: deleting a customer frees its users’ emails and its numbers', () => {
  const RANGE = '+31207770000-+31207770009';
  const SAME_PARTNER_HALF = '+31207770000-+31207770004';
  const OTHER_PARTNER_HALF = '+31207770005-+31207770009';
  const CALLER = 'anna@deleted-customer.example';
  const MEETER = 'bert@deleted-customer.example';

  interface Tenant {
    readonly token: string;
    readonly customerId: string;
  }
  let deleted: Tenant;
  let samePartner: Tenant;
  let otherPartner: Tenant;

  async function tenant(token: string, partnerId: string, locationName: string): Promise<Tenant> {
    const customerId = (await createTestCustomer(harness().database.db, partnerId, { provision: true })).id;
    const location = await send(
      'POST',
      `/v1/customers/${customerId}/locations`,
      { name: locationName, country: 'NL', timeZone: 'Europe/Amsterdam' },
      token,
    );
    expect(location.statusCode, location.body).toBe(201);
    return { token, customerId };
  }

  const addNumbers = (to: Tenant, numbers: string) =>
    send(
      'POST',
      `/v1/customers/${to.customerId}/numbers`,
      { location: 'Office', numbers: [numbers] },
      to.token,
    );

  const addCallingUser = (to: Tenant, email: string, phoneNumber: string) =>
    send(
      'POST',
      `/v1/customers/${to.customerId}/users`,
      { email, package: 'webex_calling', location: 'Office', extension: '2001', phoneNumber },
      to.token,
    );

  const addMeetingsUser = (to: Tenant, email: string) =>
    send('POST', `/v1/customers/${to.customerId}/users`, { email, package: 'webex_meetings' }, to.token);

  async function numbersOf(of: Tenant, state: 'free' | 'taken'): Promise<string[]> {
    const listed = await send(
      'GET',
      `/v1/customers/${of.customerId}/numbers?state=${state}&max=100`,
      undefined,
      of.token,
    );
    expect(listed.statusCode, listed.body).toBe(200);
    return (listed.json() as { items: { phoneNumber: string }[] }).items.map((item) => item.phoneNumber);
  }

  beforeAll(async () => {
    const { database, partnerId, tokens } = harness();
    deleted = await tenant(tokens.partnerFull, partnerId, 'Office');
    samePartner = await tenant(tokens.partnerFull, partnerId, 'Office');
    const otherPartnerId = await createPartner(database.db, 'Other Partner Of Deletion');
    const otherToken = await createApiToken(database.db, {
      partnerId: otherPartnerId,
      role: 'partner_full_admin',
    });
    otherPartner = await tenant(otherToken, otherPartnerId, 'Office');

    expect((await addNumbers(deleted, RANGE)).statusCode).toBe(201);
    expect((await addCallingUser(deleted, CALLER, '+31207770001')).statusCode).toBe(201);
    expect((await addMeetingsUser(deleted, MEETER)).statusCode).toBe(201);
  });

  it('while the customer exists, its emails and numbers are taken for the others', async () => {
    expect((await addMeetingsUser(samePartner, CALLER)).statusCode).toBe(409);
    expect((await addMeetingsUser(otherPartner, MEETER)).statusCode).toBe(409);
    expect((await addNumbers(samePartner, SAME_PARTNER_HALF)).statusCode).toBe(409);
    expect((await addNumbers(otherPartner, OTHER_PARTNER_HALF)).statusCode).toBe(409);
  });

  it('after the deletion job ran, another customer of the same partner and of another partner may use them', async () => {
    const removal = await send('DELETE', `/v1/customers/${deleted.customerId}`, undefined, deleted.token);
    expect(removal.statusCode, removal.body).toBeLessThan(300);
    await harness().drainJobs();

    const numbersSame = await addNumbers(samePartner, SAME_PARTNER_HALF);
    expect(numbersSame.statusCode, numbersSame.body).toBe(201);
    expect(numbersSame.json()).toMatchObject({ added: 5, alreadyPresent: 0 });
    const numbersOther = await addNumbers(otherPartner, OTHER_PARTNER_HALF);
    expect(numbersOther.statusCode, numbersOther.body).toBe(201);
    expect(numbersOther.json()).toMatchObject({ added: 5, alreadyPresent: 0 });

    // The deleted user's own email and number, together, in the same partner's other customer.
    const caller = await addCallingUser(samePartner, CALLER, '+31207770001');
    expect(caller.statusCode, caller.body).toBe(201);
    expect(caller.json()).toMatchObject({ email: CALLER, phoneNumber: '+31207770001' });
    const meeter = await addMeetingsUser(otherPartner, MEETER);
    expect(meeter.statusCode, meeter.body).toBe(201);

    expect(await numbersOf(samePartner, 'taken')).toEqual(['+31207770001']);
    expect(await numbersOf(samePartner, 'free')).toEqual([
      '+31207770000',
      '+31207770002',
      '+31207770003',
      '+31207770004',
    ]);
    expect(await numbersOf(otherPartner, 'taken')).toEqual([]);
    expect((await send('GET', `/v1/customers/${deleted.customerId}`)).statusCode).toBe(404);
  });
});

describe('SPEC §3: both Jabber fields default to FALSE at every door that creates a user', () => {
  const BOTH_FALSE = { jabberCalling: false, jabberWithWebexTeams: false };

  async function adminView(customerId: string, userId: string): Promise<unknown> {
    const read = await send('GET', `/v1/customers/${customerId}/users/${userId}`);
    expect(read.statusCode, read.body).toBe(200);
    return read.json();
  }

  it('manual add (a calling and a meetings user): both false in the answer and when read back', async () => {
    const { database, partnerId } = harness();
    const customerId = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
    expect(
      (
        await send('POST', `/v1/customers/${customerId}/locations`, {
          name: 'Office',
          country: 'NL',
          timeZone: 'Europe/Amsterdam',
        })
      ).statusCode,
    ).toBe(201);
    for (const payload of [
      { email: 'caller@jabber.example', package: 'webex_calling', location: 'Office', extension: '3001' },
      { email: 'meeter@jabber.example', package: 'webex_meetings' },
    ]) {
      const created = await send('POST', `/v1/customers/${customerId}/users`, payload);
      expect(created.statusCode, created.body).toBe(201);
      const user = created.json() as { id: string };
      expect(user, payload.email).toMatchObject(BOTH_FALSE);
      expect(await adminView(customerId, user.id), payload.email).toMatchObject(BOTH_FALSE);
    }
  });

  it('manual add of several users at once (batch): both false', async () => {
    const { database, partnerId } = harness();
    const customerId = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
    const batch = await send('POST', `/v1/customers/${customerId}/users/batch`, {
      users: [
        { email: 'one@jabber-batch.example', package: 'webex_meetings' },
        { email: 'two@jabber-batch.example', package: 'webex_voice' },
      ],
    });
    expect(batch.statusCode, batch.body).toBe(200);
    const results = (batch.json() as { results: { result: string; user?: { id: string } }[] }).results;
    expect(results.map((result) => result.result)).toEqual(['created', 'created']);
    for (const result of results) {
      expect(result.user).toMatchObject(BOTH_FALSE);
      expect(await adminView(customerId, result.user?.id ?? '')).toMatchObject(BOTH_FALSE);
    }
  });

  it('SCIM POST /Users: both false', async () => {
    const scim = await createScimCustomer(harness());
    const created = await scim.request('POST', '/Users', scimUser('scim@jabber.example'));
    expect(created.statusCode, created.body).toBe(201);
    const userId = (created.json() as { id: string }).id;
    expect(await adminView(scim.customerId, userId)).toMatchObject(BOTH_FALSE);
  });

  it('Wholesale subscriber create: both false', async () => {
    const { database, partnerId } = harness();
    const customerId = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
    const created = await send('POST', '/v1/wholesale/subscribers', {
      customerId,
      email: 'wholesale@jabber.example',
      package: 'webex_meetings',
      provisioningParameters: { firstName: 'Whole', lastName: 'Sale' },
    });
    expect(created.statusCode, created.body).toBe(200);
    const userId = (created.json() as { id: string }).id;
    expect(await adminView(customerId, userId)).toMatchObject(BOTH_FALSE);
  });
});

// PUT /v1/wholesale/subscribers/{id} with a `locationId` (a UUID, the form of our ids) that is not
// a location of the subscriber's own customer (another partner's customer, another customer of the
// same partner, or none at all) is refused as POST refuses an unknown location: 400
// `{errorCode: 10012}`. The answer is the same whichever of those it is, so it never tells that the
// location exists elsewhere; before, an entitled subscriber's update ignored the location and
// answered 200. Values of another form stay ignored for an entitled subscriber (public description;
// test/contract/wholesale-api.test.ts sends the published example's Webex id).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicErrorResponseSchema } from '../../src/http/routes/wholesale/schemas.ts';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken, createPartner, createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();

let customerId = '';
let ownLocationId = '';
let siblingLocationId = '';
let foreignLocationId = '';

async function send(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, token?: string) {
  const { app, tokens, auth } = harness();
  return app.inject({
    method,
    url,
    headers: auth(token ?? tokens.partnerFull),
    ...(payload === undefined ? {} : { payload }),
  });
}

async function addLocation(owner: string, name: string): Promise<string> {
  const { tokens } = harness();
  const response = await send(
    'POST',
    `/v1/customers/${owner}/locations`,
    { name, country: 'NL', city: 'Amsterdam', addressLine1: 'Damrak 1', timeZone: 'Europe/Amsterdam' },
    tokens.operator,
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function addSubscriber(email: string, provisioningParameters: object, pkg: string): Promise<string> {
  const response = await send('POST', '/v1/wholesale/subscribers', {
    customerId,
    email,
    package: pkg,
    provisioningParameters,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().id as string;
}

/** The answer without its per-request tracking id. */
function refusal(response: { statusCode: number; json(): unknown }) {
  const { message, errors } = publicErrorResponseSchema.parse(response.json());
  return { status: response.statusCode, message, errors };
}

beforeAll(async () => {
  const { database, partnerId } = harness();
  const own = await createTestCustomer(database.db, partnerId, { provision: true });
  const sibling = await createTestCustomer(database.db, partnerId, { provision: true });
  const otherPartner = await createPartner(database.db, 'Other Partner');
  const foreign = await createTestCustomer(database.db, otherPartner, { provision: true });
  customerId = own.id;
  ownLocationId = await addLocation(own.id, 'Own HQ');
  siblingLocationId = await addLocation(sibling.id, 'Sibling HQ');
  foreignLocationId = await addLocation(foreign.id, 'Foreign HQ');
  // The other partner's token can see its own location: it exists.
  const otherToken = await createApiToken(database.db, {
    partnerId: otherPartner,
    role: 'partner_full_admin',
  });
  const seen = await send(
    'GET',
    `/v1/customers/${foreign.id}/locations/${foreignLocationId}`,
    undefined,
    otherToken,
  );
  expect(seen.statusCode, seen.body).toBe(200);
});

describe('a locationId outside the subscriber’s customer', () => {
  it('POST with an unknown location: the reference answer is 400 location_not_found', async () => {
    const unknown = randomUUID();
    const response = await send('POST', '/v1/wholesale/subscribers', {
      customerId,
      email: 'post-unknown@location-tenancy.example',
      package: 'webex_calling',
      provisioningParameters: { locationId: unknown, extension: '5100' },
    });
    expect(refusal(response)).toEqual({
      status: 400,
      message: expect.any(String),
      errors: [{ errorCode: 10012, description: `Location "${unknown}" does not exist.` }],
    });
  });

  const subscribers = [
    {
      name: 'an entitled Calling subscriber',
      create: (email: string) =>
        addSubscriber(email, { locationId: ownLocationId, extension: '5101' }, 'webex_calling'),
      body: (locationId: string) => ({
        package: 'webex_suite',
        provisioningParameters: { locationId, extension: '5201' },
      }),
      unchanged: { package: 'webex_calling' },
    },
    {
      name: 'a Meetings subscriber moving to Calling',
      create: (email: string) => addSubscriber(email, {}, 'webex_meetings'),
      body: (locationId: string) => ({
        package: 'webex_calling',
        provisioningParameters: { locationId, extension: '5202' },
      }),
      unchanged: { package: 'webex_meetings' },
    },
  ];

  it.each(subscribers)(
    '$name: another partner’s, a sibling’s and no location answer alike',
    async (subject) => {
      const email = `${subject.unchanged.package}@location-tenancy.example`;
      const id = await subject.create(email);
      const answers = [];
      for (const locationId of [foreignLocationId, siblingLocationId, randomUUID()]) {
        const response = await send('PUT', `/v1/wholesale/subscribers/${id}`, subject.body(locationId));
        expect(response.statusCode, response.body).toBe(400);
        const answer = refusal(response);
        expect(answer.errors).toEqual([
          { errorCode: 10012, description: `Location "${locationId}" does not exist.` },
        ]);
        // Same answer, the id given aside: nothing says the location exists elsewhere.
        answers.push(JSON.stringify(answer).replaceAll(locationId, '<id>'));
      }
      expect(new Set(answers).size).toBe(1);
      const after = await send('GET', `/v1/wholesale/subscribers/${id}`);
      expect(after.json()).toMatchObject(subject.unchanged);
    },
  );

  it('an entitled subscriber given another customer’s location name: ignored as an unknown name is', async () => {
    const id = await addSubscriber(
      'by-name@location-tenancy.example',
      { locationId: ownLocationId, extension: '5102' },
      'webex_calling',
    );
    for (const [locationId, pkg] of [
      ['Foreign HQ', 'webex_suite'],
      ['Nowhere HQ', 'webex_calling'],
    ] as const) {
      const response = await send('PUT', `/v1/wholesale/subscribers/${id}`, {
        package: pkg,
        provisioningParameters: { locationId, extension: '5203' },
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    const user = await send('GET', `/v1/customers/${customerId}/users/${id}`);
    expect(user.json()).toMatchObject({ locationId: ownLocationId, extension: '5102' });
  });

  it('a Meetings subscriber staying on Meetings: its own location is ignored, the public API stays tolerant', async () => {
    const id = await addSubscriber('stays-meetings@location-tenancy.example', {}, 'webex_meetings');
    for (const locationId of [ownLocationId, 'Own HQ']) {
      const response = await send('PUT', `/v1/wholesale/subscribers/${id}`, {
        packages: ['webex_meetings'],
        provisioningParameters: { locationId, extension: '5400' },
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    const user = await send('GET', `/v1/customers/${customerId}/users/${id}`);
    expect(user.json()).toMatchObject({ package: 'webex_meetings', locationId: null, extension: null });
  });

  it('the subscriber’s own location is still taken', async () => {
    const id = await addSubscriber('own@location-tenancy.example', {}, 'webex_meetings');
    const response = await send('PUT', `/v1/wholesale/subscribers/${id}`, {
      package: 'webex_calling',
      provisioningParameters: { locationId: ownLocationId, extension: '5300' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ package: 'webex_calling' });
  });

  it('an entitled subscriber’s own location is ignored as the public description says', async () => {
    const id = await addSubscriber(
      'own-entitled@location-tenancy.example',
      { locationId: ownLocationId, extension: '5301' },
      'webex_calling',
    );
    const response = await send('PUT', `/v1/wholesale/subscribers/${id}`, {
      package: 'webex_suite',
      provisioningParameters: { locationId: ownLocationId, extension: '5999' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ package: 'webex_suite' });
  });
});

// A key the admin API does not know is refused by name: an integrator who sends `locationId` for
// `location`, or misspells a field, must not get a 200 that changed nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();
let customerId = '';
let userId = '';

function send(method: 'POST' | 'PATCH' | 'PUT' | 'GET', url: string, payload?: object, language = 'en') {
  const { app, tokens, auth } = harness();
  return app.inject({
    method,
    url,
    headers: { ...auth(tokens.partnerFull), 'accept-language': language },
    ...(payload ? { payload } : {}),
  });
}

beforeAll(async () => {
  const created = await send('POST', '/v1/customers', {
    name: 'Strict',
    externalId: 'STRICT-1',
    adminEmail: 'admin@strict.example',
    country: 'NL',
    packages: [{ id: 'webex_meetings' }],
  });
  customerId = created.json().id;
  await harness().drainJobs();
  const user = await send('POST', `/v1/customers/${customerId}/users`, {
    email: 'anna@strict.example',
    firstName: 'Anna',
    lastName: 'Strict',
    package: 'webex_meetings',
  });
  expect(user.statusCode, user.body).toBe(201);
  userId = user.json().id;
});

describe('unknown keys in user bodies', () => {
  it.each([
    [
      'PATCH a user',
      'PATCH',
      () => `/v1/customers/${customerId}/users/${userId}`,
      { locationId: 'x', title: 'Boss' },
    ],
    [
      'POST a user',
      'POST',
      () => `/v1/customers/${customerId}/users`,
      {
        email: 'bram@strict.example',
        firstName: 'B',
        lastName: 'S',
        package: 'webex_meetings',
        locationId: 'x',
      },
    ],
    [
      'POST a batch',
      'POST',
      () => `/v1/customers/${customerId}/users/batch`,
      {
        users: [
          {
            email: 'carla@strict.example',
            firstName: 'C',
            lastName: 'S',
            package: 'webex_meetings',
            locationId: 'x',
          },
        ],
      },
    ],
    [
      'PUT a package',
      'PUT',
      () => `/v1/customers/${customerId}/users/${userId}/package`,
      { package: 'webex_meetings', locationId: 'x' },
    ],
  ] as const)('%s: 400 naming the key, and nothing changed', async (_name, method, url, payload) => {
    for (const [language, text] of [
      ['en', 'Unknown field "locationId"'],
      ['nl', 'Onbekend veld "locationId"'],
    ] as const) {
      const response = await send(method, url(), payload, language);
      expect(response.statusCode, response.body).toBe(400);
      const [detail] = response.json().errors;
      expect(detail.code).toBe('invalid_field');
      expect(detail.field).toMatch(/^(users\.0\.)?locationId$/);
      expect(detail.description).toContain(text);
    }
    const users = await send('GET', `/v1/customers/${customerId}/users`);
    expect(
      users.json().items.map((user: { email: string; title: string | null }) => [user.email, user.title]),
    ).toEqual([['anna@strict.example', null]]);
  });

  it('still takes a body of known keys', async () => {
    const response = await send('PATCH', `/v1/customers/${customerId}/users/${userId}`, { title: 'Baker' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().title).toBe('Baker');
  });
});

describe('validation details name the request property', () => {
  it('gives one detail per unknown key, its field the key', async () => {
    const response = await send('PATCH', `/v1/customers/${customerId}/users/${userId}`, {
      title: 'Boss',
      bogus: 1,
      other: 2,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors).toEqual([
      {
        code: 'invalid_field',
        field: 'bogus',
        description:
          'Unknown field "bogus": this request does not take it. Leave it out or check its spelling.',
      },
      {
        code: 'invalid_field',
        field: 'other',
        description:
          'Unknown field "other": this request does not take it. Leave it out or check its spelling.',
      },
    ]);
  });

  it.each([
    ['en', 'max must be a number.'],
    ['nl', 'max moet een getal zijn.'],
  ] as const)(
    'a query number that is no number (%s): field max, a readable reason',
    async (language, text) => {
      const response = await send('GET', `/v1/customers/${customerId}/users?max=abc`, undefined, language);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().errors).toEqual([{ code: 'invalid_field', field: 'max', description: text }]);
    },
  );

  it.each([
    ['en', 'address.addressLine1 is too long: at most 50 characters.'],
    ['nl', 'address.addressLine1 is te lang: hoogstens 50 tekens.'],
  ] as const)('a nested field too long (%s): its path as the field', async (language, text) => {
    const response = await send(
      'PATCH',
      `/v1/customers/${customerId}`,
      { address: { addressLine1: 'x'.repeat(51) } },
      language,
    );
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors).toEqual([
      { code: 'invalid_field', field: 'address.addressLine1', description: text },
    ]);
  });
});

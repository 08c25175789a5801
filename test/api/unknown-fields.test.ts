// A key the admin API does not know is refused by name: an integrator who sends `locationId` for
// `location`, or misspells a field, must not get a 200 that changed nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();
let customerId = '';
let userId = '';

function send(method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object, language = 'en') {
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
  ] as const)('%s: 400 naming the key, and nothing changed', async (_name, method, url, payload) => {
    for (const [language, text] of [
      ['en', 'Unrecognized key: "locationId"'],
      ['nl', 'Onbekende key: "locationId"'],
    ] as const) {
      const response = await send(method, url(), payload, language);
      expect(response.statusCode, response.body).toBe(400);
      const [detail] = response.json().errors;
      expect(detail.code).toBe('invalid_field');
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

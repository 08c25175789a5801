// The Wholesale API's subscriber create and update keep the public Subscriber shape, which has no
// `warnings` (shared/reference/webex-wholesale.openapi.json: only a customer's package carries
// warnings, of its background provisioning). What the rules accept with a warning (a
// primaryPhoneNumber that lost its `+`, no preferred Webex site) is applied as on the admin API,
// whose create, batch, PATCH and PUT …/package answer those warnings; the public answer stays public.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';
import { REFERENCE_PATH } from '../contract/wholesale-contract.ts';

const PUBLIC = JSON.parse(readFileSync(REFERENCE_PATH, 'utf8')) as {
  components: { schemas: { Subscriber: { properties: Record<string, unknown> } } };
};
const SUBSCRIBER_KEYS = Object.keys(PUBLIC.components.schemas.Subscriber.properties);

const harness = useTestApp();
let customerId = '';
let locationId = '';

function send(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const { app, tokens, auth } = harness();
  return app.inject({ method, url, headers: auth(tokens.partnerFull), ...(payload ? { payload } : {}) });
}

beforeAll(async () => {
  const { database, partnerId } = harness();
  customerId = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
  const location = await send('POST', `/v1/customers/${customerId}/locations`, {
    name: 'Rotterdam',
    country: 'NL',
    timeZone: 'Europe/Amsterdam',
  });
  expect(location.statusCode, location.body).toBe(201);
  locationId = (location.json() as { id: string }).id;
  const numbers = await send('POST', `/v1/customers/${customerId}/numbers`, {
    location: 'Rotterdam',
    numbers: ['+31101234567'],
  });
  expect(numbers.statusCode, numbers.body).toBe(201);
});

describe('Wholesale subscriber writes the rules warn about', () => {
  it('create and update answer the public Subscriber, the change applied', async () => {
    // Meetings without a preferred Webex site: the admin API would warn preferred_site_missing.
    const created = await send('POST', '/v1/wholesale/subscribers', {
      customerId,
      email: 'warned@wholesale-warnings.example',
      package: 'webex_meetings',
      provisioningParameters: { firstName: 'Wim' },
    });
    expect(created.statusCode, created.body).toBe(200);
    const subscriber = created.json() as Record<string, unknown>;
    expect(Object.keys(subscriber).filter((key) => !SUBSCRIBER_KEYS.includes(key))).toEqual([]);

    // A number that lost its +: the admin API would warn phone_plus_restored.
    const updated = await send('PUT', `/v1/wholesale/subscribers/${String(subscriber.id)}`, {
      package: 'webex_calling',
      provisioningParameters: { primaryPhoneNumber: '31101234567', locationId },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    const body = updated.json() as Record<string, unknown>;
    expect(Object.keys(body).filter((key) => !SUBSCRIBER_KEYS.includes(key))).toEqual([]);
    expect(body.package).toBe('webex_calling');

    const user = await send('GET', `/v1/customers/${customerId}/users/${String(subscriber.id)}`);
    expect(user.statusCode, user.body).toBe(200);
    expect((user.json() as { phoneNumber: string }).phoneNumber).toBe('+31101234567');
  });

  it('says so in the OpenAPI document', async () => {
    const document = (await harness().app.inject({ url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { description?: string }>>;
    };
    for (const [path, method] of [
      ['/v1/wholesale/subscribers', 'post'],
      ['/v1/wholesale/subscribers/{subscriberId}', 'put'],
    ] as const)
      expect(document.paths[path]?.[method]?.description, `${method} ${path}`).toContain('no `warnings`');
  });
});

// The admin API's JSON write bodies of customers, locations, numbers, settings, domains, claims,
// tokens and admins refuse a key they do not know, by name (as the user bodies do, see
// unknown-fields.test.ts): a misspelt or misplaced field is a 400, never a 200 that ignored it.
// Nested objects (a customer's address, sold packages and first location) are strict as well.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();
let customerId = '';
let locationId = '';
let adminId = '';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

function send(method: Method, url: string, payload?: object, language = 'en') {
  const { app, tokens, auth } = harness();
  return app.inject({
    method,
    url,
    headers: { ...auth(tokens.partnerFull), 'accept-language': language },
    ...(payload ? { payload } : {}),
  });
}

async function read(url: string): Promise<unknown> {
  const response = await send('GET', url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const location = {
  name: 'Head Office',
  country: 'NL',
  city: 'Amsterdam',
  addressLine1: 'Damrak 1',
  timeZone: 'Europe/Amsterdam',
};

beforeAll(async () => {
  const { database, partnerId } = harness();
  const customer = await createTestCustomer(database.db, partnerId, { provision: true });
  customerId = customer.id;
  const created = await send('POST', `/v1/customers/${customerId}/locations`, location);
  expect(created.statusCode, created.body).toBe(201);
  locationId = created.json().id;
  const numbers = await send('POST', `/v1/customers/${customerId}/numbers`, {
    location: locationId,
    numbers: ['+31201234500'],
  });
  expect(numbers.statusCode, numbers.body).toBe(201);
  const admin = await send('POST', '/v1/admins', {
    email: 'kept@strict-admin.example',
    role: 'partner_readonly_admin',
  });
  expect(admin.statusCode, admin.body).toBe(201);
  adminId = admin.json().id;
});

const newCustomer = {
  name: 'Strict Customer',
  externalId: 'STRICT-ADMIN-1',
  adminEmail: 'admin@strict-admin.example',
  country: 'NL',
};

interface Case {
  readonly method: Method;
  readonly url: () => string;
  readonly body: object;
  /** The stray key as the error names it. */
  readonly key: string;
  /** What must read the same before and after the refused request. */
  readonly state: () => string;
}

const c = () => `/v1/customers/${customerId}`;

const CASES: Record<string, Case> = {
  'POST customer': {
    method: 'POST',
    url: () => '/v1/customers',
    body: { ...newCustomer, customerName: 'x' },
    key: 'customerName',
    state: () => '/v1/customers',
  },
  'POST customer, in the address': {
    method: 'POST',
    url: () => '/v1/customers',
    body: { ...newCustomer, address: { addressLine1: 'Damrak 1', street: 'x' } },
    key: 'street',
    state: () => '/v1/customers',
  },
  'POST customer, in a sold package': {
    method: 'POST',
    url: () => '/v1/customers',
    body: { ...newCustomer, packages: [{ id: 'webex_meetings', max: 5 }] },
    key: 'max',
    state: () => '/v1/customers',
  },
  'POST customer, in the first location': {
    method: 'POST',
    url: () => '/v1/customers',
    body: { ...newCustomer, firstLocation: { ...location, locationName: 'x' } },
    key: 'locationName',
    state: () => '/v1/customers',
  },
  'PATCH customer': {
    method: 'PATCH',
    url: c,
    body: { name: 'Renamed', timeZone: 'Europe/Amsterdam' },
    key: 'timeZone',
    state: c,
  },
  'PATCH customer, in the address': {
    method: 'PATCH',
    url: c,
    body: { address: { city: 'Utrecht', zip: '1234' } },
    key: 'zip',
    state: c,
  },
  'POST location': {
    method: 'POST',
    url: () => `${c()}/locations`,
    body: { ...location, name: 'Branch', address: {} },
    key: 'address',
    state: () => `${c()}/locations`,
  },
  'PATCH location': {
    method: 'PATCH',
    url: () => `${c()}/locations/${locationId}`,
    body: { name: 'Renamed Office', timezone: 'Europe/Paris' },
    key: 'timezone',
    state: () => `${c()}/locations`,
  },
  'POST numbers': {
    method: 'POST',
    url: () => `${c()}/numbers`,
    body: { location: 'Head Office', numbers: ['+31201234501'], locationId: 'Head Office' },
    key: 'locationId',
    state: () => `${c()}/numbers`,
  },
  'POST numbers/remove': {
    method: 'POST',
    url: () => `${c()}/numbers/remove`,
    body: { numbers: ['+31201234500'], force: true },
    key: 'force',
    state: () => `${c()}/numbers`,
  },
  'PATCH settings': {
    method: 'PATCH',
    url: () => `${c()}/settings`,
    body: { extensionLength: 6, extensionLenght: 6 },
    key: 'extensionLenght',
    state: () => `${c()}/settings`,
  },
  'PUT settings': {
    method: 'PUT',
    url: () => `${c()}/settings`,
    body: { extensionLength: 6, importBehaviour: 'add-remove' },
    key: 'importBehaviour',
    state: () => `${c()}/settings`,
  },
  'POST domain': {
    method: 'POST',
    url: () => `${c()}/domains`,
    body: { domain: 'strict-admin.example', verify: true },
    key: 'verify',
    state: () => `${c()}/domains`,
  },
  'POST claims': {
    method: 'POST',
    url: () => `${c()}/claims`,
    body: { emails: ['free@strict-admin.example'], packages: ['webex_meetings'] },
    key: 'packages',
    state: () => `${c()}/users`,
  },
  'POST token': {
    method: 'POST',
    url: () => '/v1/tokens',
    body: { name: 'ci', role: 'partner_readonly_admin', scope: 'all' },
    key: 'scope',
    state: () => '/v1/tokens',
  },
  'POST admin': {
    method: 'POST',
    url: () => '/v1/admins',
    body: { email: 'new@strict-admin.example', role: 'partner_readonly_admin', name: 'New' },
    key: 'name',
    state: () => '/v1/admins',
  },
  'PATCH admin': {
    method: 'PATCH',
    url: () => `/v1/admins/${adminId}`,
    body: { displayName: 'Kept', disabled: true },
    key: 'disabled',
    state: () => '/v1/admins',
  },
};

describe('unknown keys in admin API write bodies', () => {
  it.each(Object.entries(CASES))('%s: 400 naming the key, and nothing changed', async (_name, entry) => {
    const before = JSON.stringify(await read(entry.state()));
    for (const [language, text] of [
      ['en', `Unknown field "${entry.key}"`],
      ['nl', `Onbekend veld "${entry.key}"`],
    ] as const) {
      const response = await send(entry.method, entry.url(), entry.body, language);
      expect(response.statusCode, response.body).toBe(400);
      const errors = response.json().errors as { code: string; description: string; field?: string }[];
      // One error only: the rest of the body is valid, the stray key is what is refused.
      expect(errors).toHaveLength(1);
      expect(errors[0]?.code).toBe('invalid_field');
      // The field is the key's path (`address.zip`, `packages.0.max`), ending in the key itself.
      expect(errors[0]?.field?.split('.').at(-1)).toBe(entry.key);
      expect(errors[0]?.description).toContain(text);
    }
    expect(JSON.stringify(await read(entry.state()))).toBe(before);
  });

  it('still takes bodies of known keys', async () => {
    const settings = await send('PATCH', `${c()}/settings`, { extensionLength: 6 });
    expect(settings.statusCode, settings.body).toBe(200);
    const renamed = await send('PATCH', `/v1/customers/${customerId}`, {
      name: 'Renamed',
      address: { city: 'Utrecht' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const customer = await send('POST', '/v1/customers', {
      ...newCustomer,
      address: { addressLine1: 'Damrak 1' },
      packages: [{ id: 'webex_calling', limit: 5 }],
      firstLocation: location,
    });
    expect(customer.statusCode, customer.body).toBeLessThan(300);
  });
});

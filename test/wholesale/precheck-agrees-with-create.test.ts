// A precheck stands for its create (SPEC §2, §7): for every body, POST …/validate must answer what
// POST … answers: accepted by both, or refused by both with the same status, message and public
// errors. Each body is prechecked, then created for real; bodies that must succeed use emails and
// externalIds of their own, so one case's create never decides another's verdict.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken, createPartner, createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();

const ADDRESS = { addressLine1: 'Damrak 1', city: 'Amsterdam', country: 'NL' };
const EXISTING_USER = 'carla@devries.example';
const OTHER_CUSTOMERS_USER = 'piet@other-customer.example';
const OTHER_PARTNERS_USER = 'anna@other-partner.example';
const OTHER_PARTNERS_ADMIN = 'boss@other-partner.example';

let customerId = '';
let takenExternalId = '';

async function send(method: 'POST', url: string, payload: object, token?: string) {
  const { app, auth, tokens } = harness();
  return app.inject({ method, url, headers: auth(token ?? tokens.partnerFull), payload });
}

async function addUser(token: string, customer: string, email: string): Promise<void> {
  const created = await send(
    'POST',
    `/v1/customers/${customer}/users`,
    { email, firstName: 'Jo', lastName: 'Jansen', package: 'webex_meetings' },
    token,
  );
  expect(created.statusCode, created.body).toBeLessThan(300);
}

/** What a caller can tell of an answer: accepted, or the refusal's status, message and errors. */
function verdict(response: { statusCode: number; body: string }) {
  if (response.statusCode < 300) return 'accepted';
  const body = JSON.parse(response.body) as {
    message: string;
    errors: { errorCode: number; description: string }[];
  };
  return { status: response.statusCode, message: body.message, errors: body.errors };
}

beforeAll(async () => {
  const { database, partnerId, tokens } = harness();
  const otherPartnerId = await createPartner(database.db, 'Other Partner');
  const otherPartnerFull = await createApiToken(database.db, {
    partnerId: otherPartnerId,
    role: 'partner_full_admin',
  });
  const otherPartnersCustomer = await createTestCustomer(database.db, otherPartnerId, {
    adminEmail: OTHER_PARTNERS_ADMIN,
    provision: true,
  });
  await addUser(otherPartnerFull, otherPartnersCustomer.id, OTHER_PARTNERS_USER);
  const otherCustomer = await createTestCustomer(database.db, partnerId, { provision: true });
  await addUser(tokens.partnerFull, otherCustomer.id, OTHER_CUSTOMERS_USER);
  takenExternalId = otherCustomer.externalId;
  const customer = await createTestCustomer(database.db, partnerId, { provision: true });
  customerId = customer.id;
  await addUser(tokens.partnerFull, customerId, EXISTING_USER);
});

describe('POST /v1/wholesale/customers/validate judges as POST /v1/wholesale/customers', () => {
  const location = {
    name: 'Head office',
    address: ADDRESS,
    timezone: 'Europe/Amsterdam',
    language: 'nl',
  };
  type Body = Record<string, unknown>;
  const cases: [string, (body: Body) => Body][] = [
    ['a valid meetings customer', (body) => body],
    [
      'a valid calling customer with its first location',
      (body) => ({
        ...body,
        packages: ['webex_calling'],
        provisioningParameters: { calling: { location } },
      }),
    ],
    ['a name with %', (body) => ({ ...body, customerInfo: { ...info(body), name: 'P%V' } })],
    ['an unknown language', (body) => ({ ...body, customerInfo: { ...info(body), language: 'klingon' } })],
    [
      'a location in an unknown time zone',
      (body) => ({
        ...body,
        packages: ['webex_calling'],
        provisioningParameters: { calling: { location: { ...location, timezone: 'Mars/Base' } } },
      }),
    ],
    [
      'a location in an unknown language',
      (body) => ({
        ...body,
        packages: ['webex_calling'],
        provisioningParameters: { calling: { location: { ...location, language: 'klingon' } } },
      }),
    ],
    ['a calling package without a first location', (body) => ({ ...body, packages: ['webex_calling'] })],
    ['a package we do not sell', (body) => ({ ...body, packages: ['cx_premium_agent'] })],
    ['a package no one knows', (body) => ({ ...body, packages: ['webex_teleport'] })],
    ['the add-on without a host package', (body) => ({ ...body, packages: ['attendant_console'] })],
    [
      'the add-on with meetings only',
      (body) => ({ ...body, packages: ['webex_meetings', 'attendant_console'] }),
    ],
    ['no packages', (body) => ({ ...body, packages: [] })],
    ['an unknown country', (body) => ({ ...body, address: { ...ADDRESS, country: 'XX' } })],
    [
      'an address line over 50 characters',
      (body) => ({ ...body, address: { ...ADDRESS, addressLine1: 'x'.repeat(51) } }),
    ],
    ['an externalId another customer holds', (body) => ({ ...body, externalId: takenExternalId })],
    ['an empty externalId', (body) => ({ ...body, externalId: ' ' })],
    [
      "an admin email of another partner's customer",
      (body) => ({ ...body, customerInfo: { ...info(body), primaryEmail: OTHER_PARTNERS_ADMIN } }),
    ],
    [
      'an invalid primary email',
      (body) => ({ ...body, customerInfo: { ...info(body), primaryEmail: 'not-an-email' } }),
    ],
  ];

  function info(body: Body): Body {
    return body['customerInfo'] as Body;
  }

  it.each(cases)('%s', async (name, shape) => {
    const unique = randomUUID().slice(0, 8);
    const body = shape({
      provisioningId: 'precheck-agrees',
      packages: ['webex_meetings'],
      externalId: `precheck-agrees-${unique}`,
      address: ADDRESS,
      customerInfo: {
        name: `Customer ${unique}`,
        primaryEmail: `admin-${unique}@new.example`,
        language: 'en',
      },
    });
    const prechecked = await send('POST', '/v1/wholesale/customers/validate', body);
    const created = await send('POST', '/v1/wholesale/customers', body);
    expect(verdict(prechecked), `precheck: ${prechecked.body}`).toEqual(verdict(created));
    // The table means what it says: only the valid bodies are accepted.
    expect(verdict(created) === 'accepted', created.body).toBe(name.startsWith('a valid'));
    if (prechecked.statusCode < 300) expect([prechecked.statusCode, created.statusCode]).toEqual([200, 202]);
  });
});

describe('POST /v1/wholesale/subscribers/validate judges as POST /v1/wholesale/subscribers', () => {
  type Body = Record<string, unknown>;
  const cases: [string, (body: Body) => Body][] = [
    ['a valid meetings subscriber', (body) => body],
    ['a valid subscriber by packages', (body) => ({ ...body, packages: ['webex_meetings'] })],
    ['an existing user of the same customer', (body) => ({ ...body, email: EXISTING_USER })],
    [
      'an existing user of the same customer, in other case',
      (body) => ({ ...body, email: EXISTING_USER.toUpperCase() }),
    ],
    ['a user of another customer of the partner', (body) => ({ ...body, email: OTHER_CUSTOMERS_USER })],
    ["a user of another partner's customer", (body) => ({ ...body, email: OTHER_PARTNERS_USER })],
    ['a package it cannot hold', (body) => ({ ...body, packages: ['cx_premium_agent'] })],
    ['a package no one knows', (body) => ({ ...body, packages: ['webex_teleport'] })],
    ['the add-on without a package', (body) => ({ ...body, packages: ['attendant_console'] })],
    ['two packages', (body) => ({ ...body, packages: ['webex_meetings', 'webex_suite'] })],
    ['no packages', (body) => ({ ...body, packages: [] })],
    [
      'a calling package at an unknown location',
      (body) => ({
        ...body,
        package: 'webex_calling',
        provisioningParameters: { ...params(body), locationId: randomUUID(), extension: '1234' },
      }),
    ],
    ['a calling package without a location', (body) => ({ ...body, package: 'webex_calling' })],
    [
      'an extension that is no number',
      (body) => ({ ...body, provisioningParameters: { ...params(body), extension: '12a' } }),
    ],
    ['an invalid email', (body) => ({ ...body, email: 'not-an-email' })],
    ['an unknown customer', (body) => ({ ...body, customerId: randomUUID() })],
  ];

  function params(body: Body): Body {
    return body['provisioningParameters'] as Body;
  }

  it.each(cases)('%s', async (name, shape) => {
    const unique = randomUUID().slice(0, 8);
    const base: Body = {
      customerId,
      email: `new-${unique}@devries.example`,
      provisioningParameters: { firstName: 'New', lastName: 'Person' },
    };
    const shaped = shape(base);
    // One package field (the public rule): the case's own `packages` replaces the default `package`.
    const body = 'packages' in shaped ? shaped : { package: 'webex_meetings', ...shaped };
    const prechecked = await send('POST', '/v1/wholesale/subscribers/validate', body);
    const created = await send('POST', '/v1/wholesale/subscribers', body);
    expect(verdict(prechecked), `precheck: ${prechecked.body}`).toEqual(verdict(created));
    expect(verdict(created) === 'accepted', created.body).toBe(name.startsWith('a valid'));
    if (prechecked.statusCode < 300) expect(prechecked.statusCode).toBe(200);
  });
});

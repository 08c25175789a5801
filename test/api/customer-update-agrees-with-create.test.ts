// A customer update judges as its create (SPEC §2, §7): the same problem gets the same status,
// message and error codes and texts on PATCH /v1/customers/{id} as on POST /v1/customers, in English
// and in Dutch. Each field case is created for real and patched onto a customer of its own, so one
// case's change never decides another's verdict. The checks only an update has (limits and sold
// packages against the users who hold them, fields that cannot change, a busy customer, roles) are
// a table of their own, with the status and code SPEC §7 and ADR 0091 give them.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken, createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();

type Body = Record<string, unknown>;
type Locale = 'en' | 'nl';

async function send(method: 'POST' | 'PATCH', url: string, payload: Body, locale: Locale = 'en') {
  const { app, auth, tokens } = harness();
  return app.inject({
    method,
    url,
    headers: { ...auth(tokens.partnerFull), 'accept-language': locale },
    payload,
  });
}

/** What a caller can tell of an answer: accepted, or the refusal's status, message and errors. */
function verdict(response: { statusCode: number; body: string }) {
  if (response.statusCode < 300) return 'accepted';
  const body = JSON.parse(response.body) as {
    message: string;
    errors: { code: string; description: string }[];
  };
  return {
    status: response.statusCode,
    message: body.message,
    errors: body.errors.map(({ code, description }) => ({ code, description })),
  };
}

async function freshCustomer(): Promise<string> {
  const { database, partnerId } = harness();
  return (await createTestCustomer(database.db, partnerId, { provision: true })).id;
}

let otherCustomersName = '';
let takenExternalId = '';

beforeAll(async () => {
  const { database, partnerId } = harness();
  const other = await createTestCustomer(database.db, partnerId, { name: 'Named Twice BV' });
  otherCustomersName = other.name;
  takenExternalId = other.externalId;
});

describe('PATCH /v1/customers/{id} judges a field as POST /v1/customers does', () => {
  // The fields a case sends: merged into a valid create body, and sent alone as the PATCH.
  const cases: [string, () => Body][] = [
    ['a valid name', () => ({ name: 'Renamed BV' })],
    ['a valid name another customer holds (names are not unique)', () => ({ name: otherCustomersName })],
    ['a name with %', () => ({ name: 'P%V' })],
    ['a blank name', () => ({ name: '   ' })],
    ['an empty name', () => ({ name: '' })],
    ['a name over 200 characters', () => ({ name: 'n'.repeat(201) })],
    ['a valid externalId', () => ({ externalId: `renamed-${randomUUID().slice(0, 8)}` })],
    ['an externalId another customer holds', () => ({ externalId: takenExternalId })],
    ['a blank externalId', () => ({ externalId: '   ' })],
    ['an empty externalId', () => ({ externalId: '' })],
    ['a valid admin email', () => ({ adminEmail: `boss-${randomUUID().slice(0, 6)}@update.example` })],
    ['an invalid admin email', () => ({ adminEmail: 'not-an-email' })],
    ['a valid country', () => ({ country: 'BE' })],
    ['an unknown country', () => ({ country: 'XX' })],
    ['a lower-case country', () => ({ country: 'nl' })],
    ['a three-letter country', () => ({ country: 'NLD' })],
    ['a valid language with region', () => ({ language: 'nl_NL' })],
    ['an unknown language', () => ({ language: 'klingon' })],
    ['a language with an unknown region', () => ({ language: 'nl_XX' })],
    ['a valid address', () => ({ address: { addressLine1: 'Damrak 1', city: 'Amsterdam' } })],
    ['an address line over 50 characters', () => ({ address: { addressLine1: 'x'.repeat(51) } })],
    ['an address with a field no one knows', () => ({ address: { street: 'Damrak' } })],
    ['a valid package list', () => ({ packages: [{ id: 'webex_meetings', limit: 5 }] })],
    ['a package no one knows', () => ({ packages: [{ id: 'webex_teleport' }] })],
    ['a package listed twice', () => ({ packages: [{ id: 'webex_meetings' }, { id: 'webex_meetings' }] })],
    ['a negative limit', () => ({ packages: [{ id: 'webex_meetings', limit: -1 }] })],
    ['a fractional limit', () => ({ packages: [{ id: 'webex_meetings', limit: 1.5 }] })],
    ['a field no one knows', () => ({ colour: 'blue' })],
    ['a time zone (a location has one, a customer none)', () => ({ timeZone: 'Europe/Amsterdam' })],
  ];

  it.each(
    cases.flatMap(([name, fields]) =>
      (['en', 'nl'] as const).map((locale) => [name, locale, fields] as const),
    ),
  )('%s (%s)', async (name, locale, fields) => {
    const unique = randomUUID().slice(0, 8);
    const createBody: Body = {
      name: `Update Agrees ${unique}`,
      externalId: `update-agrees-${unique}`,
      adminEmail: `admin-${unique}@update.example`,
      country: 'NL',
      packages: [{ id: 'webex_meetings' }],
      ...fields(),
    };
    const created = await send('POST', '/v1/customers', createBody, locale);
    const customerId = await freshCustomer();
    const patched = await send('PATCH', `/v1/customers/${customerId}`, fields(), locale);
    expect(verdict(patched), `PATCH: ${patched.body}`).toEqual(verdict(created));
    // The table means what it says: only the valid fields are accepted.
    expect(verdict(patched) === 'accepted', patched.body).toBe(name.startsWith('a valid'));
  });
});

describe('PATCH /v1/customers/{id}: the checks only an update has', () => {
  // A customer whose users hold Meetings twice and Calling once, Attendant Console once; Suite is
  // its default package for new users; nobody holds Customer Assist.
  let busyId = '';
  const SOLD: readonly (readonly [string, number | null])[] = [
    ['webex_meetings', 3],
    ['webex_calling', null],
    ['attendant_console', 2],
    ['webex_suite', 5],
    ['cx_essentials', null],
  ];
  /** The sold packages with some limits changed, or dropped. */
  const sold = (overrides: Record<string, number | null | 'drop'>): { id: string; limit?: number }[] =>
    SOLD.flatMap(([id, limit]) => {
      const wanted = id in overrides ? overrides[id] : limit;
      if (wanted === 'drop') return [];
      return [wanted === null || wanted === undefined ? { id } : { id, limit: wanted }];
    });

  beforeAll(async () => {
    const { database, partnerId, app, auth, tokens } = harness();
    busyId = (
      await createTestCustomer(database.db, partnerId, {
        provision: true,
        packages: sold({}),
      })
    ).id;
    const location = await app.inject({
      method: 'POST',
      url: `/v1/customers/${busyId}/locations`,
      headers: auth(tokens.partnerFull),
      payload: {
        name: 'HQ',
        country: 'NL',
        city: 'Amsterdam',
        addressLine1: 'Damrak 1',
        timeZone: 'Europe/Amsterdam',
      },
    });
    expect(location.statusCode, location.body).toBe(201);
    const settings = await app.inject({
      method: 'PATCH',
      url: `/v1/customers/${busyId}/settings`,
      headers: auth(tokens.partnerFull),
      payload: { defaultPackage: 'webex_suite' },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const batch = await app.inject({
      method: 'POST',
      url: `/v1/customers/${busyId}/users/batch`,
      headers: auth(tokens.partnerFull),
      payload: {
        users: [
          { email: 'm1@update-checks.example', package: 'webex_meetings' },
          { email: 'm2@update-checks.example', package: 'webex_meetings' },
          {
            email: 'c1@update-checks.example',
            package: 'webex_calling',
            location: 'HQ',
            extension: '2001',
            attendantConsole: true,
          },
        ],
      },
    });
    expect(batch.statusCode, batch.body).toBe(200);
    expect(batch.json().results.map((result: { result: string }) => result.result)).toEqual([
      'created',
      'created',
      'created',
    ]);
  });

  /** Accepted with this status (200 at once, 202 while the sold packages go downstream), or refused. */
  type Expected = 200 | 202 | { status: number; message: string; codes: string[] };
  const LIMIT_BELOW = 'A limit cannot be lower than the number of users who hold the package.';
  const IN_USE = 'A package in use cannot be removed.';
  const cases: [string, () => Body, Expected][] = [
    [
      'a limit below the users who hold it',
      () => ({ packages: sold({ webex_meetings: 1 }) }),
      { status: 409, message: LIMIT_BELOW, codes: ['limit_below_usage'] },
    ],
    [
      'a limit of 0 on the add-on a user holds',
      () => ({ packages: sold({ attendant_console: 0 }) }),
      { status: 409, message: LIMIT_BELOW, codes: ['limit_below_usage'] },
    ],
    [
      'removing a package users hold',
      () => ({ packages: sold({ webex_meetings: 'drop' }) }),
      { status: 409, message: IN_USE, codes: ['package_in_use'] },
    ],
    [
      'removing the add-on a user holds',
      () => ({ packages: sold({ attendant_console: 'drop' }) }),
      { status: 409, message: IN_USE, codes: ['package_in_use'] },
    ],
    [
      'removing one package in use and setting another below use',
      () => ({ packages: sold({ webex_calling: 'drop', webex_meetings: 1 }) }),
      {
        status: 409,
        message: 'Packages in use cannot be removed, nor their limits set below their use.',
        codes: ['package_in_use', 'limit_below_usage'],
      },
    ],
    [
      'removing the default package for new users (settings)',
      () => ({ packages: sold({ webex_suite: 'drop' }) }),
      { status: 409, message: IN_USE, codes: ['package_in_use'] },
    ],
    [
      'a first location (locations are added under …/locations)',
      () => ({ firstLocation: { name: 'Second' } }),
      { status: 400, message: 'The request is not valid.', codes: ['invalid_field'] },
    ],
    ['a limit equal to the users who hold it', () => ({ packages: sold({ webex_meetings: 2 }) }), 200],
    // Last: the customer is `updating` afterwards.
    [
      'removing a package nobody holds and no setting names',
      () => ({ packages: sold({ webex_meetings: 2, cx_essentials: 'drop' }) }),
      202,
    ],
  ];

  it.each(cases)('%s', async (_name, body, expected) => {
    const before = await harness().app.inject({
      url: `/v1/customers/${busyId}`,
      headers: harness().auth(harness().tokens.partnerFull),
    });
    const patched = await send('PATCH', `/v1/customers/${busyId}`, body());
    if (typeof expected === 'number') {
      expect(patched.statusCode, patched.body).toBe(expected);
      return;
    }
    const answer = verdict(patched);
    expect(
      answer === 'accepted' ? answer : { ...answer, codes: answer.errors.map((error) => error.code) },
    ).toEqual(
      expect.objectContaining({ status: expected.status, message: expected.message, codes: expected.codes }),
    );
    // A refused update changes nothing.
    const after = await harness().app.inject({
      url: `/v1/customers/${busyId}`,
      headers: harness().auth(harness().tokens.partnerFull),
    });
    expect(after.json().packages).toEqual(before.json().packages);
  });
});

describe('PATCH /v1/customers/{id}: who and when', () => {
  const cases: [
    string,
    () => Promise<{ token: 'partnerFull' | 'partnerReadonly'; id: string }>,
    number,
    string,
  ][] = [
    [
      'a customer still provisioning',
      async () => {
        const { database, partnerId } = harness();
        return { token: 'partnerFull', id: (await createTestCustomer(database.db, partnerId)).id };
      },
      409,
      'customer_busy',
    ],
    [
      'a partner read-only admin',
      async () => ({ token: 'partnerReadonly', id: await freshCustomer() }),
      403,
      'forbidden',
    ],
    ['an unknown customer', async () => ({ token: 'partnerFull', id: randomUUID() }), 404, 'not_found'],
  ];

  it.each(cases)('%s: %i %s', async (_name, setUp, status, code) => {
    const { app, auth, tokens } = harness();
    const { token, id } = await setUp();
    const patched = await app.inject({
      method: 'PATCH',
      url: `/v1/customers/${id}`,
      headers: auth(tokens[token]),
      payload: { name: 'Not Now BV' },
    });
    expect(patched.statusCode, patched.body).toBe(status);
    expect(patched.json().errors.map((error: { code: string }) => error.code)).toEqual([code]);
  });

  it('a customer-level admin may edit details but not the sold packages', async () => {
    const { app, auth, database, partnerId } = harness();
    const id = await freshCustomer();
    const token = await createApiToken(database.db, {
      partnerId,
      role: 'customer_full_admin',
      customerId: id,
    });
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/v1/customers/${id}`,
      headers: auth(token),
      payload: { name: 'Own Name BV' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const packages = await app.inject({
      method: 'PATCH',
      url: `/v1/customers/${id}`,
      headers: auth(token),
      payload: { packages: [{ id: 'webex_meetings' }] },
    });
    expect(packages.statusCode, packages.body).toBe(403);
  });
});

describe('the served document says which status a package limit in the way gets (ADR 0091)', () => {
  it('the customers tag names 409 for a used-up limit and for a limit below use', async () => {
    const document = (await harness().app.inject({ url: '/openapi.json' })).json<{
      tags: { name: string; description?: string }[];
    }>();
    const customers = document.tags.find((tag) => tag.name === 'customers')?.description ?? '';
    expect(customers).toContain('409');
    for (const code of ['package_limit_reached', 'limit_below_usage', 'package_in_use'])
      expect(customers).toContain(`\`${code}\``);
  });
});

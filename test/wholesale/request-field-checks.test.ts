// Every request body field of the Wholesale API's customer and subscriber writes (SPEC §7, the
// public description in reference/webex-wholesale.openapi.json) is checked the way the public
// description says: its type, enum, length, and, where a field has a format one can check (a time
// zone, a language, a country, an email, a phone number, an extension), that format. A value that
// fails is refused with 400 and the public error shape `{errorCode, description}`; a well-formed
// value of the same field is accepted. Table-driven: one row per field and bad value.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();

type Body = Record<string, unknown>;
/** A body changed at one path: `['provisioningParameters', 'meetings', 'timezone']`. */
type Path = readonly string[];

function withValue(body: Body, path: Path, value: unknown): Body {
  const [head, ...rest] = path;
  if (head === undefined) return body;
  const copy: Body = { ...body };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const inner = (body[head] ?? {}) as Body;
  copy[head] = withValue(inner, rest, value);
  return copy;
}

const ADDRESS = { addressLine1: 'Damrak 1', city: 'Amsterdam', country: 'NL' };
const LOCATION = { name: 'Head office', address: ADDRESS, timezone: 'Europe/Amsterdam', language: 'nl' };

function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

function customerCreateBody(): Body {
  return {
    provisioningId: 'ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2',
    packages: ['webex_calling', 'webex_meetings'],
    externalId: unique('ext'),
    address: ADDRESS,
    customerInfo: { name: 'Pizza Jansen', primaryEmail: `${unique('admin')}@jansen.example` },
    provisioningParameters: { calling: { location: LOCATION }, meetings: { timezone: 'Europe/Amsterdam' } },
  };
}

async function send(method: 'POST' | 'PUT', url: string, payload: Body) {
  const { app, auth, tokens } = harness();
  return app.inject({ method, url, headers: auth(tokens.partnerFull), payload });
}

/** 400 in the public shape: every error a number of ours and a text. */
function expectRefused(response: { statusCode: number; body: string }, field: string): void {
  expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
  const body = JSON.parse(response.body) as { errors: { errorCode: unknown; description: unknown }[] };
  expect(body.errors.length).toBeGreaterThan(0);
  for (const error of body.errors) {
    expect(error.errorCode).toBeTypeOf('number');
    expect(error.errorCode).toBeGreaterThanOrEqual(10001);
    expect(error.description).toBeTypeOf('string');
    expect(error.description).not.toBe('');
  }
}

const LONG = (length: number) => 'x'.repeat(length);

/** Bad values of the fields that customer create, update and validate share. */
const sharedCustomerCases: [string, Path, unknown][] = [
  ['packages not an array', ['packages'], 'webex_calling'],
  ['packages with an unknown package', ['packages'], ['webex_bogus']],
  ['externalId over 200', ['externalId'], LONG(201)],
  ['externalId a number', ['externalId'], 42],
  ['address.addressLine1 over 50', ['address', 'addressLine1'], LONG(51)],
  ['address.addressLine2 over 50', ['address', 'addressLine2'], LONG(51)],
  ['address.city empty', ['address', 'city'], ''],
  ['address.stateOrProvince a number', ['address', 'stateOrProvince'], 5],
  ['address.zipOrPostalCode a number', ['address', 'zipOrPostalCode'], 5],
  ['address.country three letters', ['address', 'country'], 'NLD'],
  ['address.country unassigned', ['address', 'country'], 'XX'],
  [
    'location.timezone not a time zone',
    ['provisioningParameters', 'calling', 'location', 'timezone'],
    'Mars/Olympus',
  ],
  [
    'location.timezone free text',
    ['provisioningParameters', 'calling', 'location', 'timezone'],
    'Amsterdam time',
  ],
  ['location.language not a language', ['provisioningParameters', 'calling', 'location', 'language'], 'zz'],
  ['location.name over 80', ['provisioningParameters', 'calling', 'location', 'name'], LONG(81)],
  [
    'location.address.country unassigned',
    ['provisioningParameters', 'calling', 'location', 'address', 'country'],
    'XX',
  ],
  [
    'location.address.addressLine1 over 50',
    ['provisioningParameters', 'calling', 'location', 'address', 'addressLine1'],
    LONG(51),
  ],
  [
    'location.emergencyLocationIdentifier a number',
    ['provisioningParameters', 'calling', 'location', 'emergencyLocationIdentifier'],
    95547321,
  ],
  ['meetings.timezone not a time zone', ['provisioningParameters', 'meetings', 'timezone'], 'Mars/Olympus'],
  ['meetings.timezone free text', ['provisioningParameters', 'meetings', 'timezone'], 'Amsterdam time'],
  ['meetings.timezone empty', ['provisioningParameters', 'meetings', 'timezone'], ''],
  ['meetings.timezone a number', ['provisioningParameters', 'meetings', 'timezone'], 1],
  ['packages.limits negative', ['provisioningParameters', 'packages', 'limits', 'webex_calling'], -1],
  ['packages.limits a fraction', ['provisioningParameters', 'packages', 'limits', 'webex_calling'], 1.5],
  ['packages.limits a string', ['provisioningParameters', 'packages', 'limits', 'webex_calling'], '10'],
];

const createOnlyCases: [string, Path, unknown][] = [
  ['provisioningId empty', ['provisioningId'], ''],
  ['provisioningId missing', ['provisioningId'], undefined],
  ['orgId a number', ['orgId'], 7],
  ['customerInfo.name with %', ['customerInfo', 'name'], '100% Pizza'],
  ['customerInfo.primaryEmail not an email', ['customerInfo', 'primaryEmail'], 'jan at jansen'],
  ['customerInfo.language not a language', ['customerInfo', 'language'], 'klingon'],
  ['customerInfo.language an unassigned region', ['customerInfo', 'language'], 'en_XX'],
  ['subPartnerAdminEmail not an email', ['subPartnerAdminEmail'], 'not-an-email'],
  ['subPartnerAdminEmail a number', ['subPartnerAdminEmail'], 5],
];

/** Well-formed values that must pass (each on its own fresh body). */
const acceptedCustomerCases: [string, Path, unknown][] = [
  [
    'meetings.timezone an IANA name',
    ['provisioningParameters', 'meetings', 'timezone'],
    'America/Los_Angeles',
  ],
  ['meetings.timezone UTC', ['provisioningParameters', 'meetings', 'timezone'], 'UTC'],
  [
    'location.timezone another IANA name',
    ['provisioningParameters', 'calling', 'location', 'timezone'],
    'America/Los_Angeles',
  ],
  ['location.language en_us', ['provisioningParameters', 'calling', 'location', 'language'], 'en_us'],
  ['customerInfo.language fr_FR', ['customerInfo', 'language'], 'fr_FR'],
  ['subPartnerAdminEmail an email', ['subPartnerAdminEmail'], 'admin@subpartnerorg.com'],
];

describe('POST /v1/wholesale/customers checks every field', () => {
  it.each([...sharedCustomerCases, ...createOnlyCases])('refuses %s', async (field, path, value) => {
    expectRefused(
      await send('POST', '/v1/wholesale/customers', withValue(customerCreateBody(), path, value)),
      field,
    );
  });

  it.each(acceptedCustomerCases)('accepts %s', async (_field, path, value) => {
    const response = await send(
      'POST',
      '/v1/wholesale/customers',
      withValue(customerCreateBody(), path, value),
    );
    expect(response.statusCode, response.body).toBe(202);
  });
});

describe('POST /v1/wholesale/customers/validate checks every field as the create does', () => {
  const validateOnly = createOnlyCases.filter(([field]) => !field.startsWith('provisioningId missing'));
  it.each([...sharedCustomerCases, ...validateOnly].filter(([field]) => !field.startsWith('subPartner')))(
    'refuses %s',
    async (field, path, value) => {
      expectRefused(
        await send('POST', '/v1/wholesale/customers/validate', withValue(customerCreateBody(), path, value)),
        field,
      );
    },
  );

  it.each(acceptedCustomerCases.filter(([field]) => !field.startsWith('subPartner')))(
    'accepts %s',
    async (_field, path, value) => {
      const response = await send(
        'POST',
        '/v1/wholesale/customers/validate',
        withValue(customerCreateBody(), path, value),
      );
      expect(response.statusCode, response.body).toBe(200);
    },
  );
});

describe('PUT /v1/wholesale/customers/{id} checks every field', () => {
  /** A provisioned customer without a location: an update selling calling adds its first one. */
  async function freshCustomer(): Promise<string> {
    const { database, partnerId } = harness();
    return (
      await createTestCustomer(database.db, partnerId, {
        provision: true,
        packages: [{ id: 'webex_meetings' }],
      })
    ).id;
  }
  const updateBody = (): Body => {
    const { provisioningId: _p, customerInfo: _c, ...rest } = customerCreateBody();
    return rest;
  };
  const updateCases = [
    ...sharedCustomerCases,
    ...createOnlyCases.filter(([field]) => field.startsWith('subPartnerAdminEmail')),
  ];
  let customerId = '';
  beforeAll(async () => {
    customerId = await freshCustomer();
  });

  it.each(updateCases)('refuses %s', async (field, path, value) => {
    expectRefused(
      await send('PUT', `/v1/wholesale/customers/${customerId}`, withValue(updateBody(), path, value)),
      field,
    );
  });

  it.each(acceptedCustomerCases.filter(([field]) => !field.startsWith('customerInfo')))(
    'accepts %s',
    async (_field, path, value) => {
      const id = await freshCustomer();
      const response = await send(
        'PUT',
        `/v1/wholesale/customers/${id}`,
        withValue(updateBody(), path, value),
      );
      expect(response.statusCode, response.body).toBe(202);
    },
  );
});

describe('subscriber writes check every field', () => {
  let customerId = '';
  beforeAll(async () => {
    const { database, partnerId } = harness();
    customerId = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
  });
  const createBody = (): Body => ({
    customerId,
    email: `${unique('sub')}@jansen.example`,
    package: 'webex_meetings',
    provisioningParameters: { firstName: 'Jan', lastName: 'Jansen' },
  });

  const parameterCases: [string, Path, unknown][] = [
    ['provisioningParameters.firstName over 100', ['provisioningParameters', 'firstName'], LONG(101)],
    ['provisioningParameters.firstName a number', ['provisioningParameters', 'firstName'], 5],
    ['provisioningParameters.lastName over 100', ['provisioningParameters', 'lastName'], LONG(101)],
    [
      'provisioningParameters.primaryPhoneNumber letters',
      ['provisioningParameters', 'primaryPhoneNumber'],
      'call me',
    ],
    [
      'provisioningParameters.primaryPhoneNumber over 32',
      ['provisioningParameters', 'primaryPhoneNumber'],
      `+${'1'.repeat(32)}`,
    ],
    [
      'provisioningParameters.primaryPhoneNumber a number',
      ['provisioningParameters', 'primaryPhoneNumber'],
      31201234567,
    ],
    ['provisioningParameters.extension letters', ['provisioningParameters', 'extension'], '12a'],
    ['provisioningParameters.extension over 10', ['provisioningParameters', 'extension'], '1'.repeat(11)],
    ['provisioningParameters.locationId empty', ['provisioningParameters', 'locationId'], ''],
    ['provisioningParameters.locationId a number', ['provisioningParameters', 'locationId'], 5],
  ];
  const createCases: [string, Path, unknown][] = [
    ['customerId empty', ['customerId'], ''],
    ['customerId a number', ['customerId'], 5],
    ['email not an email', ['email'], 'jan at jansen'],
    ['email missing', ['email'], undefined],
    ['package not in the enum', ['package'], 'attendant_console'],
    ['packages empty', ['packages'], []],
    ['packages with an unknown package', ['packages'], ['webex_bogus']],
    // "Currently accepts only one package in the list" (an add-on may join it).
    ['packages with two packages', ['packages'], ['webex_meetings', 'webex_calling']],
    ['both package and packages', ['packages'], ['webex_meetings']],
    ['provisioningParameters missing', ['provisioningParameters'], undefined],
    ...parameterCases,
  ];

  it.each(createCases)('POST refuses %s', async (field, path, value) => {
    expectRefused(
      await send('POST', '/v1/wholesale/subscribers', withValue(createBody(), path, value)),
      field,
    );
  });

  it.each([
    ['primaryPhoneNumber in E.164', ['provisioningParameters', 'primaryPhoneNumber'], '+31201234567'],
    [
      'primaryPhoneNumber with separators',
      ['provisioningParameters', 'primaryPhoneNumber'],
      '+1-240-555-1212',
    ],
    ['extension digits', ['provisioningParameters', 'extension'], '51212'],
  ] as [string, Path, unknown][])(
    'POST accepts (and, for Meetings, ignores) %s',
    async (_field, path, value) => {
      const response = await send('POST', '/v1/wholesale/subscribers', withValue(createBody(), path, value));
      expect(response.statusCode, response.body).toBe(200);
    },
  );

  it.each([
    ['package not in the enum', ['package'], 'webex_bogus'],
    ['packages empty', ['packages'], []],
    ...parameterCases.filter(([field]) => !/firstName|lastName/.test(field)),
  ] as [string, Path, unknown][])('PUT refuses %s', async (field, path, value) => {
    const created = await send('POST', '/v1/wholesale/subscribers', createBody());
    expect(created.statusCode, created.body).toBe(200);
    const id = (created.json() as { id: string }).id;
    const body = withValue({ package: 'webex_meetings', provisioningParameters: {} }, path, value);
    expectRefused(await send('PUT', `/v1/wholesale/subscribers/${id}`, body), field);
  });

  it.each([
    ['provisioningId a number', ['provisioningId'], 5],
    ['customerId a number', ['customerId'], 5],
    ['customerId empty', ['customerId'], ''],
    ['email empty', ['email'], ''],
    ['packages empty', ['packages'], []],
    ['email not an email', ['email'], 'jan at jansen'],
    ['customerInfo.primaryEmail not an email', ['customerInfo', 'primaryEmail'], 'nope'],
    ['package not in the enum', ['package'], 'webex_bogus'],
    ...parameterCases,
  ] as [string, Path, unknown][])('validate refuses %s', async (field, path, value) => {
    expectRefused(
      await send('POST', '/v1/wholesale/subscribers/validate', withValue(createBody(), path, value)),
      field,
    );
  });
});

describe('a first location time zone is kept in its IANA spelling', () => {
  it.each([
    ['POST', 'america/los_angeles'],
    ['PUT', 'EUROPE/AMSTERDAM'],
  ] as const)('%s stores %s as the IANA name and the locations API shows it', async (method, zone) => {
    const { app, auth, tokens, database, partnerId } = harness();
    const body = withValue(
      customerCreateBody(),
      ['provisioningParameters', 'calling', 'location', 'timezone'],
      zone,
    );
    let id = '';
    if (method === 'POST') {
      const created = await send('POST', '/v1/wholesale/customers', body);
      expect(created.statusCode, created.body).toBe(202);
      id = (created.headers.location ?? '').split('/').at(-1) ?? '';
    } else {
      id = (
        await createTestCustomer(database.db, partnerId, {
          provision: true,
          packages: [{ id: 'webex_meetings' }],
        })
      ).id;
      const { provisioningId: _p, customerInfo: _c, ...update } = body;
      const updated = await send('PUT', `/v1/wholesale/customers/${id}`, update);
      expect(updated.statusCode, updated.body).toBe(202);
    }
    const listed = await app.inject({
      method: 'GET',
      url: `/v1/customers/${id}/locations`,
      headers: auth(tokens.partnerFull),
    });
    expect(listed.statusCode, listed.body).toBe(200);
    const zones = (listed.json() as { items: { timeZone: string }[] }).items.map((item) => item.timeZone);
    expect(zones).toEqual([method === 'POST' ? 'America/Los_Angeles' : 'Europe/Amsterdam']);
  });
});

describe('a refused time zone says what it wants', () => {
  it('meetings.timezone Mars/Olympus: 10001 naming the field and an IANA example', async () => {
    const body = withValue(
      customerCreateBody(),
      ['provisioningParameters', 'meetings', 'timezone'],
      'Mars/Olympus',
    );
    const response = await send('POST', '/v1/wholesale/customers', body);
    expect(response.statusCode, response.body).toBe(400);
    const { errors } = response.json() as { errors: { errorCode: number; description: string }[] };
    expect(errors).toHaveLength(1);
    expect(errors[0]?.errorCode).toBe(10001);
    expect(errors[0]?.description).toMatch(/timezone/);
    expect(errors[0]?.description).toMatch(/America\/Los_Angeles/);
  });
});

describe('the served OpenAPI document says which fields are accepted and not kept', () => {
  it.each([
    ['meetings.timezone', ['provisioningParameters', 'meetings', 'timezone'], /IANA time zone.*not kept/],
    ['subPartnerAdminEmail', ['subPartnerAdminEmail'], /email address.*not kept/],
    [
      'emergencyLocationIdentifier',
      ['provisioningParameters', 'calling', 'location', 'emergencyLocationIdentifier'],
      /not kept/,
    ],
  ] as const)('customer create: %s', async (_field, path, text) => {
    const { app } = harness();
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, { post: { requestBody: { content: Record<string, { schema: unknown }> } } }>;
    };
    let schema = document.paths['/v1/wholesale/customers']?.post.requestBody.content['application/json']
      ?.schema as { properties?: Record<string, unknown>; description?: string } | undefined;
    for (const key of path) schema = schema?.properties?.[key] as typeof schema;
    expect(schema?.description).toMatch(text);
  });
});

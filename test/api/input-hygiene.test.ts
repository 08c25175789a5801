// Text the database cannot store (a NUL character, a lone UTF-16 surrogate) in a path parameter,
// the query string or a JSON body: every API answers 400 in its own error shape, naming the field
// and the reason, and stores nothing. On PostgreSQL these reached a query and answered 500. An
// emoji (a surrogate *pair*) is valid text and goes through.
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicErrorResponseSchema } from '../../src/http/routes/wholesale/schemas.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';
import { createScimCustomer, ERROR_SCHEMA, USER_SCHEMA, type ScimCustomer } from '../scim/scim-harness.ts';

const harness = useTestApp();

const NUL = '\u0000';
const LONE_HIGH = '\ud800';
const LONE_LOW = '\udc00';
const EMOJI = '😀';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

function send(
  method: Method,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const { app, tokens, auth } = harness();
  // JSON.stringify keeps a NUL and a lone surrogate as the escapes \u0000 and \ud800.
  const json = payload === undefined ? {} : { 'content-type': 'application/json' };
  return app.inject({
    method,
    url,
    headers: { ...auth(tokens.partnerFull), ...json, ...headers },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
}

let customerId = '';
let userId = '';
let wholesaleCustomerId = '';
let scim: ScimCustomer;

beforeAll(async () => {
  const { database, partnerId } = harness();
  const created = await send('POST', '/v1/customers', {
    name: 'Hygiene',
    externalId: 'HYG-1',
    adminEmail: 'admin@hygiene.example',
    country: 'NL',
    packages: [{ id: 'webex_meetings' }],
  });
  expect(created.statusCode, created.body).toBe(202);
  customerId = created.json().id;
  await harness().drainJobs();
  const user = await send('POST', `/v1/customers/${customerId}/users`, {
    email: 'clara@hygiene.example',
    firstName: 'Clara',
    lastName: 'Claes',
    package: 'webex_meetings',
  });
  expect(user.statusCode, user.body).toBe(201);
  userId = user.json().id;
  wholesaleCustomerId = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
  scim = await createScimCustomer(harness());
});

/** Counts of what a refused request could have written. */
async function storedCounts(): Promise<Record<string, number>> {
  const { db } = harness().database;
  const count = async (table: 'customers' | 'users' | 'locations' | 'audit_events') =>
    Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return {
    customers: await count('customers'),
    users: await count('users'),
    locations: await count('locations'),
    audit: await count('audit_events'),
  };
}

interface Case {
  readonly name: string;
  readonly method: Method;
  readonly url: () => string;
  readonly body?: () => unknown;
  /** The field the error names, and where the value was (params, querystring, body). */
  readonly field: string;
  readonly part: 'params' | 'querystring' | 'body';
  readonly reason: 'NUL' | 'surrogate';
}

const ADMIN_CASES: readonly Case[] = [
  {
    name: 'customer search',
    method: 'GET',
    url: () => '/v1/customers?search=%00',
    field: 'search',
    part: 'querystring',
    reason: 'NUL',
  },
  {
    name: 'user search',
    method: 'GET',
    url: () => `/v1/customers/${customerId}/users?search=a%00`,
    field: 'search',
    part: 'querystring',
    reason: 'NUL',
  },
  {
    name: 'customer id in the path',
    method: 'GET',
    url: () => '/v1/customers/a%00',
    field: 'customerId',
    part: 'params',
    reason: 'NUL',
  },
  {
    name: 'user id in the path',
    method: 'GET',
    url: () => `/v1/customers/${customerId}/users/u%00`,
    field: 'userId',
    part: 'params',
    reason: 'NUL',
  },
  {
    name: 'customer externalId',
    method: 'POST',
    url: () => '/v1/customers',
    body: () => ({
      name: 'Nul',
      externalId: `X${NUL}`,
      adminEmail: 'nul@hygiene.example',
      country: 'NL',
      packages: [{ id: 'webex_meetings' }],
    }),
    field: 'externalId',
    part: 'body',
    reason: 'NUL',
  },
  {
    name: 'user firstName (NUL)',
    method: 'POST',
    url: () => `/v1/customers/${customerId}/users`,
    body: () => ({
      email: 'nul@hygiene.example',
      firstName: `a${NUL}`,
      lastName: 'B',
      package: 'webex_meetings',
    }),
    field: 'firstName',
    part: 'body',
    reason: 'NUL',
  },
  {
    name: 'user firstName (lone high surrogate)',
    method: 'POST',
    url: () => `/v1/customers/${customerId}/users`,
    body: () => ({
      email: 'surrogate@hygiene.example',
      firstName: `a${LONE_HIGH}`,
      lastName: 'B',
      package: 'webex_meetings',
    }),
    field: 'firstName',
    part: 'body',
    reason: 'surrogate',
  },
  {
    name: 'user title on PATCH',
    method: 'PATCH',
    url: () => `/v1/customers/${customerId}/users/${userId}`,
    body: () => ({ title: `x${LONE_HIGH}` }),
    field: 'title',
    part: 'body',
    reason: 'surrogate',
  },
  {
    name: 'user department (lone low surrogate)',
    method: 'PATCH',
    url: () => `/v1/customers/${customerId}/users/${userId}`,
    body: () => ({ department: `${LONE_LOW}x` }),
    field: 'department',
    part: 'body',
    reason: 'surrogate',
  },
  {
    name: 'location name',
    method: 'POST',
    url: () => `/v1/customers/${customerId}/locations`,
    body: () => ({ name: `HQ${NUL}`, country: 'NL', timeZone: 'Europe/Amsterdam' }),
    field: 'name',
    part: 'body',
    reason: 'NUL',
  },
  {
    name: 'a nested field of the batch add',
    method: 'POST',
    url: () => `/v1/customers/${customerId}/users/batch`,
    body: () => ({
      users: [
        { email: 'ok@hygiene.example', firstName: 'Ok', lastName: 'B', package: 'webex_meetings' },
        { email: 'bad@hygiene.example', firstName: 'Bad', lastName: `B${NUL}`, package: 'webex_meetings' },
      ],
    }),
    field: 'users.1.lastName',
    part: 'body',
    reason: 'NUL',
  },
  {
    name: 'sign-in email',
    method: 'POST',
    url: () => '/v1/auth/login',
    body: () => ({ email: `a${NUL}@hygiene.example`, password: 'secret' }),
    field: 'email',
    part: 'body',
    reason: 'NUL',
  },
  {
    name: 'sign-up email',
    method: 'POST',
    url: () => '/v1/signup',
    body: () => ({ email: `a${LONE_HIGH}@hygiene.example`, firstName: 'A', lastName: 'B' }),
    field: 'email',
    part: 'body',
    reason: 'surrogate',
  },
];

/** The English sentence after the field's path. */
function reasonText(reason: Case['reason']): string {
  return reason === 'NUL'
    ? 'contains the NUL character (U+0000), which cannot be stored.'
    : 'contains an unpaired UTF-16 surrogate (U+D800–U+DFFF), which is not valid Unicode.';
}

describe('the admin API refuses text the database cannot store', () => {
  it.each(ADMIN_CASES)('$name → 400 naming $field in $part', async (testCase) => {
    const before = await storedCounts();
    const response = await send(testCase.method, testCase.url(), testCase.body?.());
    expect(response.statusCode, response.body).toBe(400);
    const body = response.json();
    expect(body).toMatchObject({
      message: 'The request is not valid.',
      errors: [{ code: 'invalid_character', field: testCase.field }],
      trackingId: expect.any(String),
    });
    // The field's path starts the sentence, as in every validation detail; no `part.field:` prefix.
    expect(body.errors[0].description).toBe(`${testCase.field} ${reasonText(testCase.reason)}`);
    expect(await storedCounts()).toEqual(before);
  });

  it('answers in Dutch for Accept-Language: nl', async () => {
    const response = await send('GET', '/v1/customers?search=%00', undefined, { 'accept-language': 'nl' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      message: 'Het verzoek is niet geldig.',
      errors: [
        {
          code: 'invalid_character',
          field: 'search',
          description: 'search bevat het NUL-teken (U+0000), dat niet kan worden opgeslagen.',
        },
      ],
    });
  });

  it('names a key that holds the NUL, escaped', async () => {
    const response = await send('PATCH', `/v1/customers/${customerId}/users/${userId}`, {
      [`ti${NUL}tle`]: 'x',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ code: 'invalid_character', field: 'ti\\u0000tle' });
  });

  it('accepts an emoji (a valid surrogate pair) and stores it as sent', async () => {
    const created = await send('POST', `/v1/customers/${customerId}/users`, {
      email: 'emoji@hygiene.example',
      firstName: `${EMOJI} Zoë`,
      lastName: `𝔘nicode`,
      package: 'webex_meetings',
    });
    expect(created.statusCode, created.body).toBe(201);
    const read = await send('GET', `/v1/customers/${customerId}/users/${created.json().id}`);
    expect(read.json()).toMatchObject({ firstName: `${EMOJI} Zoë`, lastName: '𝔘nicode' });
    const search = await send('GET', `/v1/customers/${customerId}/users?search=${encodeURIComponent(EMOJI)}`);
    expect(search.statusCode).toBe(200);
    expect(search.json().items.map((item: { id: string }) => item.id)).toEqual([created.json().id]);
  });
});

describe('a CSV upload', () => {
  const CSV = 'User ID/Email (Required),First Name\nnew@hygiene.example,New\n';

  function multipart(filename: string, fields: Record<string, string> = {}) {
    const boundary = '----hygiene';
    const parts = Object.entries(fields).map(([name, value]) =>
      [`--${boundary}`, `Content-Disposition: form-data; name="${name}"`, '', value].join('\r\n'),
    );
    const file = [
      `--${boundary}`,
      `Content-Disposition: form-data; name="file"; filename="${filename}"`,
      'Content-Type: text/csv',
      '',
      CSV,
    ].join('\r\n');
    return {
      type: `multipart/form-data; boundary=${boundary}`,
      payload: [...parts, file, `--${boundary}--`, ''].join('\r\n'),
    };
  }

  async function upload(body: { type: string; payload: string }) {
    const { app, tokens, auth } = harness();
    return app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/imports`,
      headers: { ...auth(tokens.partnerFull), 'content-type': body.type },
      payload: body.payload,
    });
  }

  async function importCount(): Promise<number> {
    const listed = await send('GET', `/v1/customers/${customerId}/imports?max=200`);
    return (listed.json() as { items: unknown[] }).items.length;
  }

  it('refuses a multipart file name with a NUL, which the import would store', async () => {
    const before = await importCount();
    const response = await upload(multipart(`users${NUL}.csv`));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors[0]).toEqual({
      code: 'invalid_character',
      field: 'file.filename',
      description: 'file.filename contains the NUL character (U+0000), which cannot be stored.',
    });
    expect(await importCount()).toBe(before);
  });

  it('refuses a multipart option with a NUL as an invalid option', async () => {
    const response = await upload(multipart('users.csv', { behaviour: `add-only${NUL}` }));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors).toEqual([
      {
        code: 'invalid_field',
        field: 'behaviour',
        description: 'behaviour must be one of: "add-only", "add-remove".',
      },
    ]);
  });

  // The claims CSV reads its file with the users import's reader: a NUL byte makes it a binary
  // file there, as in an import (SPEC §6), before any of it could be stored.
  it('refuses a NUL in the claims CSV body as a binary file, as the import does', async () => {
    const { app, tokens, auth } = harness();
    const response = await app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/claims/csv`,
      headers: { ...auth(tokens.partnerFull), 'content-type': 'text/csv' },
      payload: `email\nn${NUL}@hygiene.example\n`,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors).toEqual([
      { code: 'binary_file', field: 'file', description: 'This is not a CSV text file.' },
    ]);
  });

  it('takes an emoji in the file name', async () => {
    const response = await upload(multipart(`users ${EMOJI}.csv`));
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json().fileName).toBe(`users ${EMOJI}.csv`);
  });
});

const WHOLESALE_CASES: readonly Case[] = [
  {
    name: 'subscriber firstName',
    method: 'POST',
    url: () => '/v1/wholesale/subscribers',
    body: () => ({
      customerId: wholesaleCustomerId,
      email: 'nul@wholesale.example',
      package: 'webex_meetings',
      provisioningParameters: { firstName: `a${NUL}`, lastName: 'B' },
    }),
    field: 'provisioningParameters.firstName',
    part: 'body',
    reason: 'NUL',
  },
  {
    name: 'customer externalId',
    method: 'POST',
    url: () => '/v1/wholesale/customers',
    body: () => ({
      provisioningId: 'p',
      externalId: `X${LONE_HIGH}`,
      packages: ['webex_meetings'],
      customerInfo: { name: 'Surrogate', primaryEmail: 'surrogate@wholesale.example' },
    }),
    field: 'externalId',
    part: 'body',
    reason: 'surrogate',
  },
  {
    name: 'customer list filter',
    method: 'GET',
    url: () => '/v1/wholesale/customers?externalId=a%00',
    field: 'externalId',
    part: 'querystring',
    reason: 'NUL',
  },
  {
    name: 'subscriber id in the path',
    method: 'GET',
    url: () => '/v1/wholesale/subscribers/a%00',
    field: 'subscriberId',
    part: 'params',
    reason: 'NUL',
  },
  {
    name: 'customer id in the path',
    method: 'PUT',
    url: () => '/v1/wholesale/customers/a%00',
    body: () => ({ packages: ['webex_meetings'] }),
    field: 'customerId',
    part: 'params',
    reason: 'NUL',
  },
];

describe('the Wholesale API refuses it in the public error shape', () => {
  it.each(WHOLESALE_CASES)('$name → 400 naming $field in $part', async (testCase) => {
    const before = await storedCounts();
    const response = await send(testCase.method, testCase.url(), testCase.body?.());
    expect(response.statusCode, response.body).toBe(400);
    const body = publicErrorResponseSchema.parse(response.json());
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]?.errorCode).toBe(10001);
    expect(body.errors[0]?.description).toBe(`${testCase.field} ${reasonText(testCase.reason)}`);
    expect(await storedCounts()).toEqual(before);
  });
});

describe('SCIM refuses it with the SCIM error, scimType invalidValue', () => {
  const SCIM_CASES: readonly Case[] = [
    {
      name: 'userName on create',
      method: 'POST',
      url: () => '/Users',
      body: () => ({ schemas: [USER_SCHEMA], userName: `nul${NUL}@scim.example` }),
      field: 'userName',
      part: 'body',
      reason: 'NUL',
    },
    {
      name: 'a stored-as-given attribute',
      method: 'POST',
      url: () => '/Users',
      body: () => ({
        schemas: [USER_SCHEMA],
        userName: 'addr@scim.example',
        addresses: [{ type: 'work', streetAddress: `Dam ${LONE_HIGH}1` }],
      }),
      field: 'addresses.0.streetAddress',
      part: 'body',
      reason: 'surrogate',
    },
    {
      name: 'a filter',
      method: 'GET',
      url: () => `/Users?filter=${encodeURIComponent(`userName eq "a${NUL}"`)}`,
      field: 'filter',
      part: 'querystring',
      reason: 'NUL',
    },
    {
      name: 'a user id in the path',
      method: 'GET',
      url: () => '/Users/a%00',
      field: 'id',
      part: 'params',
      reason: 'NUL',
    },
  ];

  it.each(SCIM_CASES)('$name → 400 naming $field in $part', async (testCase) => {
    const before = await storedCounts();
    const response = await scim.request(testCase.method, testCase.url(), testCase.body?.());
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toContain('application/scim+json');
    const body = response.json();
    expect(body).toMatchObject({ schemas: [ERROR_SCHEMA], scimType: 'invalidValue', status: '400' });
    expect(body.detail).toContain(` ${testCase.field} ${reasonText(testCase.reason)}`);
    expect(await storedCounts()).toEqual(before);
  });

  it('refuses a customer id with a NUL in the SCIM path, before authentication reads it', async () => {
    const { app } = harness();
    const response = await app.inject({
      method: 'GET',
      url: '/scim/v2/a%00/Users',
      headers: { authorization: `Bearer ${scim.token}` },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ schemas: [ERROR_SCHEMA], scimType: 'invalidValue' });
    expect(response.json().detail).toContain(' customerId contains the NUL character');
  });

  it('accepts an emoji in a SCIM user', async () => {
    const created = await scim.request('POST', '/Users', {
      schemas: [USER_SCHEMA],
      userName: 'emoji@scim.example',
      displayName: `Emo ${EMOJI}`,
      name: { givenName: `Emo${EMOJI}`, familyName: 'Ji' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const read = await scim.request('GET', `/Users/${created.json().id}`);
    expect(read.json()).toMatchObject({ displayName: `Emo ${EMOJI}`, name: { givenName: `Emo${EMOJI}` } });
  });
});

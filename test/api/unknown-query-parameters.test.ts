// The admin API refuses a query parameter a route does not know (src/http/plugins/strict-query.ts):
// `GET …/numbers?locationId=X` (the parameter is `location`) answered every number with a 200, so
// a script that believed it had filtered acted on everything. A 400 names the parameter and lists
// the accepted ones, in English and Dutch; known parameters and the Link next URLs still work; the
// Wholesale API and SCIM stay tolerant, as the public API and RFC 7644 ask.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();
let customerId = '';
let locationId = '';
let scimToken = '';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

function send(
  method: Method,
  url: string,
  options: { payload?: object | string; contentType?: string; language?: string; token?: string } = {},
) {
  const { app, tokens, auth } = harness();
  return app.inject({
    method,
    url,
    headers: {
      ...auth(options.token ?? tokens.partnerFull),
      'accept-language': options.language ?? 'en',
      ...(options.contentType ? { 'content-type': options.contentType } : {}),
    },
    ...(options.payload ? { payload: options.payload } : {}),
  });
}

async function read(url: string, token?: string): Promise<string> {
  const response = await send('GET', url, token ? { token } : {});
  expect(response.statusCode, response.body).toBe(200);
  return response.body;
}

function nextOf(link: unknown): string | null {
  return typeof link === 'string' ? (/^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? null) : null;
}

const c = () => `/v1/customers/${customerId}`;

beforeAll(async () => {
  const { database, partnerId } = harness();
  customerId = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
  for (const name of ['Head Office', 'Branch A', 'Branch B']) {
    const created = await send('POST', `${c()}/locations`, {
      payload: {
        name,
        country: 'NL',
        city: 'Amsterdam',
        addressLine1: 'Damrak 1',
        timeZone: 'Europe/Amsterdam',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    if (name === 'Head Office') locationId = created.json().id;
  }
  const numbers = await send('POST', `${c()}/numbers`, {
    payload: { location: 'Head Office', numbers: ['+31201234500', '+31201234501', '+31201234502'] },
  });
  expect(numbers.statusCode, numbers.body).toBe(201);
  const other = await send('POST', `${c()}/numbers`, {
    payload: { location: 'Branch A', numbers: ['+31201234600'] },
  });
  expect(other.statusCode, other.body).toBe(201);
  const scim = await send('POST', `${c()}/scim-tokens`, { payload: { name: 'strict-query' } });
  expect(scim.statusCode, scim.body).toBe(201);
  scimToken = scim.json().token;
});

interface ListCase {
  readonly url: () => string;
  /** The parameters the route accepts, in the order the 400 lists them. */
  readonly accepted: string;
  readonly operator?: boolean;
}

const LISTS: Record<string, ListCase> = {
  customers: { url: () => '/v1/customers', accepted: 'search, status, externalId, max, cursor' },
  locations: { url: () => `${c()}/locations`, accepted: 'max, cursor' },
  numbers: { url: () => `${c()}/numbers`, accepted: 'location, state, max, cursor' },
  users: {
    url: () => `${c()}/users`,
    accepted: 'search, package, status, location, max, cursor, offset, count',
  },
  imports: { url: () => `${c()}/imports`, accepted: 'max, cursor' },
  audit: { url: () => `${c()}/audit`, accepted: 'action, max, cursor' },
  admins: { url: () => '/v1/admins', accepted: 'customerId, max, cursor' },
  partners: { url: () => '/v1/partners', accepted: 'max, cursor', operator: true },
  domains: { url: () => `${c()}/domains`, accepted: 'max, cursor' },
  claims: { url: () => `${c()}/claims`, accepted: 'cursor, max' },
  'scim-tokens': { url: () => `${c()}/scim-tokens`, accepted: 'max, cursor' },
  tokens: { url: () => '/v1/tokens', accepted: 'customerId, max, cursor' },
};

describe('unknown query parameters on the admin lists', () => {
  it.each(Object.entries(LISTS))('%s: 400 naming it and listing the accepted ones', async (_name, entry) => {
    const token = entry.operator ? harness().tokens.operator : undefined;
    const before = await read(entry.url(), token);
    for (const [language, message, description] of [
      [
        'en',
        'The request is not valid.',
        `Unknown query parameter "locationId". This list accepts: ${entry.accepted}.`,
      ],
      [
        'nl',
        'Het verzoek is niet geldig.',
        `Onbekende queryparameter "locationId". Deze lijst accepteert: ${entry.accepted}.`,
      ],
    ] as const) {
      const response = await send('GET', `${entry.url()}?max=5&locationId=X`, {
        language,
        ...(token ? { token } : {}),
      });
      expect(response.statusCode, response.body).toBe(400);
      const body = response.json();
      expect(body.message).toBe(message);
      expect(body.trackingId).toBe(response.headers.trackingid);
      expect(body.errors).toEqual([{ code: 'unknown_query_parameter', description, field: 'locationId' }]);
    }
    expect(await read(entry.url(), token)).toBe(before);
  });

  it('names every unknown parameter, once each', async () => {
    const response = await send('GET', `${c()}/numbers?locationId=X&limit=5&state=free`);
    expect(response.statusCode, response.body).toBe(400);
    expect((response.json().errors as { field: string }[]).map((error) => error.field)).toEqual([
      'locationId',
      'limit',
    ]);
  });

  it('answers 401 first to a request without credentials', async () => {
    const response = await harness().app.inject({ method: 'GET', url: `${c()}/numbers?locationId=X` });
    expect(response.statusCode).toBe(401);
  });

  it('still filters by a known parameter', async () => {
    const response = await send('GET', `${c()}/numbers?location=${locationId}&state=free`);
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as { location?: { id?: string } | null; locationId?: string }[];
    expect(items).toHaveLength(3);
    const all = await send('GET', `${c()}/numbers`);
    expect(all.json().items).toHaveLength(4);
  });

  it('follows the Link next URLs the API builds, filters kept', async () => {
    const seen: unknown[] = [];
    let next: string | null = `${c()}/numbers?location=${locationId}&max=1`;
    while (next) {
      const response = await send('GET', next);
      expect(response.statusCode, response.body).toBe(200);
      seen.push(...(response.json().items as unknown[]));
      next = nextOf(response.headers.link);
      if (next) expect(next).toContain('location=');
      expect(seen.length).toBeLessThan(10);
    }
    expect(seen).toHaveLength(3);
    let pages = 0;
    let locations: string | null = `${c()}/locations?max=1`;
    while (locations) {
      const response = await send('GET', locations);
      expect(response.statusCode, response.body).toBe(200);
      pages += 1;
      locations = nextOf(response.headers.link);
      expect(pages).toBeLessThan(10);
    }
    expect(pages).toBe(3);
  });
});

interface WriteCase {
  readonly method: Method;
  readonly url: () => string;
  readonly payload?: object | string;
  /** The body's media type when it is not JSON (an upload reads only its own types). */
  readonly contentType?: string;
  readonly param: string;
  readonly description: string;
  /** What must read the same before and after the refused request. */
  readonly state: () => string;
}

const NONE = 'This request takes no query parameters.';

const WRITES_AND_READS: Record<string, WriteCase> = {
  'GET customer by id': { method: 'GET', url: c, param: 'expand', description: NONE, state: c },
  'GET location by id': {
    method: 'GET',
    url: () => `${c()}/locations/${locationId}`,
    param: 'fields',
    description: NONE,
    state: () => `${c()}/locations`,
  },
  'GET users export.csv': {
    method: 'GET',
    url: () => `${c()}/users/export.csv`,
    param: 'location',
    description: NONE,
    state: () => `${c()}/users`,
  },
  'POST location': {
    method: 'POST',
    url: () => `${c()}/locations`,
    payload: {
      name: 'Dry',
      country: 'NL',
      city: 'Utrecht',
      addressLine1: 'Oudegracht 1',
      timeZone: 'Europe/Amsterdam',
    },
    param: 'dryRun',
    description: NONE,
    state: () => `${c()}/locations`,
  },
  'PATCH customer': {
    method: 'PATCH',
    url: c,
    payload: { name: 'Renamed' },
    param: 'notify',
    description: NONE,
    state: c,
  },
  'DELETE location': {
    method: 'DELETE',
    url: () => `${c()}/locations/${locationId}`,
    param: 'force',
    description: NONE,
    state: () => `${c()}/locations`,
  },
  'POST numbers/remove': {
    method: 'POST',
    url: () => `${c()}/numbers/remove`,
    payload: { numbers: ['+31201234502'] },
    param: 'location',
    description: NONE,
    state: () => `${c()}/numbers`,
  },
  'POST import': {
    method: 'POST',
    url: () => `${c()}/imports`,
    payload: 'User ID/Email (Required)\nnew.user@example.com\n',
    contentType: 'text/csv',
    param: 'dry_run',
    description: 'This request accepts: behaviour, dryRun.',
    state: () => `${c()}/imports`,
  },
};

describe('unknown query parameters on routes without a list', () => {
  it.each(Object.entries(WRITES_AND_READS))(
    '%s: 400 naming it, and nothing changed',
    async (_name, entry) => {
      const before = await read(entry.state());
      const response = await send(entry.method, `${entry.url()}?${entry.param}=true`, {
        ...(entry.payload ? { payload: entry.payload } : {}),
        ...(entry.contentType ? { contentType: entry.contentType } : {}),
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().errors).toEqual([
        {
          code: 'unknown_query_parameter',
          description: `Unknown query parameter "${entry.param}". ${entry.description}`,
          field: entry.param,
        },
      ]);
      expect(await read(entry.state())).toBe(before);
    },
  );

  it('in Dutch too', async () => {
    const response = await send('DELETE', `${c()}/locations/${locationId}?force=true`, { language: 'nl' });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors[0].description).toBe(
      'Onbekende queryparameter "force". Dit verzoek heeft geen queryparameters.',
    );
  });
});

describe('outside the admin API, unknown parameters stay tolerated', () => {
  it('the Wholesale API ignores them as the public API does', async () => {
    const response = await send('GET', '/v1/wholesale/customers?max=2&locationId=X');
    expect(response.statusCode, response.body).toBe(200);
    const one = await send('GET', `/v1/wholesale/customers/${customerId}?locationId=X`);
    expect(one.statusCode, one.body).toBe(200);
  });

  it('SCIM handles its own parameters and ignores the others', async () => {
    const { app } = harness();
    const sync = await send('POST', `${c()}/directory-sync`);
    expect(sync.statusCode, sync.body).toBe(200);
    const response = await app.inject({
      method: 'GET',
      url: `/scim/v2/${customerId}/Users?count=1&locationId=X`,
      headers: { authorization: `Bearer ${scimToken}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().schemas).toContain('urn:ietf:params:scim:api:messages:2.0:ListResponse');
  });

  it('the probes and the OpenAPI document ignore them', async () => {
    const { app } = harness();
    for (const url of ['/healthz?probe=1', '/openapi.json?v=2']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    }
  });
});

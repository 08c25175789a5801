// A path with an empty segment where a route has an id (`GET /v1/customers/`, `/v1/customers//users`)
// names no resource: it answers exactly what an unknown path answers (404, or 405 with Allow, in the
// API's own shape; SPEC §7), with or without credentials. The router let such a path reach the
// route with an empty id, whose validation answered 400 "customerId may not be empty".
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicErrorResponseSchema } from '../../src/http/routes/wholesale/schemas.ts';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer, ERROR_SCHEMA, type ScimCustomer } from '../scim/scim-harness.ts';

// With a web build, as in production: its GET catch-all (`/*`, whose parameter may be empty) stays.
const webRoot = await mkdtemp(path.join(tmpdir(), 'hub-empty-path-parameter-web-'));
await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Hub</title>');
const harness = useTestApp({ webRoot });

const ID = '00000000-0000-4000-8000-000000000001';
let scim: ScimCustomer;

beforeAll(async () => {
  scim = await createScimCustomer(harness());
});

afterAll(async () => {
  await rm(webRoot, { recursive: true, force: true });
});

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function send(method: Method, url: string, headers: Record<string, string>): Promise<LightMyRequestResponse> {
  return harness().app.inject({
    method,
    url,
    headers,
    // A write carries a body, so that the route's body validation would run too.
    ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
  });
}

/** The body without what differs per request (trackingId) or names the path (messages that echo it). */
function comparable(response: LightMyRequestResponse): unknown {
  const { trackingId: _trackingId, ...rest } = response.json<Record<string, unknown>>();
  return rest;
}

const credentials: Record<string, () => Record<string, string>> = {
  'no credentials': () => ({}),
  'a partner admin token': () => harness().auth(harness().tokens.partnerFull),
};

describe.each(Object.entries(credentials))('with %s', (_label, headers) => {
  it.each([
    ['GET', '/v1/customers/'],
    ['PATCH', '/v1/customers/'],
    ['DELETE', '/v1/customers/'],
    ['GET', '/v1/customers//users'],
    ['POST', '/v1/customers//users'],
    ['GET', `/v1/customers/${ID}/users/`],
    ['GET', `/v1/customers/${ID}/imports/`],
  ] as const)('%s %s answers as an unknown admin path does', async (method, url) => {
    const response = await send(method, url, headers());
    const unknown = await send(method, '/v1/nothing/here', headers());
    expect(response.statusCode, response.body).toBe(404);
    expect(response.headers['content-type']).toContain('application/json');
    expect(comparable(response)).toEqual(comparable(unknown));
    expect(response.json()).toMatchObject({ errors: [{ code: 'not_found' }] });
  });

  it('answers the admin 404 in Dutch to a Dutch caller', async () => {
    const response = await send('GET', '/v1/customers/', { ...headers(), 'accept-language': 'nl' });
    const unknown = await send('GET', '/v1/nothing', { ...headers(), 'accept-language': 'nl' });
    expect(response.statusCode).toBe(404);
    expect(comparable(response)).toEqual(comparable(unknown));
  });

  it.each([
    ['GET', '/v1/wholesale/customers/'],
    ['DELETE', '/v1/wholesale/customers/'],
    ['PUT', '/v1/wholesale/customers/'],
  ] as const)('%s %s answers 404 in the Wholesale API shape', async (method, url) => {
    const response = await send(method, url, headers());
    expect(response.statusCode, response.body).toBe(404);
    const body = publicErrorResponseSchema.parse(response.json());
    expect(JSON.stringify(body)).toContain(`The Wholesale API has no route ${method} ${url}.`);
  });

  it.each([
    ['GET', '/scim/v2//Users'],
    ['DELETE', '/scim/v2//Users/abc'],
  ] as const)('%s %s answers 404 in the SCIM error schema', async (method, url) => {
    const response = await send(method, url, headers());
    expect(response.statusCode, response.body).toBe(404);
    expect(response.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
  });

  // `/Users/` is a path of its own (SCIM's list, RFC 7644 clients add the slash): another method
  // there is a 405 with Allow, as at any known path, not the empty id's 400.
  it.each([
    ['PUT', '/Users/'],
    ['DELETE', '/Groups/'],
  ] as const)('%s {customer}%s answers 405 with Allow in the SCIM error schema', async (method, url) => {
    const response = await send(method, `${scim.base}${url}`, headers());
    expect(response.statusCode, response.body).toBe(405);
    expect(response.headers['allow']).toBe('GET, HEAD, OPTIONS');
    expect(response.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '405' });
  });
});

it('answers SCIM 405 with the customer’s own SCIM token too, not 400 for a missing userName', async () => {
  const response = await scim.request('PUT', '/Users/', {});
  expect(response.statusCode, response.body).toBe(405);
  expect(response.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '405' });
});

describe('paths whose parameters are not empty answer as before', () => {
  it.each(['not-a-uuid', ID])(
    'the id %s reaches the route, which says the customer is not found',
    async (id) => {
      const response = await send('GET', `/v1/customers/${id}`, harness().auth(harness().tokens.partnerFull));
      expect(response.statusCode, response.body).toBe(404);
      expect(response.json()).toMatchObject({ message: 'Customer not found.' });
    },
  );

  it('the collection without the slash lists', async () => {
    const response = await send('GET', '/v1/customers', harness().auth(harness().tokens.partnerFull));
    expect(response.statusCode, response.body).toBe(200);
  });

  it('SCIM’s /Users/ (a route of its own) lists', async () => {
    const response = await scim.request('GET', '/Users/');
    expect(response.statusCode, response.body).toBe(200);
  });

  it('the web app answers / through its catch-all, whose wildcard is empty', async () => {
    const response = await send('GET', '/', {});
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<title>Hub</title>');
  });
});

// OPTIONS asks which methods a resource supports (RFC 9110 §9.3.7). A path some route serves
// answers 204 with `Allow` naming them (OPTIONS among them, so the 405 of another method lists it
// too), without a body and without authentication: it says only what the OpenAPI document says
// already, the same for a tenant that exists and one that does not. A path no route serves stays a
// 404 in its API's shape, as for any method. No CORS headers: this app configures no CORS (ADR
// 0098), and a preflight is answered as any OPTIONS is. Rate limits and security headers still apply.
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { publicErrorResponseSchema } from '../../src/http/routes/wholesale/schemas.ts';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer, ERROR_SCHEMA } from '../scim/scim-harness.ts';

const harness = useTestApp();
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000001';
const OTHER_ID = '00000000-0000-4000-8000-000000000002';

function options(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return harness().app.inject({ method: 'OPTIONS', url, headers });
}

function corsHeaders(response: LightMyRequestResponse): string[] {
  return Object.keys(response.headers).filter((name) => name.startsWith('access-control-'));
}

describe('OPTIONS on a path a route serves', () => {
  it.each([
    ['/v1/customers', 'GET, HEAD, OPTIONS, POST'],
    [`/v1/customers/${UNKNOWN_ID}`, 'DELETE, GET, HEAD, OPTIONS, PATCH'],
    [`/v1/customers/${UNKNOWN_ID}/imports/${OTHER_ID}/apply`, 'OPTIONS, POST'],
    ['/v1/auth/me', 'GET, HEAD, OPTIONS'],
    ['/v1/wholesale/customers', 'GET, HEAD, OPTIONS, POST'],
    [`/v1/subscribers/${UNKNOWN_ID}/emails/consentMove`, 'OPTIONS, POST'],
    [`/scim/v2/${UNKNOWN_ID}/Users`, 'GET, HEAD, OPTIONS, POST'],
    [`/scim/v2/${UNKNOWN_ID}/Users/${OTHER_ID}`, 'DELETE, GET, HEAD, OPTIONS, PATCH, PUT'],
    [`/scim/v2/${UNKNOWN_ID}/Bulk`, 'OPTIONS, POST'],
    ['/openapi.json', 'GET, HEAD, OPTIONS'],
  ])('OPTIONS %s answers 204 with Allow: %s, no body and no CORS', async (url, allow) => {
    const response = await options(url);
    expect(response.statusCode, response.body).toBe(204);
    expect(response.headers['allow']).toBe(allow);
    expect(response.body).toBe('');
    expect(corsHeaders(response)).toEqual([]);
    expect(response.headers['trackingid']).toBeDefined();
  });

  it('answers a CORS preflight as any OPTIONS, granting nothing', async () => {
    const response = await options('/v1/customers', {
      origin: 'https://elsewhere.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['allow']).toBe('GET, HEAD, OPTIONS, POST');
    expect(corsHeaders(response)).toEqual([]);
  });

  it('tells nothing about a tenant: the same answer for an existing customer, with or without a token', async () => {
    const scim = await createScimCustomer(harness());
    const answers = await Promise.all([
      options(`/scim/v2/${scim.customerId}/Users`),
      options(`/scim/v2/${scim.customerId}/Users`, { authorization: `Bearer ${scim.token}` }),
      options(`/scim/v2/${UNKNOWN_ID}/Users`),
      options(`/v1/customers/${scim.customerId}`, harness().auth(harness().tokens.partnerFull)),
      options(`/v1/customers/${UNKNOWN_ID}`),
    ]);
    const [known, withToken, unknown, adminKnown, adminUnknown] = answers.map((response) => ({
      status: response.statusCode,
      allow: response.headers['allow'],
      body: response.body,
    }));
    expect(withToken).toEqual(known);
    expect(unknown).toEqual(known);
    expect(adminKnown).toEqual(adminUnknown);
    expect(adminKnown?.status).toBe(204);
  });

  it('carries the security headers a GET of the same path carries', async () => {
    const auth = harness().auth(harness().tokens.partnerFull);
    const get = await harness().app.inject({ method: 'GET', url: '/v1/customers', headers: auth });
    const response = await options('/v1/customers', auth);
    for (const name of [
      'content-security-policy',
      'x-content-type-options',
      'x-frame-options',
      'referrer-policy',
      'cache-control',
    ]) {
      expect(get.headers[name], name).toBeDefined();
      expect(response.headers[name], name).toBe(get.headers[name]);
    }
  });

  it('lists OPTIONS in the Allow of a 405 too: it is a method the path supports', async () => {
    const response = await harness().app.inject({ method: 'PATCH', url: '/v1/customers' });
    expect(response.statusCode).toBe(405);
    expect(response.headers['allow']).toBe('GET, HEAD, OPTIONS, POST');
  });

  it('leaves SCIM /Me as it was: a route of every method, 501 to the directory', async () => {
    const scim = await createScimCustomer(harness());
    const response = await options(`/scim/v2/${scim.customerId}/Me`, {
      authorization: `Bearer ${scim.token}`,
    });
    expect(response.statusCode).toBe(501);
  });
});

describe('OPTIONS on a path no route serves', () => {
  it('is a 404 in the admin API shape', async () => {
    const response = await options('/v1/nothing');
    expect(response.statusCode).toBe(404);
    expect(response.headers['allow']).toBeUndefined();
    expect(response.json()).toMatchObject({ errors: [{ code: 'not_found' }] });
  });

  it('is a 404 in the public shape under the Wholesale API', async () => {
    const response = await options('/v1/wholesale/nothing');
    expect(response.statusCode).toBe(404);
    expect(response.headers['allow']).toBeUndefined();
    expect(publicErrorResponseSchema.safeParse(response.json()).success, response.body).toBe(true);
  });

  it('is a 404 in the SCIM error schema under SCIM', async () => {
    const response = await options(`/scim/v2/${UNKNOWN_ID}/Nothing`);
    expect(response.statusCode).toBe(404);
    expect(response.headers['allow']).toBeUndefined();
    expect(response.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
  });
});

describe('OPTIONS and the API rate limit', () => {
  const limited = useTestApp({ env: { RATE_LIMIT_API_PER_IP_PER_MINUTE: '2' } });

  it('counts OPTIONS per IP like any API request: the third in a minute is a 429', async () => {
    const send = () =>
      limited().app.inject({ method: 'OPTIONS', url: '/v1/customers', remoteAddress: '198.51.100.7' });
    expect((await send()).statusCode).toBe(204);
    expect((await send()).statusCode).toBe(204);
    const third = await send();
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBeDefined();
  });
});

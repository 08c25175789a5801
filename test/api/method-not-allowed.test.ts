// A known path asked with a method it does not serve answers 405 Method Not Allowed with an `Allow`
// header naming the methods it does serve (RFC 9110 §15.5.6, §10.2.1), in each API's own error
// shape (SPEC §7), with or without credentials. It answered 404 "Not found." on the admin API and
// SCIM, which sent an SDK with a method typo looking for a missing resource.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { WHOLESALE_CODES } from '../../src/domain/provisioning/wholesale-codes.ts';
import { publicErrorResponseSchema } from '../../src/http/routes/wholesale/schemas.ts';
import { useTestApp } from '../helpers/app.ts';
import { ERROR_SCHEMA } from '../scim/scim-harness.ts';

// With a web build, as in production: its GET catch-all must not turn a GET on a POST-only API
// path into a 404.
const webRoot = await mkdtemp(path.join(tmpdir(), 'hub-method-not-allowed-web-'));
await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Hub</title>');
const harness = useTestApp({ webRoot });

afterAll(async () => {
  await rm(webRoot, { recursive: true, force: true });
});

const ID = '00000000-0000-4000-8000-000000000001';
const OTHER_ID = '00000000-0000-4000-8000-000000000002';

function send(
  method: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return harness().app.inject({
    method: method as 'GET',
    url,
    headers: { ...harness().auth(harness().tokens.partnerFull), ...headers },
  });
}

describe('the admin API', () => {
  it.each([
    ['PATCH', '/v1/customers', 'GET, HEAD, OPTIONS, POST'],
    ['DELETE', `/v1/customers/${ID}/imports`, 'GET, HEAD, OPTIONS, POST'],
    ['PUT', `/v1/customers/${ID}`, 'DELETE, GET, HEAD, OPTIONS, PATCH'],
    // GET on a POST-only path passes the web app's GET catch-all first.
    ['GET', `/v1/customers/${ID}/imports/${OTHER_ID}/apply`, 'OPTIONS, POST'],
    ['GET', `/v1/customers/${ID}/users/${OTHER_ID}/package`, 'OPTIONS, PUT'],
    ['DELETE', '/v1/auth/login', 'OPTIONS, POST'],
    ['POST', '/v1/auth/me', 'GET, HEAD, OPTIONS'],
  ])('%s %s answers 405 with Allow: %s', async (method, url, allow) => {
    const response = await send(method, url);
    expect(response.statusCode, response.body).toBe(405);
    expect(response.headers['allow']).toBe(allow);
    expect(response.headers['content-type']).toContain('application/json');
    const body = response.json<{ message: string; errors: { code: string }[]; trackingId: string }>();
    expect(body.errors).toEqual([expect.objectContaining({ code: 'method_not_allowed' })]);
    expect(body.message).toContain(method);
    expect(body.message).toContain(allow);
    expect(body.trackingId).toBe(response.headers['trackingid']);
  });

  it('says so in Dutch to a Dutch caller', async () => {
    const response = await send('PATCH', '/v1/customers', { 'accept-language': 'nl' });
    expect(response.statusCode).toBe(405);
    expect(response.json()).toMatchObject({
      message: 'De methode PATCH is hier niet toegestaan. Dit pad accepteert: GET, HEAD, OPTIONS, POST.',
      errors: [{ code: 'method_not_allowed' }],
    });
  });

  it('answers 405 without credentials too: the path is known, the method is not', async () => {
    const response = await harness().app.inject({ method: 'PATCH', url: '/v1/customers' });
    expect(response.statusCode).toBe(405);
    expect(response.headers['allow']).toBe('GET, HEAD, OPTIONS, POST');
  });

  it('answers OPTIONS with 204 and Allow (test/http/options-allow.test.ts), and HEAD where GET is served', async () => {
    const options = await send('OPTIONS', '/v1/customers');
    expect(options.statusCode).toBe(204);
    expect(options.headers['allow']).toBe('GET, HEAD, OPTIONS, POST');
    expect((await send('HEAD', '/v1/customers')).statusCode).toBe(200);
    const head = await send('HEAD', `/v1/customers/${ID}/imports/${OTHER_ID}/apply`);
    expect(head.statusCode).toBe(405);
    expect(head.headers['allow']).toBe('OPTIONS, POST');
  });

  it.each([
    ['PATCH', '/v1/nothing'],
    ['DELETE', `/v1/customers/${ID}/nothing`],
    ['PATCH', '/V1/customers'],
  ])('keeps %s %s (an unknown path) a 404', async (method, url) => {
    const response = await send(method, url);
    expect(response.statusCode).toBe(404);
    expect(response.headers['allow']).toBeUndefined();
    expect(response.json()).toMatchObject({ errors: [{ code: 'not_found' }] });
  });
});

describe('the Wholesale API', () => {
  it.each([
    ['PATCH', '/v1/wholesale/customers', 'GET, HEAD, OPTIONS, POST'],
    // The static `validate` and the `:customerId` parameter both match: the union.
    ['PATCH', '/v1/wholesale/customers/validate', 'DELETE, GET, HEAD, OPTIONS, POST, PUT'],
    ['GET', `/v1/subscribers/${ID}/emails/consentMove`, 'OPTIONS, POST'],
    ['PATCH', '/v1/wholesale/subPartners', 'GET, HEAD, OPTIONS'],
  ])('%s %s answers 405 with Allow: %s in the public shape', async (method, url, allow) => {
    const response = await send(method, url);
    expect(response.statusCode, response.body).toBe(405);
    expect(response.headers['allow']).toBe(allow);
    expect(publicErrorResponseSchema.safeParse(response.json()).success, response.body).toBe(true);
    expect(response.json()).toMatchObject({
      errors: [{ errorCode: WHOLESALE_CODES.method_not_allowed.errorCode }],
    });
  });

  it('keeps an unknown path a 404 in the public shape', async () => {
    const response = await send('PATCH', '/v1/wholesale');
    expect(response.statusCode).toBe(404);
    expect(publicErrorResponseSchema.safeParse(response.json()).success, response.body).toBe(true);
  });
});

describe('SCIM', () => {
  const base = `/scim/v2/${ID}`;
  it.each([
    ['PATCH', `${base}/Users`, 'GET, HEAD, OPTIONS, POST'],
    ['DELETE', `${base}/Groups`, 'GET, HEAD, OPTIONS, POST'],
    ['POST', `${base}/Users/${OTHER_ID}`, 'DELETE, GET, HEAD, OPTIONS, PATCH, PUT'],
    ['GET', `${base}/Bulk`, 'OPTIONS, POST'],
    ['POST', `${base}/ServiceProviderConfig`, 'GET, HEAD, OPTIONS'],
  ])('%s %s answers 405 with Allow: %s in the SCIM error schema', async (method, url, allow) => {
    const response = await send(method, url);
    expect(response.statusCode, response.body).toBe(405);
    expect(response.headers['allow']).toBe(allow);
    expect(response.headers['content-type']).toContain('application/scim+json');
    expect(response.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '405' });
  });

  it('keeps an unknown SCIM path a 404', async () => {
    const response = await send('PATCH', `${base}/Nothing`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
  });
});

it('keeps a trailing slash after a collection a 404, not a 405 offering the methods of an item', async () => {
  const response = await send('POST', '/v1/customers/');
  expect(response.statusCode).toBe(404);
  expect(response.headers['allow']).toBeUndefined();
});

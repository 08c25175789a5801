// An unknown path under an API prefix answers 404 in that API's own error shape, with or without
// credentials (a wrong token included): it named no route, so there is nothing to authenticate
// for. It fell into the web app's catch-all (GET) and the app's not-found handler, both behind the
// /v1 authentication hook, and answered 401; /scim paths outside a customer answered admin JSON.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { publicErrorResponseSchema } from '../../src/http/routes/wholesale/schemas.ts';
import { useTestApp } from '../helpers/app.ts';
import { ERROR_SCHEMA } from '../scim/scim-harness.ts';

const webRoot = await mkdtemp(path.join(tmpdir(), 'hub-unknown-paths-web-'));
await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Hub</title>');
const harness = useTestApp({ webRoot });

afterAll(async () => {
  await rm(webRoot, { recursive: true, force: true });
});

const credentials = {
  none: {},
  'a wrong token': { authorization: 'Bearer whk_not-a-token-of-this-hub' },
} as const;

function send(
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
): Promise<LightMyRequestResponse> {
  return harness().app.inject({ method, url, headers });
}

describe.each(Object.entries(credentials))('with %s', (_label, headers) => {
  it.each([
    ['GET', '/v1/nothing'],
    ['POST', '/v1/nothing'],
    ['GET', '/v1/customers/x/nothing/at/all'],
  ] as const)('%s %s answers 404 in the admin API shape', async (method, url) => {
    const response = await send(method, url, headers);
    expect(response.statusCode, response.body).toBe(404);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json()).toMatchObject({ errors: [{ code: 'not_found' }] });
  });

  it.each([
    ['GET', '/v1/wholesale/nothing'],
    ['POST', '/v1/wholesale/nothing'],
    ['GET', '/v1/subscribers/nothing'],
  ] as const)('%s %s answers 404 in the Wholesale API shape', async (method, url) => {
    const response = await send(method, url, headers);
    expect(response.statusCode, response.body).toBe(404);
    expect(publicErrorResponseSchema.safeParse(response.json()).success, response.body).toBe(true);
  });

  it.each([
    ['GET', '/scim/nothing'],
    ['GET', '/scim/v2'],
    ['GET', '/scim/v2/00000000-0000-4000-8000-000000000000/nothing'],
    ['POST', '/scim/nothing'],
  ] as const)('%s %s answers 404 in the SCIM error schema', async (method, url) => {
    const response = await send(method, url, headers);
    expect(response.statusCode, response.body).toBe(404);
    expect(response.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
  });
});

it('still answers the web app at its own paths and 401 at a known API path without credentials', async () => {
  const page = await send('GET', '/control/some/deep/link', {});
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('<title>Hub</title>');
  expect((await send('GET', '/v1/customers', {})).statusCode).toBe(401);
  expect((await send('GET', '/v1/wholesale/customers', {})).statusCode).toBe(401);
});

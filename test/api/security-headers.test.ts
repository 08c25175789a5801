// Security headers on each kind of answer (ADR 0078): the web app, the API docs, JSON and CSV API
// answers, errors and early refusals. A reviewer found none: the app could be framed, authenticated
// JSON and CSV exports were cacheable, and invite/reset tokens in URLs could leak in a Referer.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createTestApp, useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

function directives(response: LightMyRequestResponse): Map<string, string> {
  const header = String(response.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = '', ...values] = part.split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
  );
}

function expectProtectiveHeaders(response: LightMyRequestResponse): void {
  const csp = directives(response);
  expect(csp.get('frame-ancestors'), 'frame-ancestors').toBe("'none'");
  expect(csp.get('default-src')).toBe("'self'");
  expect(csp.get('script-src'), 'no inline or eval scripts').toBe("'self'");
  expect(csp.get('object-src')).toBe("'none'");
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
}

/**
 * A built web app of this file's own, as Vite writes one (an index naming a hashed script): the
 * tests must not depend on whether web/dist was built in this checkout (a clean CI clone has none).
 */
function builtWebApp(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'hub-security-headers-web-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html><html lang="en"><head><script type="module" src="/assets/index-3f2a9c1b.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(path.join(root, 'assets', 'index-3f2a9c1b.js'), 'export {};\n');
  return root;
}

describe('security headers', () => {
  const harness = useTestApp({ webRoot: builtWebApp() });

  const kinds: Array<[string, (customerId: string) => string, 'json' | 'csv' | 'html' | 'any']> = [
    ['the signed-in admin with its CSRF token', () => '/v1/auth/me', 'json'],
    ['a list', () => '/v1/customers', 'json'],
    ['a customer', (id) => `/v1/customers/${id}`, 'json'],
    ['a CSV export', (id) => `/v1/customers/${id}/users/export.csv`, 'csv'],
    ['a CSV template', (id) => `/v1/customers/${id}/users/template.csv`, 'csv'],
    [
      'a missing error report',
      (id) => `/v1/customers/${id}/imports/00000000-0000-4000-8000-000000000000/error-report.csv`,
      'any',
    ],
    ['a missing API resource', () => '/v1/customers/00000000-0000-4000-8000-000000000000', 'any'],
  ];

  it.each(kinds)(
    'are on an authenticated API answer (%s), which is never stored',
    async (_name, url, kind) => {
      const { app, database, partnerId, tokens, auth } = harness();
      const customer = await createTestCustomer(database.db, partnerId);
      const response = await app.inject({ url: url(customer.id), headers: auth(tokens.partnerFull) });
      if (kind !== 'any') expect(response.statusCode, response.body).toBe(200);
      if (kind === 'csv') expect(response.headers['content-type']).toContain('text/csv');
      expectProtectiveHeaders(response);
      expect(response.headers['cache-control']).toBe('no-store');
    },
  );

  it('are on an import error report, which is never stored', async () => {
    const { app, database, partnerId, tokens, auth, drainJobs } = harness();
    const customer = await createTestCustomer(database.db, partnerId);
    const csv = 'First Name,Last Name,User ID/Email (Required)\nAnna,Bakker,not-an-email\n';
    const started = await app.inject({
      method: 'POST',
      url: `/v1/customers/${customer.id}/imports?behaviour=add-only`,
      headers: { ...auth(tokens.partnerFull), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(started.statusCode, started.body).toBe(202);
    expectProtectiveHeaders(started);
    expect(started.headers['cache-control']).toBe('no-store');
    await drainJobs();
    const importId = started.json<{ id: string }>().id;
    const report = await app.inject({
      url: `/v1/customers/${customer.id}/imports/${importId}/error-report.csv`,
      headers: auth(tokens.partnerFull),
    });
    expect(report.statusCode, report.body).toBe(200);
    expect(report.body).toContain('not-an-email');
    expectProtectiveHeaders(report);
    expect(report.headers['cache-control']).toBe('no-store');
  });

  it('are on refusals sent before the route runs: 401 without credentials, 400 for bad input', async () => {
    const { app } = harness();
    const unauthenticated = await app.inject({ url: '/v1/customers' });
    expect(unauthenticated.statusCode).toBe(401);
    expectProtectiveHeaders(unauthenticated);
    expect(unauthenticated.headers['cache-control']).toBe('no-store');
    const badInput = await app.inject({ url: '/v1/customers?q=%00' });
    expect(badInput.statusCode).toBe(400);
    expectProtectiveHeaders(badInput);
    expect(badInput.headers['cache-control']).toBe('no-store');
  });

  it('are on SCIM answers, which are never stored', async () => {
    const { app } = harness();
    const response = await app.inject({ url: '/scim/v2/00000000-0000-4000-8000-000000000000/Users' });
    expect(response.statusCode).toBe(401);
    expectProtectiveHeaders(response);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('are on the web app, whose index stays revalidated and whose hashed assets stay cacheable', async () => {
    const { app } = harness();
    const index = await app.inject({ url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toContain('text/html');
    expectProtectiveHeaders(index);
    expect(index.headers['cache-control']).toBe('no-cache');
    // Mantine writes its CSS variables into a <style> element at run time.
    expect(directives(index).get('style-src')).toBe("'self' 'unsafe-inline'");

    const deepLink = await app.inject({ url: '/invite?token=secret-invite-token' });
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.headers['referrer-policy'], 'the token in the URL is never sent on').toBe('no-referrer');

    const asset = /\/assets\/[^"]+\.js/.exec(index.body)?.[0];
    expect(asset, 'the built index names its script').toBeDefined();
    const script = await app.inject({ url: asset ?? '' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers['x-content-type-options']).toBe('nosniff');
  });

  it('are on the API docs (Swagger UI) and the OpenAPI document', async () => {
    const { app } = harness();
    const docs = await app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expectProtectiveHeaders(docs);
    const document = await app.inject({ url: '/openapi.json' });
    expect(document.statusCode).toBe(200);
    expectProtectiveHeaders(document);
  });

  it('leave HSTS out of plain-http answers', async () => {
    const { app, tokens, auth } = harness();
    const response = await app.inject({ url: '/v1/customers', headers: auth(tokens.partnerFull) });
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('HSTS', () => {
  it('is on every answer when HUB_PUBLIC_URL is https', async () => {
    const testApp = await createTestApp({ env: { HUB_PUBLIC_URL: 'https://hub.example.org' } });
    try {
      for (const url of ['/', '/healthz', '/v1/customers']) {
        const response = await testApp.app.inject({ url });
        expect(response.headers['strict-transport-security'], url).toBe('max-age=31536000');
      }
    } finally {
      await testApp.close();
    }
  });

  it('is on answers to requests a trusted proxy says came over https, and only those', async () => {
    const testApp = await createTestApp({ env: { TRUST_PROXY: 'true' } });
    try {
      const https = await testApp.app.inject({ url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
      expect(https.headers['strict-transport-security']).toBe('max-age=31536000');
      const http = await testApp.app.inject({ url: '/healthz', headers: { 'x-forwarded-proto': 'http' } });
      expect(http.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await testApp.close();
    }
  });
});

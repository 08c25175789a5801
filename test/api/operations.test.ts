import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/runtime.ts';
import { useTestApp } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/database.ts';

describe('operations endpoints and the API description', () => {
  const harness = useTestApp();

  it('answers /healthz, /readyz and Prometheus /metrics', async () => {
    const { app, database } = harness();
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ url: '/readyz' })).json()).toEqual({
      status: 'ready',
      database: database.kind,
    });
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('hub_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('route="/readyz"');
  });

  it('serves an OpenAPI 3 document describing every /v1 route, and readable docs', async () => {
    const { app } = harness();
    const document = (await app.inject({ url: '/openapi.json' })).json();
    expect(document.openapi).toMatch(/^3\./);
    for (const path of [
      '/v1/customers',
      '/v1/customers/{customerId}/users',
      '/v1/customers/{customerId}/numbers',
      '/v1/customers/{customerId}/audit',
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    const docs = await app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it("sends the trackingId as a header and in every error body, and accepts the caller's", async () => {
    const { app } = harness();
    const response = await app.inject({
      url: '/v1/customers/does-not-exist',
      headers: { trackingid: 'PARTNER_123' },
    });
    expect(response.headers.trackingid).toBe('PARTNER_123');
    expect(response.json().trackingId).toBe('PARTNER_123');
  });
});

describe('logs', () => {
  const database = useTestDatabase();

  it('are JSON lines with the request id, and never contain the bearer token', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = loadConfig({ LOG_LEVEL: 'info', HUB_DATA_DIR: '/tmp/unused' });
    const app = await buildApp({
      config,
      database: database(),
      secret: 'x'.repeat(32),
      logger: createLogger(config, sink),
    });
    await app.inject({
      url: '/v1/customers',
      headers: { authorization: 'Bearer whk_supersecret', trackingid: 'LOGTEST' },
    });
    await app.close();
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.some((record) => record.trackingId === 'LOGTEST')).toBe(true);
    expect(lines.join('')).not.toContain('whk_supersecret');
  });
});

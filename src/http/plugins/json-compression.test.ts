import { Readable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding, COMPRESS_JSON_FROM, jsonCompressionPlugin } from './json-compression.ts';

describe('chooseEncoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['deflate, zstd', null],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR;Q=0.5', 'br'],
    ['*', 'br'],
    ['*;q=0', null],
    ['gzip;q=0, *', 'br'],
    ['br;q=0, gzip;q=0, *', null],
  ])('%s → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe('jsonCompressionPlugin', () => {
  const app = Fastify();
  const rows = (count: number) =>
    Array.from({ length: count }, (_, index) => ({
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      email: `user${index}@example.com`,
      firstName: `First ${index}`,
      lastName: `Last ${index % 97}`,
      package: index % 3 ? 'webex_meetings' : 'webex_voice',
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString(),
    }));
  const big = { items: rows(1000) };
  const small = { items: rows(10) };

  beforeAll(async () => {
    await app.register(jsonCompressionPlugin);
    app.get('/big', async () => big);
    app.get('/small', async () => small);
    app.get('/big-text', async (_request, reply) => reply.type('text/plain').send('x'.repeat(200_000)));
    app.get('/scim', async (_request, reply) =>
      reply.type('application/scim+json').send(JSON.stringify(big)),
    );
    app.get('/stream', async (_request, reply) =>
      reply.type('text/csv').send(Readable.from(['a,b\n'.repeat(50_000)])),
    );
    await app.ready();
  });

  afterAll(() => app.close());

  it('sends a JSON answer above the threshold as Brotli or gzip, as the client accepts', async () => {
    expect(JSON.stringify(big).length).toBeGreaterThan(COMPRESS_JSON_FROM);
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      const response = await app.inject({ url: '/big', headers: { 'accept-encoding': accept } });
      expect(response.headers['content-encoding'], accept).toBe(encoding);
      expect(response.headers.vary, accept).toMatch(/accept-encoding/i);
      expect(response.headers['content-type'], accept).toMatch(/^application\/json/);
      expect(Number(response.headers['content-length']), accept).toBe(response.rawPayload.length);
      expect(response.rawPayload.length, accept).toBeLessThan(JSON.stringify(big).length / 4);
      expect(JSON.parse(decode(response.rawPayload).toString()), accept).toEqual(big);
    }
  });

  it('compresses big SCIM JSON (application/scim+json) too', async () => {
    const response = await app.inject({ url: '/scim', headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers['content-encoding']).toBe('gzip');
  });

  it.each([
    ['a JSON answer below the threshold', '/small', 'gzip, br'],
    ['a big answer that is not JSON', '/big-text', 'gzip, br'],
    ['a stream (a CSV export)', '/stream', 'gzip, br'],
    ['a big JSON answer to a client that accepts no encoding', '/big', ''],
  ])('sends %s as it is', async (_case, url, accept) => {
    const response = await app.inject({ url, headers: accept ? { 'accept-encoding': accept } : {} });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(Number(response.headers['content-length'] ?? response.rawPayload.length)).toBe(
      response.rawPayload.length,
    );
  });

  it('says a big JSON answer varies on Accept-Encoding also when it is sent plain', async () => {
    const response = await app.inject({ url: '/big' });
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.json()).toEqual(big);
  });
});

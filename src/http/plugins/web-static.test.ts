import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppPath, webStaticPlugin } from './web-static.ts';

describe('isAppPath', () => {
  it.each([
    ['/', true],
    ['/partner/customers', true],
    ['/control/abc/users?x=1', true],
    ['/v1/customers', false],
    ['/scim/v2/abc/Users', false],
    ['/docs', false],
    ['/docs/static/index.html', false],
    ['/openapi.json', false],
    ['/healthz', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppPath(url)).toBe(expected);
  });
});

describe('webStaticPlugin', () => {
  let root: string;
  const app = Fastify();
  const indexHtml = '<!doctype html><div id="root"></div>';
  const appJs = 'console.log(1)';

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'web-static-'));
    await mkdir(path.join(root, 'assets'));
    // As the build writes them: a Brotli and a gzip copy next to each file, except small ones.
    for (const [file, text] of [
      ['index.html', indexHtml],
      ['assets/app-1.js', appJs],
    ] as const) {
      await writeFile(path.join(root, file), text);
      await writeFile(path.join(root, `${file}.br`), brotliCompressSync(text));
      await writeFile(path.join(root, `${file}.gz`), gzipSync(text));
    }
    await writeFile(path.join(root, 'assets', 'small-1.css'), 'body{}');
    await app.register(webStaticPlugin, { root });
    app.get('/v1/ping', async () => ({ ok: true }));
  });

  afterAll(async () => {
    await app.close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves index.html at / and for deep links of the app', async () => {
    for (const url of ['/', '/control/c1/users', '/partner/customers/new']) {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<div id="root">');
    }
  });

  it('serves assets with a long cache and leaves API paths alone', async () => {
    const asset = await app.inject({ url: '/assets/app-1.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ url: '/v1/ping' })).json()).toEqual({ ok: true });
    expect((await app.inject({ url: '/v1/nothing' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/v1/nothing' })).body).not.toContain('<div id="root">');
  });

  it('answers 404 for a chunk that is not there (an old tab after a release), not index.html', async () => {
    const gone = await app.inject({ url: '/assets/screen-OLDHASH.js' });
    expect(gone.statusCode).toBe(404);
    expect(gone.body).not.toContain('<div id="root">');
    expect(gone.headers['cache-control'] ?? '').not.toContain('immutable');
  });

  describe('pre-compressed copies', () => {
    it.each([
      ['br, gzip, deflate', 'br', brotliDecompressSync],
      ['gzip, deflate, br;q=0.5', 'gzip', gunzipSync],
      ['gzip', 'gzip', gunzipSync],
      ['br', 'br', brotliDecompressSync],
    ] as const)(
      'sends an asset to Accept-Encoding "%s" as %s, cached for good',
      async (accept, encoding, decode) => {
        const response = await app.inject({
          url: '/assets/app-1.js',
          headers: { 'accept-encoding': accept },
        });
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-encoding']).toBe(encoding);
        expect(response.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
        expect(response.headers.vary).toMatch(/accept-encoding/i);
        expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(decode(response.rawPayload).toString()).toBe(appJs);
      },
    );

    it.each([
      ['no Accept-Encoding', {}],
      ['Accept-Encoding: identity', { 'accept-encoding': 'identity' }],
      ['only encodings there is no copy for', { 'accept-encoding': 'deflate, zstd' }],
    ])('sends the plain asset to a client with %s, varying on Accept-Encoding', async (_case, headers) => {
      const response = await app.inject({ url: '/assets/app-1.js', headers });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(response.headers['cache-control']).toContain('immutable');
      expect(response.body).toBe(appJs);
    });

    it('sends a file the build left without copies plain to a client that accepts Brotli', async () => {
      const response = await app.inject({ url: '/assets/small-1.css', headers: { 'accept-encoding': 'br' } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.body).toBe('body{}');
    });

    it('sends index.html compressed and never cached, at / and at a deep link', async () => {
      for (const url of ['/', '/index.html', '/control/c1/users']) {
        const response = await app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
        expect(response.statusCode, url).toBe(200);
        expect(response.headers['content-encoding'], url).toBe('br');
        expect(response.headers['content-type'], url).toMatch(/^text\/html/);
        expect(response.headers['cache-control'], url).toBe('no-cache');
        expect(response.headers.vary, url).toMatch(/accept-encoding/i);
        expect(brotliDecompressSync(response.rawPayload).toString(), url).toBe(indexHtml);
      }
    });

    it('has no URL for a compressed copy itself', async () => {
      for (const url of ['/assets/app-1.js.br', '/assets/app-1.js.gz']) {
        const response = await app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
        expect(response.statusCode, url).toBe(404);
        expect(response.headers['content-encoding'], url).toBeUndefined();
      }
    });
  });
});

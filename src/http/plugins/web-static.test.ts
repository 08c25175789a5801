import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'web-static-'));
    await mkdir(path.join(root, 'assets'));
    await writeFile(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(path.join(root, 'assets', 'app-1.js'), 'console.log(1)');
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
});

// SPEC §10: several app nodes may share one PostgreSQL. The per-IP limits of sign-in and its
// kin are counted in that database (ADR 0056), so two nodes together allow what one allows.
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { countHit, deleteEndedHits } from '../../src/db/repositories/rate-limit-hits.ts';
import { ensureDeployment } from '../../src/services/bootstrap/ensure-deployment.ts';
import { createTestApp } from '../helpers/app.ts';

const LOGIN_LIMIT = 4;

describe('route rate limits shared by app nodes', async () => {
  const nodeA = await createTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: String(LOGIN_LIMIT) } });
  const deployment = await ensureDeployment(nodeA.database.db, undefined);
  const nodeB = await buildApp({
    config: loadConfig({
      HUB_DATA_DIR: '/tmp/hub-test-unused',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_LOGIN_PER_MINUTE: String(LOGIN_LIMIT),
    }),
    database: nodeA.database,
    secret: deployment.secret,
  });
  await nodeB.ready();
  afterAll(async () => {
    await nodeB.close();
    await nodeA.close();
  });

  const signIn = (node: typeof nodeB, remoteAddress: string) =>
    node.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress,
      payload: { email: 'nobody@partner.example', password: 'wrong password' },
    });

  it('counts one client across both nodes', async () => {
    const address = '198.51.100.7';
    for (const node of [nodeA.app, nodeB, nodeA.app, nodeB])
      expect((await signIn(node, address)).statusCode).toBe(401);
    const limitedOnA = await signIn(nodeA.app, address);
    const limitedOnB = await signIn(nodeB, address);
    expect(limitedOnA.statusCode).toBe(429);
    expect(limitedOnB.statusCode).toBe(429);
    expect(Number(limitedOnB.headers['retry-after'])).toBeGreaterThan(0);
    expect(limitedOnB.headers['x-ratelimit-limit']).toBe(String(LOGIN_LIMIT));
  });

  it('keeps clients and routes apart', async () => {
    const address = '198.51.100.8';
    for (let attempt = 0; attempt < LOGIN_LIMIT; attempt += 1) await signIn(nodeA.app, address);
    expect((await signIn(nodeB, address)).statusCode).toBe(429);
    // Another client is not limited, and neither is the same client on another limited route.
    expect((await signIn(nodeB, '198.51.100.9')).statusCode).toBe(401);
    const reset = await nodeB.inject({
      method: 'POST',
      url: '/v1/auth/password-reset',
      remoteAddress: address,
      payload: { email: 'nobody@partner.example' },
    });
    expect(reset.statusCode).not.toBe(429);
  });

  it('counts the two paths of one step in one bucket, and an IPv6 client per /64', async () => {
    const signUp = (url: string, remoteAddress: string) =>
      nodeB.inject({ method: 'POST', url, remoteAddress, payload: {} });
    for (const url of ['/v1/signup', '/v1/auth/signup', '/v1/signup', '/v1/auth/signup'])
      expect((await signUp(url, '2001:db8:7:7::1')).statusCode).not.toBe(429);
    // Another address in the same /64 is the same subscriber.
    expect((await signUp('/v1/auth/signup', '2001:db8:7:7::ff')).statusCode).toBe(429);
    expect((await signUp('/v1/signup', '2001:db8:7:8::1')).statusCode).not.toBe(429);
  });

  it('restarts a window once it has ended, and sweeps ended windows', async () => {
    const db = nodeA.database.db;
    expect(await countHit(db, 'test window', 60_000)).toMatchObject({ hits: 1 });
    const second = await countHit(db, 'test window', 60_000);
    expect(second.hits).toBe(2);
    expect(second.ttlMs).toBeGreaterThan(0);
    expect(second.ttlMs).toBeLessThanOrEqual(60_000);

    await db
      .withTables<{ rate_limit_hits: { key: string; window_ends_at: Date } }>()
      .updateTable('rate_limit_hits')
      .set({ window_ends_at: new Date(Date.now() - 1_000) })
      .where('key', '=', 'test window')
      .execute();
    expect(await countHit(db, 'test window', 60_000)).toMatchObject({ hits: 1 });

    await countHit(db, 'ended window', 60_000);
    await db
      .withTables<{ rate_limit_hits: { key: string; window_ends_at: Date } }>()
      .updateTable('rate_limit_hits')
      .set({ window_ends_at: new Date(Date.now() - 1_000) })
      .where('key', '=', 'ended window')
      .execute();
    expect(await deleteEndedHits(db)).toBeGreaterThanOrEqual(1);
    expect(await countHit(db, 'test window', 60_000)).toMatchObject({ hits: 2 });
  });
});

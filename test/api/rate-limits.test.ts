// The API rate limit (SPEC §10: per IP and per token), with the audit's setting
// RATE_LIMIT_API_PER_MINUTE=5 and so, by default, 5 per IP too (the test helper raises the per-IP
// default, so it is set here explicitly). Each test sends from addresses of its own, so
// the counts of one test do not spill into another.
import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { hashPassword } from '../../src/services/auth/passwords.ts';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken } from '../helpers/factories.ts';

const LIMIT = 5;

describe('API rate limit', () => {
  const harness = useTestApp({
    env: { RATE_LIMIT_API_PER_MINUTE: String(LIMIT), RATE_LIMIT_API_PER_IP_PER_MINUTE: String(LIMIT) },
  });

  const list = (remoteAddress: string, headers: Record<string, string> = {}) =>
    harness().app.inject({ method: 'GET', url: '/v1/customers', remoteAddress, headers });

  const freshToken = async () => {
    const { database, partnerId } = harness();
    return createApiToken(database.db, { partnerId, role: 'partner_full_admin' });
  };

  function expectRateLimited(response: LightMyRequestResponse): void {
    expect(response.statusCode).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    const body = response.json();
    expect(body.errors[0].code).toBe('rate_limited');
    expect(body.trackingId).toBe(response.headers.trackingid);
  }

  it('counts a token however its header is written: scheme case and spaces start no fresh count', async () => {
    const token = await freshToken();
    for (let index = 0; index < LIMIT; index += 1) {
      expect((await list('198.51.100.1', { authorization: `Bearer ${token}` })).statusCode).toBe(200);
    }
    expectRateLimited(await list('198.51.100.1', { authorization: `Bearer ${token}` }));
    // Each spelling from an address of its own: the 429 is the token's, not the address's.
    const spellings = [`bearer ${token}`, `BEARER ${token}`, `Bearer  ${token}`, `  Bearer ${token}  `];
    for (const [index, authorization] of spellings.entries()) {
      expectRateLimited(await list(`198.51.100.${10 + index}`, { authorization }));
    }
  });

  it('limits wrong tokens per IP, so guessing meets 429s instead of endless 401s', async () => {
    const guess = (index: number) => list('198.51.100.20', { authorization: `Bearer whk_guess${index}` });
    for (let index = 0; index < LIMIT; index += 1) expect((await guess(index)).statusCode).toBe(401);
    expectRateLimited(await guess(LIMIT));
    // Another address is not affected.
    expect((await list('198.51.100.21', { authorization: 'Bearer whk_guess' })).statusCode).toBe(401);
  });

  it('limits requests without any credential per IP', async () => {
    for (let index = 0; index < LIMIT; index += 1) expect((await list('198.51.100.30')).statusCode).toBe(401);
    expectRateLimited(await list('198.51.100.30'));
  });

  it('caps one IP across several tokens', async () => {
    const tokens = [await freshToken(), await freshToken(), await freshToken()];
    const statuses: number[] = [];
    for (let index = 0; index < 9; index += 1) {
      const token = tokens[index % tokens.length] ?? '';
      statuses.push((await list('198.51.100.40', { authorization: `Bearer ${token}` })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429, 429]);
    // Those 429s were the address's: each token is still under its own limit elsewhere.
    for (const token of tokens) {
      expect((await list('198.51.100.41', { authorization: `Bearer ${token}` })).statusCode).toBe(200);
    }
  });

  it('limits a web session per session cookie, across addresses', async () => {
    const { app, database, partnerId } = harness();
    await database.db
      .insertInto('admin_accounts')
      .values({
        partner_id: partnerId,
        email: 'limited@partner.example',
        display_name: 'Limited Admin',
        role: 'partner_full_admin',
        password_hash: await hashPassword('correct horse battery'),
        status: 'active',
      })
      .execute();
    const login = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: '198.51.100.50',
      payload: { email: 'limited@partner.example', password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(200);
    const session = login.cookies.find((entry) => entry.name === 'hub_session');
    if (!session) throw new Error('no hub_session cookie');
    const cookie = `hub_session=${session.value}`;
    for (let index = 0; index < LIMIT; index += 1) {
      expect((await list(`198.51.100.${60 + index}`, { cookie })).statusCode).toBe(200);
    }
    expectRateLimited(await list('198.51.100.70', { cookie }));
  });

  it('limits SCIM per IP too, answering its 429 with a Retry-After in seconds', async () => {
    const scim = () =>
      harness().app.inject({
        url: '/scim/v2/00000000-0000-4000-8000-000000000000/Users',
        remoteAddress: '198.51.100.90',
        headers: { authorization: 'Bearer not-a-scim-token' },
      });
    for (let index = 0; index < LIMIT; index += 1) expect((await scim()).statusCode).toBe(401);
    const limited = await scim();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(limited.json().schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  });

  it('answers the Wholesale API 429 in its public error shape', async () => {
    const wholesale = () =>
      harness().app.inject({
        url: '/v1/wholesale/customers',
        remoteAddress: '198.51.100.91',
        headers: { authorization: 'Bearer whk_wrong' },
      });
    for (let index = 0; index < LIMIT; index += 1) expect((await wholesale()).statusCode).toBe(401);
    const limited = await wholesale();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().errors).toEqual([{ errorCode: 10020, description: expect.any(String) }]);
  });

  it('believes no X-Forwarded-For by default: a client cannot name itself a fresh address', async () => {
    for (let index = 0; index < LIMIT; index += 1) {
      const spoofed = await list('198.51.100.95', { 'x-forwarded-for': `203.0.113.${index}` });
      expect(spoofed.statusCode).toBe(401);
    }
    expectRateLimited(await list('198.51.100.95', { 'x-forwarded-for': '203.0.113.99' }));
  });

  it('leaves paths outside the API alone', async () => {
    for (let index = 0; index < LIMIT + 2; index += 1) {
      const response = await harness().app.inject({ url: '/healthz', remoteAddress: '198.51.100.80' });
      expect(response.statusCode).toBe(200);
    }
  });
});

describe('RATE_LIMIT_API_PER_IP_PER_MINUTE', () => {
  it.each([
    [{}, { apiPerMinute: 600, apiPerIpPerMinute: 600, loginPerMinute: 10 }],
    [{ RATE_LIMIT_API_PER_MINUTE: '5' }, { apiPerMinute: 5, apiPerIpPerMinute: 5 }],
    [
      { RATE_LIMIT_API_PER_MINUTE: '600', RATE_LIMIT_API_PER_IP_PER_MINUTE: '3000' },
      { apiPerMinute: 600, apiPerIpPerMinute: 3000 },
    ],
  ])('with %j gives %j', (env, expected) => {
    expect(loadConfig({ HUB_DATA_DIR: '/tmp/hub-test-unused', ...env }).rateLimits).toMatchObject(expected);
  });

  it('is checked at start-up like the other limits', () => {
    expect(() => loadConfig({ RATE_LIMIT_API_PER_IP_PER_MINUTE: '0' })).toThrow(
      /RATE_LIMIT_API_PER_IP_PER_MINUTE/,
    );
  });
});

describe('TRUST_PROXY', () => {
  const harness = useTestApp({
    env: { RATE_LIMIT_API_PER_IP_PER_MINUTE: '2', TRUST_PROXY: '127.0.0.1' },
  });

  it('counts the client a trusted proxy names, not the proxy', async () => {
    const fromProxy = (client: string) =>
      harness().app.inject({
        url: '/v1/customers',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': client },
      });
    expect((await fromProxy('203.0.113.1')).statusCode).toBe(401);
    expect((await fromProxy('203.0.113.1')).statusCode).toBe(401);
    expect((await fromProxy('203.0.113.1')).statusCode).toBe(429);
    // Another client behind the same proxy has a count of its own.
    expect((await fromProxy('203.0.113.2')).statusCode).toBe(401);
  });
});

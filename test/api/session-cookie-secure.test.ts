// The session cookie is `Secure` whenever HUB_PUBLIC_URL is https://: behind a TLS-terminating
// proxy with the default TRUST_PROXY=false the app sees plain HTTP (request.protocol `http`) and
// would otherwise send the cookie without it. Without an https:// address, the request decides.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { sessionCookieSecure } from '../../src/http/plugins/authentication.ts';
import { hashPassword } from '../../src/services/auth/passwords.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const PASSWORD = 'correct horse battery';

async function createAdmin(db: Kysely<DB>, partnerId: string, email: string): Promise<void> {
  await db
    .insertInto('admin_accounts')
    .values({
      partner_id: partnerId,
      email,
      display_name: 'Cookie Admin',
      role: 'partner_full_admin',
      password_hash: await hashPassword(PASSWORD),
      status: 'active',
    })
    .execute();
}

describe('sessionCookieSecure', () => {
  it.each([
    ['https://hub.example', 'http', true],
    ['HTTPS://hub.example', 'http', true],
    ['https://hub.example', 'https', true],
    ['http://hub.example', 'http', false],
    ['http://hub.example', 'https', true],
    [undefined, 'http', false],
    [undefined, 'https', true],
  ] as const)('HUB_PUBLIC_URL %s, request over %s: Secure %s', (publicUrl, protocol, secure) => {
    expect(sessionCookieSecure(publicUrl, protocol)).toBe(secure);
  });
});

describe.each([
  ['https://hub.example', true],
  ['http://hub.example', false],
])('the session cookie with HUB_PUBLIC_URL=%s and TRUST_PROXY=false', (publicUrl, secure) => {
  let testApp: (TestApp & { close(): Promise<void> }) | undefined;
  beforeAll(async () => {
    testApp = await createTestApp({ env: { HUB_PUBLIC_URL: publicUrl, TRUST_PROXY: 'false' } });
    await createAdmin(testApp.database.db, testApp.partnerId, 'cookie@partner.example');
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it(`is ${secure ? '' : 'not '}Secure on a plain-HTTP request, as a TLS proxy forwards it`, async () => {
    if (!testApp) throw new Error('no app');
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      // The proxy says https, but it is not trusted: request.protocol stays `http`.
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: 'cookie@partner.example', password: PASSWORD },
    });
    expect(response.statusCode, response.body).toBe(200);
    const cookie = response.cookies.find((entry) => entry.name === 'hub_session');
    expect(cookie).toBeDefined();
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.secure === true).toBe(secure);
    expect(/;\s*Secure/i.test(String(response.headers['set-cookie']))).toBe(secure);
  });

  it(`is cleared at sign-out with the same attributes (${secure ? '' : 'not '}Secure)`, async () => {
    if (!testApp) throw new Error('no app');
    const response = await testApp.app.inject({ method: 'POST', url: '/v1/auth/logout' });
    expect(response.statusCode).toBe(204);
    const cookie = response.cookies.find((entry) => entry.name === 'hub_session');
    expect(cookie?.value).toBe('');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.secure === true).toBe(secure);
  });
});

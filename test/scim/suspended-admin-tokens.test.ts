// ADR 0085: when the directory suspends the user who is a customer admin (SCIM PATCH active
// false), the API and SCIM tokens that admin created are revoked, as when the admin is disabled:
// at once, though the server remembered them, and for good (reactivation restores sign-in only).
import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { hashPassword } from '../../src/services/auth/passwords.ts';
import { createToken } from '../../src/services/tokens/token-service.ts';
import { useTestApp, type TestApp } from '../helpers/app.ts';
import { createScimCustomer, PATCH_OP, SCIM_JSON, scimUser } from './scim-harness.ts';

const testApp = useTestApp();
const PASSWORD = 'correct horse battery';

async function createCustomerAdmin(db: Kysely<DB>, partnerId: string, customerId: string, email: string) {
  await db
    .insertInto('admin_accounts')
    .values({
      partner_id: partnerId,
      customer_id: customerId,
      email,
      role: 'customer_full_admin',
      password_hash: await hashPassword(PASSWORD),
      status: 'active',
    })
    .execute();
}

interface Session {
  readonly headers: { cookie: string; 'x-csrf-token': string };
}

async function signIn(harness: TestApp, email: string): Promise<Session> {
  const response = await harness.app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { email, password: PASSWORD },
  });
  expect(response.statusCode, response.body).toBe(200);
  const cookie = response.cookies.find((entry) => entry.name === 'hub_session');
  if (!cookie) throw new Error('no hub_session cookie');
  const { csrfToken } = response.json<{ csrfToken: string }>();
  return { headers: { cookie: `hub_session=${cookie.value}`, 'x-csrf-token': csrfToken } };
}

async function createTokens(harness: TestApp, session: Session, customerId: string) {
  const api = await harness.app.inject({
    method: 'POST',
    url: '/v1/tokens',
    headers: session.headers,
    payload: { name: 'admin-made', role: 'customer_full_admin' },
  });
  expect(api.statusCode, api.body).toBe(201);
  const apiToken = api.json<{ id: string; token: string }>();
  // A token minted with the admin's token answers to the admin too.
  const minted = await harness.app.inject({
    method: 'POST',
    url: '/v1/tokens',
    headers: harness.auth(apiToken.token),
    payload: { name: 'minted', role: 'customer_readonly_admin' },
  });
  expect(minted.statusCode, minted.body).toBe(201);
  const scim = await harness.app.inject({
    method: 'POST',
    url: `/v1/customers/${customerId}/scim-tokens`,
    headers: session.headers,
    payload: { name: 'admin-made scim' },
  });
  expect(scim.statusCode, scim.body).toBe(201);
  return {
    api: apiToken,
    minted: minted.json<{ id: string; token: string }>(),
    scim: ((body) => ({ id: body.tokenInfo.id, token: body.token }))(
      scim.json<{ token: string; tokenInfo: { id: string } }>(),
    ),
  };
}

async function apiStatus(harness: TestApp, token: string): Promise<number> {
  return (await harness.app.inject({ url: '/v1/auth/me', headers: harness.auth(token) })).statusCode;
}

async function scimStatus(harness: TestApp, customerId: string, token: string): Promise<number> {
  const response = await harness.app.inject({
    url: `/scim/v2/${customerId}/Users`,
    headers: { authorization: `Bearer ${token}`, accept: SCIM_JSON },
  });
  return response.statusCode;
}

describe('a customer admin whose user the directory suspends', () => {
  it('loses the API and SCIM tokens they created, and does not get them back on reactivation', async () => {
    const harness = testApp();
    const scim = await createScimCustomer(harness);
    const email = 'tok.admin@customer.example';
    await createCustomerAdmin(harness.database.db, harness.partnerId, scim.customerId, email);
    const created = await scim.request('POST', '/Users', scimUser('Tok.Admin@customer.example'));
    expect(created.statusCode, created.body).toBe(201);
    const userId = created.json<{ id: string }>().id;
    const session = await signIn(harness, email);
    const tokens = await createTokens(harness, session, scim.customerId);
    // Remembered by the server before the suspension.
    expect(await apiStatus(harness, tokens.api.token)).toBe(200);
    expect(await apiStatus(harness, tokens.minted.token)).toBe(200);
    expect(await scimStatus(harness, scim.customerId, tokens.scim.token)).toBe(200);

    const setActive = (active: boolean) =>
      scim.request('PATCH', `/Users/${userId}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', value: { active } }],
      });
    const suspended = await setActive(false);
    expect([200, 204], suspended.body).toContain(suspended.statusCode);

    expect(await apiStatus(harness, tokens.api.token)).toBe(401);
    expect(await apiStatus(harness, tokens.minted.token)).toBe(401);
    expect(await scimStatus(harness, scim.customerId, tokens.scim.token)).toBe(401);
    // The directory's own token (another creator) keeps working.
    expect((await scim.request('GET', `/Users/${userId}`)).statusCode).toBe(200);

    const audits = await harness.database.db
      .selectFrom('audit_events')
      .select(['action', 'target_id', 'after'])
      .where('target_id', 'in', [tokens.api.id, tokens.minted.id, tokens.scim.id])
      .where('action', 'in', ['token.revoke', 'scim_token.revoke'])
      .execute();
    expect(audits).toHaveLength(3);
    for (const audit of audits)
      expect(audit.after).toMatchObject({ reason: 'creator_suspended_by_directory' });

    expect([200, 204]).toContain((await setActive(true)).statusCode);
    await signIn(harness, email);
    expect(await apiStatus(harness, tokens.api.token)).toBe(401);
    expect(await apiStatus(harness, tokens.minted.token)).toBe(401);
  });

  it('leaves the tokens of an admin of another customer with the same email alone', async () => {
    const harness = testApp();
    const scim = await createScimCustomer(harness);
    const other = await createScimCustomer(harness);
    const email = 'shared.tokens@customer.example';
    await createCustomerAdmin(harness.database.db, harness.partnerId, other.customerId, email);
    const session = await signIn(harness, email);
    const tokens = await createTokens(harness, session, other.customerId);
    const created = await scim.request('POST', '/Users', scimUser(email, { active: false }));
    expect(created.statusCode, created.body).toBe(201);
    expect(await apiStatus(harness, tokens.api.token)).toBe(200);
    expect(await scimStatus(harness, other.customerId, tokens.scim.token)).toBe(200);
  });

  it('revokes them when the directory creates the user suspended', async () => {
    const harness = testApp();
    const scim = await createScimCustomer(harness);
    const email = 'born.suspended@customer.example';
    await createCustomerAdmin(harness.database.db, harness.partnerId, scim.customerId, email);
    const tokens = await createTokens(harness, await signIn(harness, email), scim.customerId);
    const created = await scim.request('POST', '/Users', scimUser(email, { active: false }));
    expect(created.statusCode, created.body).toBe(201);
    expect(await apiStatus(harness, tokens.api.token)).toBe(401);
    expect(await scimStatus(harness, scim.customerId, tokens.scim.token)).toBe(401);
  });

  it('lets a request that signed in before the suspension create no token after it', async () => {
    const harness = testApp();
    const scim = await createScimCustomer(harness);
    const email = 'late.request@customer.example';
    await createCustomerAdmin(harness.database.db, harness.partnerId, scim.customerId, email);
    const admin = await harness.database.db
      .selectFrom('admin_accounts')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const created = await scim.request('POST', '/Users', scimUser(email, { active: false }));
    expect(created.statusCode, created.body).toBe(201);
    // The session was checked before the directory's write committed: the actor is still the admin.
    const context = {
      db: harness.database.db,
      actor: {
        type: 'admin' as const,
        id: admin.id,
        label: email,
        role: 'customer_full_admin' as const,
        partnerId: harness.partnerId,
        customerId: scim.customerId,
      },
      requestId: 'late',
      locale: 'en' as const,
    };
    await expect(
      createToken(context, { name: 'too late', role: 'customer_full_admin' }),
    ).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    const made = await harness.database.db
      .selectFrom('api_tokens')
      .select('id')
      .where('name', '=', 'too late')
      .execute();
    expect(made).toHaveLength(0);
  });
});

// ADR 0002 (2026-11-27): a confirmed password reset ends what the old password could have started,
// the sessions and the API and SCIM tokens the account created (a token minted through one of them
// too), each revocation audited. Setting a first password from an invite revokes nothing.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { hashPassword } from '../../src/services/auth/passwords.ts';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer } from '../scim/scim-harness.ts';

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'another long password';

const harness = useTestApp({
  env: { HUB_PUBLIC_URL: 'https://hub.example', RATE_LIMIT_LOGIN_PER_MINUTE: '1000' },
});

async function createActiveAdmin(db: Kysely<DB>, partnerId: string): Promise<{ id: string; email: string }> {
  const email = `reset-${randomUUID().slice(0, 8)}@partner.example`;
  const row = await db
    .insertInto('admin_accounts')
    .values({
      partner_id: partnerId,
      email,
      display_name: 'Reset Admin',
      role: 'partner_full_admin',
      password_hash: await hashPassword(PASSWORD),
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email };
}

interface Session {
  readonly cookie: string;
  readonly headers: Record<string, string>;
}

async function signIn(email: string, password = PASSWORD): Promise<Session> {
  const response = await harness().app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { email, password },
  });
  expect(response.statusCode, response.body).toBe(200);
  const session = response.cookies.find((cookie) => cookie.name === 'hub_session');
  const cookie = `hub_session=${session?.value ?? ''}`;
  return {
    cookie,
    headers: { cookie, 'x-csrf-token': (response.json() as { csrfToken: string }).csrfToken },
  };
}

async function createToken(
  headers: Record<string, string>,
  name: string,
  role: 'partner_full_admin' | 'partner_readonly_admin' = 'partner_readonly_admin',
): Promise<{ id: string; token: string }> {
  const response = await harness().app.inject({
    method: 'POST',
    url: '/v1/tokens',
    headers,
    payload: { name, role },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; token: string };
}

async function apiStatus(token: string): Promise<number> {
  const { app, auth } = harness();
  return (await app.inject({ url: '/v1/auth/me', headers: auth(token) })).statusCode;
}

async function lastEmailLink(to: string, path: string): Promise<string> {
  await harness().drainJobs();
  const email = await harness()
    .database.db.selectFrom('outbox_emails')
    .select('body_text')
    .where('to_address', '=', to)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  const match = new RegExp(`/${path}/([\\w-]+)`).exec(email?.body_text ?? '');
  if (!match?.[1]) throw new Error(`no ${path} link for ${to}`);
  return match[1];
}

async function resetPassword(email: string): Promise<void> {
  const { app } = harness();
  const requested = await app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email } });
  expect(requested.statusCode).toBe(202);
  const token = await lastEmailLink(email, 'reset-password');
  const confirmed = await app.inject({
    method: 'POST',
    url: '/v1/auth/password-reset/confirm',
    payload: { token, password: NEW_PASSWORD },
  });
  expect(confirmed.statusCode, confirmed.body).toBe(204);
}

async function revocations(targetIds: readonly string[]) {
  return harness()
    .database.db.selectFrom('audit_events')
    .select(['action', 'target_id', 'actor_id', 'after'])
    .where('target_id', 'in', targetIds)
    .where('action', 'in', ['token.revoke', 'scim_token.revoke'])
    .orderBy('action')
    .execute();
}

describe('a confirmed password reset', () => {
  it("revokes the account's API and SCIM tokens, audited, and leaves other tokens alone", async () => {
    const testApp = harness();
    const { app, database, partnerId } = testApp;
    const admin = await createActiveAdmin(database.db, partnerId);
    const session = await signIn(admin.email);
    const apiToken = await createToken(session.headers, 'made by the intruder', 'partner_full_admin');
    // A token minted through that token answers to the same admin.
    const minted = await createToken(testApp.auth(apiToken.token), 'minted from it');
    const scim = await createScimCustomer(testApp);
    const scimCreated = await app.inject({
      method: 'POST',
      url: `/v1/customers/${scim.customerId}/scim-tokens`,
      headers: session.headers,
      payload: { name: 'Intruder Entra' },
    });
    expect(scimCreated.statusCode, scimCreated.body).toBe(201);
    const scimToken = scimCreated.json() as { token: string; tokenInfo: { id: string } };
    const scimStatus = async (token: string) =>
      (await app.inject({ url: `${scim.base}/Users`, headers: { authorization: `Bearer ${token}` } }))
        .statusCode;
    expect(await apiStatus(apiToken.token)).toBe(200);
    expect(await apiStatus(minted.token)).toBe(200);
    expect(await scimStatus(scimToken.token)).toBe(200);

    await resetPassword(admin.email);

    expect((await app.inject({ url: '/v1/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(
      401,
    );
    expect(await apiStatus(apiToken.token)).toBe(401);
    expect(await apiStatus(minted.token)).toBe(401);
    expect(await scimStatus(scimToken.token)).toBe(401);
    // Tokens the account did not create keep working.
    expect(await apiStatus(testApp.tokens.partnerFull)).toBe(200);
    expect(await scimStatus(scim.token)).toBe(200);

    const audit = await revocations([apiToken.id, minted.id, scimToken.tokenInfo.id]);
    expect(audit).toHaveLength(3);
    for (const row of audit) {
      expect(row.actor_id).toBe(admin.id);
      expect(row.after).toMatchObject({ reason: 'password_reset', revokedAt: expect.any(String) });
    }
    expect(audit.map((row) => row.action).sort()).toEqual([
      'scim_token.revoke',
      'token.revoke',
      'token.revoke',
    ]);

    // The new password signs in and may create tokens again.
    const fresh = await signIn(admin.email, NEW_PASSWORD);
    const replacement = await createToken(fresh.headers, 'after the reset');
    expect(await apiStatus(replacement.token)).toBe(200);
  });

  it('setting the first password from an invite revokes nothing', async () => {
    const { app, database, partnerId } = harness();
    const inviter = await createActiveAdmin(database.db, partnerId);
    const session = await signIn(inviter.email);
    const inviterToken = await createToken(session.headers, 'inviter token');
    const inviteeEmail = `invitee-${randomUUID().slice(0, 8)}@partner.example`;
    const invited = await app.inject({
      method: 'POST',
      url: '/v1/admins',
      headers: session.headers,
      payload: { email: inviteeEmail, role: 'partner_full_admin' },
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const token = await lastEmailLink(inviteeEmail, 'invite');
    const accepted = await app.inject({
      method: 'POST',
      url: '/v1/auth/accept-invite',
      payload: { token, password: NEW_PASSWORD },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const inviteeId = (accepted.json() as { admin: { id: string } }).admin.id;

    expect(await apiStatus(inviterToken.token)).toBe(200);
    expect((await app.inject({ url: '/v1/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(
      200,
    );
    const revokedByInvitee = await database.db
      .selectFrom('audit_events')
      .select('id')
      .where('actor_id', '=', inviteeId)
      .where('action', 'in', ['token.revoke', 'scim_token.revoke'])
      .execute();
    expect(revokedByInvitee).toEqual([]);
  });
});

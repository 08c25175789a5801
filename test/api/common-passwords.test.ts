// A commonly used password is refused wherever a password is set (ADR 0082): accepting an invite
// (both paths) and confirming a password reset. The link stays usable for a better password.
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { hashPassword } from '../../src/services/auth/passwords.ts';
import { useTestApp } from '../helpers/app.ts';

const GOOD_PASSWORD = 'staple battery horse 42';

async function lastLinkToken(db: Kysely<DB>, to: string, path: string): Promise<string> {
  const email = await db
    .selectFrom('outbox_emails')
    .select('body_text')
    .where('to_address', '=', to)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const match = new RegExp(`/${path}/([\\w-]+)`).exec(email.body_text);
  if (!match?.[1]) throw new Error(`no ${path} link in: ${email.body_text}`);
  return match[1];
}

describe('common passwords', () => {
  const harness = useTestApp({
    env: { HUB_PUBLIC_URL: 'https://hub.example', RATE_LIMIT_LOGIN_PER_MINUTE: '1000' },
  });

  async function inviteToken(email: string): Promise<string> {
    const { app, database, tokens, auth } = harness();
    const invited = await app.inject({
      method: 'POST',
      url: '/v1/admins',
      headers: auth(tokens.partnerFull),
      payload: { email, role: 'partner_readonly_admin' },
    });
    expect(invited.statusCode).toBe(201);
    return lastLinkToken(database.db, email, 'invite');
  }

  it.each(['/v1/auth/accept-invite', '/v1/auth/invites/accept'])(
    'are refused when accepting an invite at %s, in English and Dutch',
    async (url) => {
      const { app } = harness();
      const email = `invited${url.replaceAll('/', '.')}@partner.example`;
      const token = await inviteToken(email);
      for (const password of ['password123', 'Password123!', 'qwertyuiop']) {
        const refused = await app.inject({ method: 'POST', url, payload: { token, password } });
        expect(refused.statusCode).toBe(400);
        expect(refused.json().errors).toEqual([
          {
            code: 'password_too_common',
            field: 'password',
            description:
              'This password is too common or too easy to guess. Choose another one, e.g. a few unrelated words.',
          },
        ]);
      }
      const dutch = await app.inject({
        method: 'POST',
        url,
        headers: { 'accept-language': 'nl' },
        payload: { token, password: 'welkom12345' },
      });
      expect(dutch.statusCode).toBe(400);
      expect(dutch.json().errors[0]).toMatchObject({ code: 'password_too_common', field: 'password' });
      expect(dutch.json().errors[0].description).toMatch(/^Dit wachtwoord is te gangbaar/);

      // The refusals did not use up the link.
      const accepted = await app.inject({ method: 'POST', url, payload: { token, password: GOOD_PASSWORD } });
      expect(accepted.statusCode).toBe(200);
    },
  );

  it('are refused when confirming a password reset', async () => {
    const { app, database, partnerId, drainJobs } = harness();
    await database.db
      .insertInto('admin_accounts')
      .values({
        partner_id: partnerId,
        email: 'resetting@partner.example',
        display_name: 'Resetting Admin',
        role: 'partner_full_admin',
        password_hash: await hashPassword(GOOD_PASSWORD),
        status: 'active',
      })
      .execute();
    const requested = await app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset',
      payload: { email: 'resetting@partner.example' },
    });
    expect(requested.statusCode).toBe(202);
    await drainJobs();
    const token = await lastLinkToken(database.db, 'resetting@partner.example', 'reset-password');

    const refused = await app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset/confirm',
      payload: { token, password: 'iloveyou12' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ code: 'password_too_common', field: 'password' });
    // Still the old password: nothing was changed.
    const old = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'resetting@partner.example', password: GOOD_PASSWORD },
    });
    expect(old.statusCode).toBe(200);

    const confirmed = await app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset/confirm',
      payload: { token, password: 'another long password' },
    });
    expect(confirmed.statusCode).toBe(204);
  });
});

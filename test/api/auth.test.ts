import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB, Role } from '../../src/db/schema.ts';
import { hashPassword } from '../../src/services/auth/passwords.ts';
import { forgetHits } from '../../src/db/repositories/rate-limit-hit-reset.ts';
import { setMailTransport, type OutgoingMail } from '../../src/services/email/mail-transport.ts';
import { recipientEmailKeys } from '../../src/services/email/recipient-email-limit.ts';
import { createTestApp, useTestApp } from '../helpers/app.ts';

const PASSWORD = 'correct horse battery';

async function createAdmin(
  db: Kysely<DB>,
  admin: { partnerId: string; email: string; role?: Role; status?: 'active' | 'disabled' },
): Promise<string> {
  const row = await db
    .insertInto('admin_accounts')
    .values({
      partner_id: admin.partnerId,
      email: admin.email,
      display_name: 'Test Admin',
      role: admin.role ?? 'partner_full_admin',
      password_hash: await hashPassword(PASSWORD),
      status: admin.status ?? 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function cookieOf(response: { cookies: { name: string; value: string }[] }): string {
  const cookie = response.cookies.find((entry) => entry.name === 'hub_session');
  if (!cookie) throw new Error('no hub_session cookie');
  return `hub_session=${cookie.value}`;
}

async function outbox(db: Kysely<DB>, to: string) {
  return db
    .selectFrom('outbox_emails')
    .selectAll()
    .where('to_address', '=', to)
    .orderBy('created_at', 'desc')
    .execute();
}

function linkToken(body: string, path: string): string {
  const match = new RegExp(`/${path}/([\\w-]+)`).exec(body);
  if (!match?.[1]) throw new Error(`no ${path} link in: ${body}`);
  return match[1];
}

describe('/v1/auth', () => {
  const harness = useTestApp({
    // The limit has its own test below; here many sign-ins come from one IP.
    env: { HUB_PUBLIC_URL: 'https://hub.example', RATE_LIMIT_LOGIN_PER_MINUTE: '1000' },
  });

  afterEach(() => setMailTransport(null));

  it('signs in with a signed HttpOnly SameSite=Lax cookie and answers the admin and a CSRF token', async () => {
    const { app, database, partnerId } = harness();
    const adminId = await createAdmin(database.db, { partnerId, email: 'Anna@Partner.example' });
    const response = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'anna@partner.example', password: PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.admin).toEqual({
      id: adminId,
      email: 'Anna@Partner.example',
      displayName: 'Test Admin',
      role: 'partner_full_admin',
      partnerId,
      customerId: null,
    });
    expect(body.csrfToken).toEqual(expect.any(String));
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/hub_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    // The cookie is signed and the session stored only as a hash.
    const raw = response.cookies.find((cookie) => cookie.name === 'hub_session')?.value ?? '';
    expect(raw).toContain('.');
    const sessions = await database.db
      .selectFrom('sessions')
      .selectAll()
      .where('admin_id', '=', adminId)
      .execute();
    expect(sessions).toHaveLength(1);
    expect(raw).not.toContain(sessions[0]?.token_hash ?? 'x');

    const me = await app.inject({ url: '/v1/auth/me', headers: { cookie: cookieOf(response) } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(body);
  });

  it('needs the CSRF header for writes with the cookie', async () => {
    const { app, database, partnerId } = harness();
    await createAdmin(database.db, { partnerId, email: 'csrf@partner.example' });
    const login = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'csrf@partner.example', password: PASSWORD },
    });
    const cookie = cookieOf(login);
    const payload = { name: 'ci', role: 'partner_readonly_admin' };
    const without = await app.inject({ method: 'POST', url: '/v1/tokens', headers: { cookie }, payload });
    expect(without.statusCode).toBe(403);
    const withHeader = await app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: { cookie, 'x-csrf-token': login.json().csrfToken },
      payload,
    });
    expect(withHeader.statusCode).toBe(201);
  });

  it('answers one generic 401 for an unknown email, a wrong password and a disabled account', async () => {
    const { app, database, partnerId } = harness();
    await createAdmin(database.db, { partnerId, email: 'known@partner.example' });
    await createAdmin(database.db, { partnerId, email: 'off@partner.example', status: 'disabled' });
    const attempts = [
      { email: 'nobody@partner.example', password: PASSWORD },
      { email: 'known@partner.example', password: 'wrong password!' },
      { email: 'off@partner.example', password: PASSWORD },
    ];
    const answers = [];
    for (const payload of attempts) {
      const response = await app.inject({ method: 'POST', url: '/v1/auth/login', payload });
      expect(response.statusCode).toBe(401);
      expect(response.headers['set-cookie']).toBeUndefined();
      answers.push(response.json().message);
    }
    expect(new Set(answers).size).toBe(1);
  });

  it('signs out: the session stops working', async () => {
    const { app, database, partnerId } = harness();
    await createAdmin(database.db, { partnerId, email: 'bye@partner.example' });
    const login = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'bye@partner.example', password: PASSWORD },
    });
    const cookie = cookieOf(login);
    const out = await app.inject({
      method: 'POST',
      url: '/v1/auth/logout',
      headers: { cookie, 'x-csrf-token': login.json().csrfToken },
    });
    expect(out.statusCode).toBe(204);
    const me = await app.inject({ url: '/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('slides a used session forward, capped at the maximum after sign-in, and renews its cookie', async () => {
    const { app, database, partnerId } = harness();
    const adminId = await createAdmin(database.db, { partnerId, email: 'slide@partner.example' });
    const login = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'slide@partner.example', password: PASSWORD },
    });
    const cookie = cookieOf(login);
    const session = () =>
      database.db
        .selectFrom('sessions')
        .select(['expires_at', 'created_at'])
        .where('admin_id', '=', adminId)
        .executeTakeFirstOrThrow();
    const hoursLeft = async () => (new Date((await session()).expires_at).getTime() - Date.now()) / 3_600_000;
    const setFromNow = (column: 'created_at' | 'expires_at', hours: number) =>
      database.db
        .updateTable('sessions')
        .set({ [column]: sql<Date>`now() + make_interval(mins => ${Math.round(hours * 60)})` })
        .where('admin_id', '=', adminId)
        .execute();

    // Fresh (12 h left): using it changes nothing, and no cookie is sent again.
    const fresh = await app.inject({ url: '/v1/auth/me', headers: { cookie } });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers['set-cookie']).toBeUndefined();
    expect(await hoursLeft()).toBeGreaterThan(11.9);

    // Past half of its idle time (2 h left): using it gives it 12 h again, cookie included.
    await setFromNow('expires_at', 2);
    const used = await app.inject({ url: '/v1/auth/me', headers: { cookie } });
    expect(used.statusCode).toBe(200);
    expect(String(used.headers['set-cookie'])).toMatch(/hub_session=.*Max-Age=43(19\d|200);/);
    expect(await hoursLeft()).toBeGreaterThan(11.9);

    // Signed in 7 days minus 1 h ago: it slides no further than the maximum.
    await setFromNow('created_at', -(7 * 24 - 1));
    await setFromNow('expires_at', 0.5);
    await app.inject({ url: '/v1/auth/me', headers: { cookie } });
    expect(await hoursLeft()).toBeGreaterThan(0.9);
    expect(await hoursLeft()).toBeLessThan(1.1);

    // Expired: the next use is refused and does not bring it back.
    await setFromNow('expires_at', -1);
    expect((await app.inject({ url: '/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect(await hoursLeft()).toBeLessThan(0);
  });

  it('answers /me for an API token with its grant', async () => {
    const { app, tokens, auth, partnerId } = harness();
    const me = await app.inject({ url: '/v1/auth/me', headers: auth(tokens.partnerReadonly) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      admin: { role: 'partner_readonly_admin', partnerId, customerId: null },
      csrfToken: null,
    });
    expect((await app.inject({ url: '/v1/auth/me' })).statusCode).toBe(401);
  });

  it('invites an admin by email; the single-use link sets the password', async () => {
    const { app, database, tokens, auth } = harness();
    const invited = await app.inject({
      method: 'POST',
      url: '/v1/admins',
      headers: auth(tokens.partnerFull),
      payload: { email: 'New.Admin@partner.example', role: 'partner_readonly_admin' },
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({ email: 'new.admin@partner.example', status: 'invited' });
    const [email] = await outbox(database.db, 'new.admin@partner.example');
    expect(email).toMatchObject({ template: 'admin_invite', status: 'pending' });
    expect(email?.body_text).toContain('https://hub.example/invite/');
    const token = linkToken(email?.body_text ?? '', 'invite');
    // Only the hash is stored.
    const stored = await database.db.selectFrom('action_tokens').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(token);

    // Nobody can sign in before accepting.
    const early = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'new.admin@partner.example', password: PASSWORD },
    });
    expect(early.statusCode).toBe(401);

    const weak = await app.inject({
      method: 'POST',
      url: '/v1/auth/accept-invite',
      payload: { token, password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0]).toMatchObject({ code: 'password_too_short', field: 'password' });

    const accepted = await app.inject({
      method: 'POST',
      url: '/v1/auth/accept-invite',
      payload: { token, password: PASSWORD, displayName: 'Nieuwe Beheerder' },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().admin).toMatchObject({
      displayName: 'Nieuwe Beheerder',
      role: 'partner_readonly_admin',
    });

    const again = await app.inject({
      method: 'POST',
      url: '/v1/auth/invites/accept',
      payload: { token, password: PASSWORD },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0].code).toBe('invalid_token');

    const login = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'new.admin@partner.example', password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
  });

  it('resets a password through the outbox without telling which emails exist', async () => {
    const { app, database, partnerId } = harness();
    await createAdmin(database.db, { partnerId, email: 'forgot@partner.example' });
    const login = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'forgot@partner.example', password: PASSWORD },
    });
    const oldCookie = cookieOf(login);

    const unknown = await app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset',
      payload: { email: 'nobody-here@partner.example' },
    });
    expect(unknown.statusCode).toBe(202);
    await harness().drainJobs(); // the lookup and the email are the job's work
    expect(await outbox(database.db, 'nobody-here@partner.example')).toHaveLength(0);

    const known = await app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset',
      payload: { email: 'FORGOT@partner.example' },
    });
    expect(known.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    await harness().drainJobs();
    const [email] = await outbox(database.db, 'forgot@partner.example');
    expect(email?.template).toBe('password_reset');
    const token = linkToken(email?.body_text ?? '', 'reset-password');

    const newPassword = 'another long password';
    const confirmed = await app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset/confirm',
      payload: { token, password: newPassword },
    });
    expect(confirmed.statusCode).toBe(204);
    const reused = await app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset/confirm',
      payload: { token, password: newPassword },
    });
    expect(reused.statusCode).toBe(400);

    // The old session and the old password are gone; the new password works.
    expect((await app.inject({ url: '/v1/auth/me', headers: { cookie: oldCookie } })).statusCode).toBe(401);
    const oldPassword = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'forgot@partner.example', password: PASSWORD },
    });
    expect(oldPassword.statusCode).toBe(401);
    const fresh = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'forgot@partner.example', password: newPassword },
    });
    expect(fresh.statusCode).toBe(200);
  });

  it("points a reset link at the app's own address, whatever Host the request names", async () => {
    const { app, database, partnerId } = harness();
    await createAdmin(database.db, { partnerId, email: 'poisoned@partner.example' });
    const response = await app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset',
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
      payload: { email: 'poisoned@partner.example' },
    });
    expect(response.statusCode).toBe(202);
    await harness().drainJobs();
    const [email] = await outbox(database.db, 'poisoned@partner.example');
    const expected = app.config.publicUrl ?? `http://localhost:${app.config.port}`;
    expect(email?.body_text).toContain(`${expected}/reset-password`);
    expect(email?.body_text).not.toContain('evil.example');
  });

  it('refuses an expired reset link', async () => {
    const { app, database, partnerId } = harness();
    await createAdmin(database.db, { partnerId, email: 'late@partner.example' });
    await app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset',
      payload: { email: 'late@partner.example' },
    });
    await harness().drainJobs();
    const [email] = await outbox(database.db, 'late@partner.example');
    const token = linkToken(email?.body_text ?? '', 'reset-password');
    await database.db
      .updateTable('action_tokens')
      .set({ expires_at: sql<Date>`now() - interval '1 minute'` })
      .where('purpose', '=', 'password_reset')
      .execute();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset/confirm',
      payload: { token, password: 'a brand new password' },
    });
    expect(response.statusCode).toBe(400);
  });

  describe('email delivery', () => {
    async function makeRunnable(db: Kysely<DB>): Promise<void> {
      // Retries wait with backoff; the test moves the clock of the queue instead of waiting.
      await db
        .updateTable('jobs')
        .set({ run_at: sql<Date>`now()` })
        .where('status', '=', 'queued')
        .execute();
    }

    it('keeps mail as `stored` when no SMTP is configured', async () => {
      const { app, database, drainJobs } = harness();
      await drainJobs();
      // The reset test above mailed this address: its cooldown (ADR 0002, 2026-11-27) has passed.
      await forgetHits(database.db, recipientEmailKeys('forgot@partner.example').cooldown);
      await app.inject({
        method: 'POST',
        url: '/v1/auth/password-reset',
        payload: { email: 'forgot@partner.example' },
      });
      await drainJobs();
      const [email] = await outbox(database.db, 'forgot@partner.example');
      expect(email?.status).toBe('stored');
    });

    it('sends through the transport, retries a failed send, and gives up as `failed`', async () => {
      const { app, database, partnerId, drainJobs } = harness();
      await drainJobs();
      await createAdmin(database.db, { partnerId, email: 'mail@partner.example' });
      const sent: OutgoingMail[] = [];
      let failuresLeft = 1;
      setMailTransport({
        async send(mail) {
          if (failuresLeft > 0) {
            failuresLeft -= 1;
            throw new Error('421 try again later');
          }
          sent.push(mail);
        },
      });
      await app.inject({
        method: 'POST',
        url: '/v1/auth/password-reset',
        payload: { email: 'mail@partner.example' },
      });
      await drainJobs();
      let [email] = await outbox(database.db, 'mail@partner.example');
      expect(email).toMatchObject({ status: 'pending', attempts: 1, last_error: '421 try again later' });
      expect(sent).toHaveLength(0);
      await makeRunnable(database.db);
      await drainJobs();
      [email] = await outbox(database.db, 'mail@partner.example');
      expect(email).toMatchObject({ status: 'sent', attempts: 2 });
      expect(sent).toEqual([
        { id: email?.id, to: 'mail@partner.example', subject: email?.subject, text: email?.body_text },
      ]);

      failuresLeft = Number.POSITIVE_INFINITY;
      // The address's cooldown on reset emails (ADR 0002, 2026-11-27) has passed.
      await forgetHits(database.db, recipientEmailKeys('mail@partner.example').cooldown);
      await app.inject({
        method: 'POST',
        url: '/v1/auth/password-reset',
        payload: { email: 'mail@partner.example' },
      });
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await makeRunnable(database.db);
        await drainJobs();
      }
      [email] = await outbox(database.db, 'mail@partner.example');
      expect(email).toMatchObject({ status: 'failed', attempts: 5 });
    });
  });
});

describe('sign-in rate limit', () => {
  it('answers 429 with Retry-After after loginPerMinute attempts from one IP', async () => {
    const testApp = await createTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '3' } });
    try {
      const attempt = () =>
        testApp.app.inject({
          method: 'POST',
          url: '/v1/auth/login',
          payload: { email: 'x@partner.example', password: 'wrong password' },
        });
      for (let index = 0; index < 3; index += 1) expect((await attempt()).statusCode).toBe(401);
      const limited = await attempt();
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json().errors[0].code).toBe('rate_limited');
    } finally {
      await testApp.close();
    }
  });
});

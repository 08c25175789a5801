// The per-account sign-in limit (ADR 0082): failed sign-ins counted per email address across IPs.
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { hashPassword } from '../../src/services/auth/passwords.ts';
import type * as Passwords from '../../src/services/auth/passwords.ts';
import { signInAccountKey } from '../../src/services/auth/sign-in-account-limit.ts';
import { useTestApp } from '../helpers/app.ts';

// Counts the password verifications sign-in runs, to show a limited attempt runs none.
const verify = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../src/services/auth/passwords.ts', async (importOriginal) => {
  const original = await importOriginal<typeof Passwords>();
  return {
    ...original,
    verifyPassword: async (passwordHash: string | null, password: string) => {
      verify.calls += 1;
      return original.verifyPassword(passwordHash, password);
    },
  };
});

const PASSWORD = 'correct horse battery';
const LIMIT = 10;

async function createAdmin(db: Kysely<DB>, partnerId: string, email: string): Promise<void> {
  await db
    .insertInto('admin_accounts')
    .values({
      partner_id: partnerId,
      email,
      display_name: 'Limited Admin',
      role: 'partner_full_admin',
      password_hash: await hashPassword(PASSWORD),
      status: 'active',
    })
    .execute();
}

/** Moves the email's window into the past, as if its minutes had gone by. */
async function endWindow(db: Kysely<DB>, email: string): Promise<void> {
  await sql`update rate_limit_hits set window_ends_at = now() - interval '1 second'
            where key = ${signInAccountKey(email)}`.execute(db);
}

describe('sign-in limit per email address', () => {
  const harness = useTestApp({
    // The per-IP limit stays at its default: every attempt below comes from an IP of its own.
    env: {
      RATE_LIMIT_SIGN_IN_PER_ACCOUNT: String(LIMIT),
      RATE_LIMIT_SIGN_IN_WINDOW_MINUTES: '15',
    },
  });
  let nextIp = 0;
  const signIn = (email: string, password: string, headers: Record<string, string> = {}) => {
    nextIp += 1;
    return harness().app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: `10.${Math.floor(nextIp / 250)}.${nextIp % 250}.1`,
      headers,
      payload: { email, password },
    });
  };
  const failTimes = async (email: string, times: number) => {
    for (let index = 0; index < times; index += 1) {
      expect((await signIn(email, 'wrong password!')).statusCode).toBe(401);
    }
  };

  afterEach(() => {
    verify.calls = 0;
  });

  it('answers 429 with Retry-After to the 11th failed sign-in for one email from different IPs', async () => {
    const { database, partnerId } = harness();
    await createAdmin(database.db, partnerId, 'rotated@partner.example');
    await failTimes('rotated@partner.example', LIMIT);

    const limited = await signIn('rotated@partner.example', 'wrong password!');
    expect(limited.statusCode).toBe(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(limited.json()).toMatchObject({
      message: 'Too many failed sign-ins for this email address. Try again later.',
      errors: [{ code: 'rate_limited' }],
    });
    // Written as the email is written anywhere else, it is the same account.
    expect((await signIn('  ROTATED@Partner.example ', 'wrong password!')).statusCode).toBe(429);

    const dutch = await signIn('rotated@partner.example', 'wrong password!', { 'accept-language': 'nl' });
    expect(dutch.statusCode).toBe(429);
    expect(dutch.json().message).toBe(
      'Te veel mislukte aanmeldingen voor dit e-mailadres. Probeer het later opnieuw.',
    );
  });

  it('answers an email without an account the same, so the 429 tells nothing about which exist', async () => {
    const { database, partnerId } = harness();
    await createAdmin(database.db, partnerId, 'exists@partner.example');
    await failTimes('exists@partner.example', LIMIT);
    await failTimes('nobody-at-all@partner.example', LIMIT);

    const known = await signIn('exists@partner.example', 'wrong password!');
    const unknown = await signIn('nobody-at-all@partner.example', 'wrong password!');
    expect(unknown.statusCode).toBe(429);
    expect(unknown.headers['retry-after']).toBeDefined();
    expect({ ...unknown.json(), trackingId: null }).toEqual({ ...known.json(), trackingId: null });
    // Other emails are not held up.
    expect((await signIn('other@partner.example', 'wrong password!')).statusCode).toBe(401);
  });

  it('refuses the right password during the limit without verifying it, and signs nobody in', async () => {
    const { database, partnerId } = harness();
    await createAdmin(database.db, partnerId, 'victim@partner.example');
    await failTimes('victim@partner.example', LIMIT);
    expect(verify.calls).toBe(LIMIT);

    const right = await signIn('victim@partner.example', PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.cookies.find((cookie) => cookie.name === 'hub_session')).toBeUndefined();
    expect(verify.calls).toBe(LIMIT);
    const admin = await database.db
      .selectFrom('admin_accounts')
      .select('last_login_at')
      .where('email', '=', 'victim@partner.example')
      .executeTakeFirstOrThrow();
    expect(admin.last_login_at).toBeNull();
  });

  it('starts the count afresh after a successful sign-in', async () => {
    const { database, partnerId } = harness();
    await createAdmin(database.db, partnerId, 'owner@partner.example');
    await failTimes('owner@partner.example', LIMIT - 1);
    expect((await signIn('owner@partner.example', PASSWORD)).statusCode).toBe(200);

    await failTimes('owner@partner.example', LIMIT);
    expect((await signIn('owner@partner.example', 'wrong password!')).statusCode).toBe(429);
  });

  it('lets attempts in again once the window has passed', async () => {
    const { database, partnerId } = harness();
    await createAdmin(database.db, partnerId, 'patient@partner.example');
    await failTimes('patient@partner.example', LIMIT);
    expect((await signIn('patient@partner.example', PASSWORD)).statusCode).toBe(429);

    await endWindow(database.db, 'patient@partner.example');
    expect((await signIn('patient@partner.example', PASSWORD)).statusCode).toBe(200);
  });

  it('lets the owner in right after a confirmed password reset', async () => {
    const { app, database, partnerId, drainJobs } = harness();
    await createAdmin(database.db, partnerId, 'reset-me@partner.example');
    await failTimes('reset-me@partner.example', LIMIT);
    expect((await signIn('reset-me@partner.example', PASSWORD)).statusCode).toBe(429);

    await app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset',
      payload: { email: 'reset-me@partner.example' },
    });
    await drainJobs();
    const email = await database.db
      .selectFrom('outbox_emails')
      .select('body_text')
      .where('to_address', '=', 'reset-me@partner.example')
      .executeTakeFirstOrThrow();
    const token = /\/reset-password\/([\w-]+)/.exec(email.body_text)?.[1] ?? '';
    const confirmed = await app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset/confirm',
      payload: { token, password: 'another long password' },
    });
    expect(confirmed.statusCode).toBe(204);
    expect((await signIn('reset-me@partner.example', 'another long password')).statusCode).toBe(200);
  });

  it('keeps the window fixed: attempts during the refusal do not push its end', async () => {
    const { database, partnerId } = harness();
    await createAdmin(database.db, partnerId, 'hammered@partner.example');
    await failTimes('hammered@partner.example', LIMIT);
    const windowEnd = async () => {
      const result = await sql<{ ends: Date }>`select window_ends_at as ends from rate_limit_hits
        where key = ${signInAccountKey('hammered@partner.example')}`.execute(database.db);
      return result.rows[0]?.ends.getTime();
    };
    const before = await windowEnd();
    for (let index = 0; index < 3; index += 1) {
      expect((await signIn('hammered@partner.example', 'wrong password!')).statusCode).toBe(429);
    }
    expect(await windowEnd()).toBe(before);
  });
});

describe('RATE_LIMIT_SIGN_IN_PER_ACCOUNT', () => {
  const harness = useTestApp({ env: { RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '2' } });

  it('sets how many failures an email gets', async () => {
    const attempt = (ip: string) =>
      harness().app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        remoteAddress: ip,
        payload: { email: 'two@partner.example', password: 'wrong password!' },
      });
    expect((await attempt('192.0.2.1')).statusCode).toBe(401);
    expect((await attempt('192.0.2.2')).statusCode).toBe(401);
    expect((await attempt('192.0.2.3')).statusCode).toBe(429);
  });
});

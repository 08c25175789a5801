// ADR 0002 (2026-11-27): sign-up verification and password-reset emails are limited per recipient
// address, whatever IP asks: at most one per cooldown and a few a day. The request answers the same
// 202 either way (the limit is the job's); a held-back request writes no link, so the link the
// person already holds stays the valid one; operators see a warn line with the address masked.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { jobDefinitions } from '../../src/jobs/registry.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import { hashPassword } from '../../src/services/auth/passwords.ts';
import {
  configureRecipientEmailLimit,
  DEFAULT_RECIPIENT_EMAIL_LIMIT,
  recipientEmailKeys,
} from '../../src/services/email/recipient-email-limit.ts';
import { useTestApp } from '../helpers/app.ts';

const PER_DAY = 3;
const harness = useTestApp({ env: { HUB_PUBLIC_URL: 'https://hub.example' } });

// What the jobs log, to show a held-back email is visible to operators.
const logLines: Record<string, unknown>[] = [];
const logger = pino(
  { level: 'info' },
  { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) },
);

beforeAll(() => configureRecipientEmailLimit({ cooldownMinutes: 5, perDay: PER_DAY }));
afterAll(() => configureRecipientEmailLimit(DEFAULT_RECIPIENT_EMAIL_LIMIT));

/** Runs the queued jobs with a logger the test reads. */
async function runJobs(): Promise<void> {
  const worker = createWorker({
    db: harness().database.db,
    logger,
    definitions: jobDefinitions,
    housekeepingIntervalMs: 0,
  });
  await worker.drain();
}

// Each test sends from an address of its own, so the per-IP limit (10 a minute) is not what holds
// emails back; the last test shows that limit still applies.
let nextIp = 0;
function post(url: string, payload: Record<string, string>, remoteAddress?: string) {
  nextIp += 1;
  return harness().app.inject({
    method: 'POST',
    url,
    payload,
    remoteAddress: remoteAddress ?? `10.20.${Math.floor(nextIp / 250)}.${nextIp % 250}`,
  });
}

const signUp = (email: string, remoteAddress?: string) =>
  post('/v1/signup', { email, firstName: 'V', lastName: 'V' }, remoteAddress);
const requestReset = (email: string, remoteAddress?: string) =>
  post('/v1/auth/password-reset', { email }, remoteAddress);

async function outboxTo(email: string) {
  return harness()
    .database.db.selectFrom('outbox_emails')
    .select(['template', 'body_text'])
    .where('to_address', '=', email)
    .orderBy('created_at', 'asc')
    .execute();
}

/** Moves the address's cooldown into the past, as if its minutes had gone by. */
async function endCooldown(db: Kysely<DB>, email: string): Promise<void> {
  await sql`update rate_limit_hits set window_ends_at = now() - interval '1 second'
            where key = ${recipientEmailKeys(email).cooldown}`.execute(db);
}

function suppressedLines(template: string) {
  return logLines.filter(
    (line) => (line.emailSuppressed as { template?: string } | undefined)?.template === template,
  );
}

async function createActiveAdmin(db: Kysely<DB>, partnerId: string): Promise<{ id: string; email: string }> {
  const email = `limited-${randomUUID().slice(0, 8)}@partner.example`;
  const row = await db
    .insertInto('admin_accounts')
    .values({
      partner_id: partnerId,
      email,
      display_name: 'Limited Admin',
      role: 'partner_full_admin',
      password_hash: await hashPassword('correct horse battery'),
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email };
}

function resetToken(bodyText: string | undefined): string {
  const token = /\/reset-password\/([\w-]+)/.exec(bodyText ?? '')?.[1];
  if (!token) throw new Error('no reset link in the email');
  return token;
}

async function resetTokenRows(adminId: string) {
  return harness()
    .database.db.selectFrom('action_tokens')
    .select(['token_hash', 'used_at'])
    .where('subject_id', '=', adminId)
    .where('purpose', '=', 'password_reset')
    .execute();
}

describe('per-recipient limit on sign-up emails', () => {
  it('answers three sign-ups for one address alike and sends one verification email', async () => {
    const victim = 'victim@mail.example';
    const bystander = 'bystander@mail.example';
    const fromOneIp = '10.30.0.1';
    const answers = [
      await signUp(victim, fromOneIp),
      await signUp(victim, fromOneIp),
      await signUp(victim, fromOneIp),
    ];
    const other = await signUp(bystander, fromOneIp);
    for (const answer of [...answers, other]) {
      expect(answer.statusCode, answer.body).toBe(202);
      expect(answer.body).toBe(answers[0]?.body);
    }
    await runJobs();

    const sent = await outboxTo(victim);
    expect(sent.map((email) => email.template)).toEqual(['signup-verification']);
    // Another address is not held back by the victim's count.
    expect((await outboxTo(bystander)).map((email) => email.template)).toEqual(['signup-verification']);

    // The held-back jobs wrote no new link: the one emailed still verifies the address.
    const token = /token=([\w-]+)/.exec(sent[0]?.body_text ?? '')?.[1] ?? '';
    const verified = await post('/v1/signup/verify', { token });
    expect(verified.statusCode, verified.body).toBe(200);

    // Operators see why, at warn, with the address masked.
    const lines = suppressedLines('signup-verification');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line.level).toBe(40);
      expect(line.emailSuppressed).toMatchObject({ recipient: 'v***@mail.example', reason: 'cooldown' });
      expect(JSON.stringify(line)).not.toContain(victim);
    }
  });
});

describe('per-recipient limit on password-reset emails', () => {
  it('sends one email for two requests, and its link still works', async () => {
    const { database, partnerId } = harness();
    const admin = await createActiveAdmin(database.db, partnerId);
    const first = await requestReset(admin.email);
    const second = await requestReset(admin.email);
    expect([first.statusCode, second.statusCode]).toEqual([202, 202]);
    expect(second.body).toBe(first.body);
    await runJobs();

    const sent = await outboxTo(admin.email);
    expect(sent).toHaveLength(1);
    // The held-back request created no token the person never receives, and voided none.
    expect(await resetTokenRows(admin.id)).toEqual([expect.objectContaining({ used_at: null })]);
    const confirmed = await post('/v1/auth/password-reset/confirm', {
      token: resetToken(sent[0]?.body_text),
      password: 'another long password',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(204);
  });

  it('sends again once the cooldown has passed, and the newest link is the valid one', async () => {
    const { database, partnerId } = harness();
    const admin = await createActiveAdmin(database.db, partnerId);
    await requestReset(admin.email);
    await runJobs();
    await endCooldown(database.db, admin.email);
    await requestReset(admin.email);
    await runJobs();

    const sent = await outboxTo(admin.email);
    expect(sent).toHaveLength(2);
    const [older, newer] = sent.map((email) => resetToken(email.body_text));
    const password = 'another long password';
    const stale = await post('/v1/auth/password-reset/confirm', { token: older ?? '', password });
    expect(stale.statusCode).toBe(400);
    const fresh = await post('/v1/auth/password-reset/confirm', { token: newer ?? '', password });
    expect(fresh.statusCode, fresh.body).toBe(204);
  });

  it('holds back the email after the daily number even between cooldowns', async () => {
    const { database, partnerId } = harness();
    const admin = await createActiveAdmin(database.db, partnerId);
    for (let round = 0; round < PER_DAY + 1; round += 1) {
      expect((await requestReset(admin.email)).statusCode).toBe(202);
      await runJobs();
      await endCooldown(database.db, admin.email);
    }
    expect(await outboxTo(admin.email)).toHaveLength(PER_DAY);
    expect(await resetTokenRows(admin.id)).toHaveLength(PER_DAY);
    expect(suppressedLines('password_reset').at(-1)?.emailSuppressed).toMatchObject({
      reason: 'daily_limit',
    });
  });

  it('shares one budget between sign-up and reset emails to one address', async () => {
    const { database, partnerId } = harness();
    const admin = await createActiveAdmin(database.db, partnerId);
    // The admin's address signs up for a free account too: whichever job runs first sends.
    await signUp(admin.email);
    await requestReset(admin.email);
    await runJobs();
    expect(await outboxTo(admin.email)).toHaveLength(1);
  });

  it('keeps the per-IP limit on reset requests', async () => {
    const fromOneIp = '10.40.0.1';
    const statuses: number[] = [];
    for (let index = 0; index < 11; index += 1) {
      statuses.push((await requestReset(`someone-${index}@mail.example`, fromOneIp)).statusCode);
    }
    expect(statuses.slice(0, 10).every((status) => status === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('per-recipient limit on re-sent admin invites', () => {
  async function invite(email: string) {
    const { app, auth, tokens } = harness();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/admins',
      headers: auth(tokens.partnerFull),
      payload: { email, role: 'partner_readonly_admin' },
    });
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { id: string }).id;
  }
  function resend(adminId: string) {
    const { app, auth, tokens } = harness();
    return app.inject({
      method: 'POST',
      url: `/v1/admins/${adminId}/invite`,
      headers: { ...auth(tokens.partnerFull), 'accept-language': 'nl' },
    });
  }
  /** Moves the account's invite links back in time, as if `minutes` had gone by. */
  async function age(adminId: string, minutes: number): Promise<void> {
    await harness()
      .database.db.updateTable('action_tokens')
      .set({ created_at: sql<Date>`created_at - make_interval(mins => ${minutes})` })
      .where('subject_id', '=', adminId)
      .execute();
  }
  const inviteToken = (body: string | undefined) => /\/invite\/([\w-]+)/.exec(body ?? '')?.[1] ?? '';

  it('refuses a re-send within the cooldown with 429, and the link already sent still works', async () => {
    const email = `invitee-${randomUUID().slice(0, 8)}@partner.example`;
    const adminId = await invite(email);
    const refused = await resend(adminId);
    expect(refused.statusCode, refused.body).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(200);
    expect(refused.json()).toMatchObject({
      message: 'Er is kort geleden al een uitnodiging naar dit adres gestuurd. Probeer het later opnieuw.',
    });
    const sent = await outboxTo(email);
    expect(sent).toHaveLength(1);
    const accepted = await post('/v1/auth/accept-invite', {
      token: inviteToken(sent[0]?.body_text),
      password: 'a long enough password',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it('re-sends after the cooldown, up to the daily number', async () => {
    const email = `invitee-${randomUUID().slice(0, 8)}@partner.example`;
    const adminId = await invite(email);
    for (let resends = 1; resends < PER_DAY; resends += 1) {
      await age(adminId, 6);
      expect((await resend(adminId)).statusCode).toBe(200);
    }
    await age(adminId, 6);
    expect((await resend(adminId)).statusCode).toBe(429);
    expect(await outboxTo(email)).toHaveLength(PER_DAY);
    // A day after the first, the count starts again.
    await age(adminId, 24 * 60);
    expect((await resend(adminId)).statusCode).toBe(200);
  });
});

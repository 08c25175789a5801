// Sign-up must not tell which emails are users anywhere in the deployment, by its text or by its
// timing: the request only validates and queues a `sign-up` job; the lookups and writes are the
// job's. No timing is measured here: the request is shown not to touch the users and free-account
// tables at all (they are renamed away while it runs), and its job to be still queued when it has
// answered. After the jobs have run, each kind of email got the work it should.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { withLifecycleTables } from '../../src/db/repositories/lifecycle-schema.ts';
import { SIGNUP_JOB } from '../../src/services/accounts/free-accounts.ts';
import { createTestCustomer } from '../helpers/factories.ts';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' } });

async function createUser(email: string): Promise<void> {
  const { app, database, partnerId, auth, tokens } = harness();
  const customer = await createTestCustomer(database.db, partnerId, { provision: true });
  const response = await app.inject({
    method: 'POST',
    url: `/v1/customers/${customer.id}/users`,
    headers: auth(tokens.partnerFull),
    payload: { email, firstName: 'Uma', lastName: 'User', package: 'webex_meetings' },
  });
  expect(response.statusCode, response.body).toBe(201);
}

function signUp(email: string, url = '/v1/signup') {
  return harness().app.inject({
    method: 'POST',
    url,
    payload: { email, firstName: 'Sanne', lastName: 'Signup' },
  });
}

/** Runs `work` while the tables a sign-up looks emails up in cannot be reached by any query. */
async function withoutEmailTables<T>(work: () => Promise<T>): Promise<T> {
  const { db } = harness().database;
  await sql`alter table users rename to users_hidden_from_signup`.execute(db);
  await sql`alter table free_accounts rename to free_accounts_hidden_from_signup`.execute(db);
  try {
    return await work();
  } finally {
    await sql`alter table free_accounts_hidden_from_signup rename to free_accounts`.execute(db);
    await sql`alter table users_hidden_from_signup rename to users`.execute(db);
  }
}

async function signUpJobs(email: string) {
  const jobs = await harness()
    .database.db.selectFrom('jobs')
    .select(['id', 'status', 'payload'])
    .where('kind', '=', SIGNUP_JOB)
    .execute();
  return jobs.filter((job) => (job.payload as { email?: string }).email === email);
}

async function outboxTo(email: string) {
  return harness()
    .database.db.selectFrom('outbox_emails')
    .select(['template', 'body_text'])
    .where('to_address', '=', email)
    .execute();
}

async function freeAccount(email: string) {
  return withLifecycleTables(harness().database.db)
    .selectFrom('free_accounts')
    .select(['id', 'status', 'source', 'first_name'])
    .where('email', '=', email)
    .executeTakeFirst();
}

describe('POST /v1/signup', () => {
  it('answers alike for a user email and an unknown one without reading users or free accounts', async () => {
    const { drainJobs } = harness();
    await drainJobs();
    const userEmail = 'uma.user@customer.example';
    const newEmail = 'nina.new@free.example';
    await createUser(userEmail);
    await drainJobs();

    const [known, unknown, knownWebPath] = await withoutEmailTables(async () => [
      await signUp(userEmail),
      await signUp(newEmail),
      await signUp(userEmail.toUpperCase(), '/v1/auth/signup'),
    ]);
    expect(known.statusCode, known.body).toBe(202);
    expect(unknown.statusCode, unknown.body).toBe(202);
    expect(knownWebPath.statusCode, knownWebPath.body).toBe(202);
    expect(known.body).toBe(unknown.body);

    // Answered before any work: each request's job waits in the queue, nothing is written yet.
    for (const email of [userEmail, newEmail]) {
      const jobs = await signUpJobs(email);
      expect(jobs.length).toBeGreaterThan(0);
      expect(jobs.every((job) => job.status === 'queued')).toBe(true);
      expect(await outboxTo(email)).toEqual([]);
    }
    expect(await freeAccount(newEmail)).toBeUndefined();

    await drainJobs();

    // The user's email: no free account, no email. The new one: an unverified account and its link.
    expect(await freeAccount(userEmail)).toBeUndefined();
    expect(await outboxTo(userEmail)).toEqual([]);
    const account = await freeAccount(newEmail);
    expect(account).toMatchObject({ status: 'unverified', source: 'signup', first_name: 'Sanne' });
    const [email] = await outboxTo(newEmail);
    expect(email?.template).toBe('signup-verification');
    const token = /token=([\w-]+)/.exec(email?.body_text ?? '')?.[1] ?? '';
    const verified = await harness().app.inject({
      method: 'POST',
      url: '/v1/signup/verify',
      payload: { token },
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ email: newEmail, status: 'active' });
    for (const job of [...(await signUpJobs(userEmail)), ...(await signUpJobs(newEmail))]) {
      expect(job.status).toBe('succeeded');
    }
    // The job's audit row names the job and the request that asked.
    const audit = await harness()
      .database.db.selectFrom('audit_events')
      .select(['action', 'job_id', 'request_id'])
      .where('target_id', '=', account?.id ?? '')
      .where('action', '=', 'account.signup')
      .executeTakeFirst();
    expect(audit?.job_id).toEqual((await signUpJobs(newEmail))[0]?.id);
    expect(audit?.request_id).toBe(unknown.headers.trackingid);
  });

  it('answers alike for an active free account: it gets no new link', async () => {
    const { drainJobs } = harness();
    const email = 'fay.free@free.example';
    expect((await signUp(email)).statusCode).toBe(202);
    await drainJobs();
    const [link] = await outboxTo(email);
    const token = /token=([\w-]+)/.exec(link?.body_text ?? '')?.[1] ?? '';
    await harness().app.inject({ method: 'POST', url: '/v1/signup/verify', payload: { token } });

    const again = await withoutEmailTables(() => signUp(email));
    expect(again.statusCode).toBe(202);
    expect((await signUpJobs(email)).at(-1)?.status).toBe('queued');
    await drainJobs();
    expect(await outboxTo(email)).toHaveLength(1);
  });

  it('still refuses a malformed email at once, before queueing anything', async () => {
    const response = await signUp('not-an-email');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ code: 'invalid_email', field: 'email' }] });
    expect(await signUpJobs('not-an-email')).toEqual([]);
  });
});

// The operator's GDPR erasure (SPEC §1, ADR 0024 "Operator erasure"): a person who never joined a
// customer (a free account created by the operator, a self sign-up) is erased from the whole
// deployment: the audit log's deployment-level rows, the outbox, the free account and its
// verification link; a person known to one partner and probed by another is erased from both
// partners' logs. Only the operator may ask; a partner still erases only the people it had, and
// everyone else's data stays exactly as it was.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { withLifecycleTables } from '../../src/db/repositories/lifecycle-schema.ts';
import type { AuditEventRow } from '../../src/db/schema.ts';
import type { CustomerView } from '../../src/services/customers/customer-view.ts';
import { SIGNUP_JOB, signUp as runSignUp } from '../../src/services/accounts/free-accounts.ts';
import type { SignUpRequest } from '../../src/services/accounts/sign-up-request.ts';
import { tombstoneOf } from '../../src/services/privacy/erasure-engine.ts';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken, createPartner, createTestCustomer } from '../helpers/factories.ts';
import { runSignUpJobs } from '../helpers/sign-up-jobs.ts';

const harness = useTestApp();

interface DeploymentErasure {
  tombstone: string;
  erasedEvents: number;
  erasedEmails: number;
  deletedFreeAccounts: number;
  erasedImportRows: number;
  deletedImportFiles: number;
  cancelledImports: number;
  partners: number;
  stillHeldBy: { users: number; admins: number };
}

let customer: CustomerView;
let otherPartnerId: string;
let otherPartnerToken: string;
let otherCustomer: CustomerView;

beforeAll(async () => {
  const { database, partnerId } = harness();
  customer = await createTestCustomer(database.db, partnerId, { provision: true });
  otherPartnerId = await createPartner(database.db, 'Other Partner');
  otherPartnerToken = await createApiToken(database.db, {
    partnerId: otherPartnerId,
    role: 'partner_full_admin',
  });
  otherCustomer = await createTestCustomer(database.db, otherPartnerId, { provision: true });
});

async function createFree(email: string, firstName?: string): Promise<string> {
  const { app, auth, tokens } = harness();
  const created = await app.inject({
    method: 'POST',
    url: '/v1/accounts/free',
    headers: auth(tokens.operator),
    payload: { email, ...(firstName ? { firstName, lastName: 'Vrij' } : {}) },
  });
  expect(created.statusCode, created.body).toBe(201);
  return (created.json() as { id: string }).id;
}

async function signUp(email: string): Promise<void> {
  const signedUp = await harness().app.inject({
    method: 'POST',
    url: '/v1/signup',
    payload: { email, firstName: 'Sanne', lastName: 'Signup' },
  });
  expect(signedUp.statusCode, signedUp.body).toBe(202);
  // The sign-up's work is a job (ADR 0002); only it runs: the email it queues stays undelivered.
  await runSignUpJobs(harness().database.db);
}

async function addUser(customerId: string, token: string, email: string) {
  return harness().app.inject({
    method: 'POST',
    url: `/v1/customers/${customerId}/users`,
    headers: harness().auth(token),
    payload: { email, firstName: 'Piet', lastName: 'Persoon', package: 'webex_meetings' },
  });
}

async function eraseEverywhere(email: string, token = harness().tokens.operator) {
  return harness().app.inject({
    method: 'POST',
    url: '/v1/erasures',
    headers: harness().auth(token),
    payload: { email },
  });
}

/** Every row of the deployment that still names the address, table by table. */
async function rowsNaming(email: string): Promise<Record<string, number>> {
  const { db } = harness().database;
  const pattern = `%${email}%`;
  const audit = await db
    .selectFrom('audit_events')
    .select(sql<number>`count(*)::int`.as('count'))
    .where((eb) =>
      eb.or([
        eb('actor_label', 'ilike', pattern),
        eb('target_id', 'ilike', pattern),
        eb(sql<string>`before::text`, 'ilike', pattern),
        eb(sql<string>`after::text`, 'ilike', pattern),
      ]),
    )
    .executeTakeFirstOrThrow();
  const outbox = await db
    .selectFrom('outbox_emails')
    .select(sql<number>`count(*)::int`.as('count'))
    .where((eb) =>
      eb.or([
        eb('to_address', 'ilike', pattern),
        eb('subject', 'ilike', pattern),
        eb('body_text', 'ilike', pattern),
      ]),
    )
    .executeTakeFirstOrThrow();
  const freeAccounts = await withLifecycleTables(db)
    .selectFrom('free_accounts')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(sql<string>`lower(email)`, '=', email)
    .executeTakeFirstOrThrow();
  return { audit: audit.count, outbox: outbox.count, freeAccounts: freeAccounts.count };
}

async function auditRows(where: { targetId?: string; partnerId?: string | null }): Promise<AuditEventRow[]> {
  let query = harness().database.db.selectFrom('audit_events').selectAll().orderBy('id');
  if (where.targetId !== undefined) query = query.where('target_id', '=', where.targetId);
  if (where.partnerId !== undefined)
    query =
      where.partnerId === null
        ? query.where('partner_id', 'is', null)
        : query.where('partner_id', '=', where.partnerId);
  return query.execute();
}

describe('POST /v1/erasures', () => {
  it("erases a free account and a sign-up that never joined a customer, and nobody else's data", async () => {
    const { app, database } = harness();
    const createdFree = 'gdpr1@free.example';
    const signedUp = 'gdpr2@free.example';
    const bystander = 'bystander@free.example';
    const freeId = await createFree(createdFree, 'Gerda');
    await signUp(signedUp);
    await signUp(bystander);
    await createFree('bystander2@free.example', 'Bert');
    const verification = await database.db
      .selectFrom('outbox_emails')
      .select(['body_text'])
      .where('to_address', '=', signedUp)
      .executeTakeFirstOrThrow();
    const token = /token=([^\s]+)/.exec(verification.body_text)?.[1];
    expect(token).toBeTruthy();
    const signUpId = (
      await withLifecycleTables(database.db)
        .selectFrom('free_accounts')
        .select('id')
        .where('email', '=', signedUp)
        .executeTakeFirstOrThrow()
    ).id;
    expect(await rowsNaming(createdFree)).toEqual({ audit: 1, outbox: 0, freeAccounts: 1 });
    expect(await rowsNaming(signedUp)).toEqual({ audit: 1, outbox: 1, freeAccounts: 1 });
    const bystanderBefore = {
      one: await rowsNaming(bystander),
      two: await rowsNaming('bystander2@free.example'),
    };
    const deploymentRowsBefore = (await auditRows({ partnerId: null })).filter(
      (row) => row.target_id !== freeId && row.target_id !== signUpId,
    );

    const first = await eraseEverywhere(createdFree);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({
      tombstone: tombstoneOf(createdFree),
      erasedEvents: 1,
      erasedEmails: 0,
      deletedFreeAccounts: 1,
      erasedImportRows: 0,
      deletedImportFiles: 0,
      cancelledImports: 0,
      partners: 0,
      stillHeldBy: { users: 0, admins: 0 },
    } satisfies DeploymentErasure);
    const second = await eraseEverywhere(' GDPR2@free.example ');
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ erasedEvents: 1, erasedEmails: 1, deletedFreeAccounts: 1 });

    for (const email of [createdFree, signedUp]) {
      expect(await rowsNaming(email)).toEqual({ audit: 0, outbox: 0, freeAccounts: 0 });
    }
    // The facts stay: who created which account when; the personal fields became the tombstone.
    const [created] = await auditRows({ targetId: freeId });
    expect(created).toMatchObject({
      action: 'account.create_free',
      after: { email: tombstoneOf(createdFree) },
    });
    const [signUpEvent] = await auditRows({ targetId: signUpId });
    expect(signUpEvent).toMatchObject({
      action: 'account.signup',
      actor_label: `signup:${tombstoneOf(signedUp)}`,
      after: { email: tombstoneOf(signedUp) },
    });
    const outgoing = await database.db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('to_address', '=', tombstoneOf(signedUp))
      .executeTakeFirstOrThrow();
    expect(outgoing).toMatchObject({ status: 'failed', last_error: 'recipient erased' });
    // The verification link that was emailed no longer makes an account.
    const verified = await app.inject({ method: 'POST', url: '/v1/signup/verify', payload: { token } });
    expect(verified.statusCode).toBeGreaterThanOrEqual(400);

    // The erasure is audited at deployment level, with counts and the tombstone only.
    const erasures = (await auditRows({ partnerId: null })).filter((row) => row.action === 'person.erase');
    expect(erasures.map((row) => row.target_id)).toEqual([tombstoneOf(createdFree), tombstoneOf(signedUp)]);
    expect(erasures[0]?.after).toMatchObject({
      erasedEvents: 1,
      deletedFreeAccounts: 1,
      scope: 'deployment',
    });
    expect(JSON.stringify(erasures)).not.toMatch(/gdpr[12]@/);

    // Nobody else's data moved.
    expect({
      one: await rowsNaming(bystander),
      two: await rowsNaming('bystander2@free.example'),
    }).toEqual(bystanderBefore);
    const deploymentRowsAfter = (await auditRows({ partnerId: null })).filter(
      (row) => row.target_id !== freeId && row.target_id !== signUpId && row.action !== 'person.erase',
    );
    expect(deploymentRowsAfter).toEqual(deploymentRowsBefore);

    // Erasing again finds nothing more.
    expect((await eraseEverywhere(createdFree)).json()).toMatchObject({
      erasedEvents: 0,
      erasedEmails: 0,
      deletedFreeAccounts: 0,
    });
  });

  it("erases a person from every partner's log: a user of one partner, probed by another", async () => {
    const { tokens, partnerId } = harness();
    const person = 'probed.person@customer.example';
    const added = await addUser(customer.id, tokens.partnerFull, person);
    expect(added.statusCode, added.body).toBe(201);
    const probe = await addUser(otherCustomer.id, otherPartnerToken, person);
    expect(probe.statusCode, probe.body).toBe(409);
    const probes = (await auditRows({ targetId: person })).filter(
      (row) => row.action === 'user.email_taken_probe',
    );
    expect(probes.map((row) => row.partner_id)).toEqual([otherPartnerId]);

    const erased = await eraseEverywhere(person);
    expect(erased.statusCode, erased.body).toBe(200);
    const result = erased.json<DeploymentErasure>();
    expect(result).toMatchObject({
      partners: 2,
      deletedFreeAccounts: 0,
      stillHeldBy: { users: 1, admins: 0 },
    });
    expect(result.erasedEvents).toBeGreaterThanOrEqual(2);
    expect(await rowsNaming(person)).toEqual({ audit: 0, outbox: 0, freeAccounts: 0 });
    // Each partner's log says the operator erased someone there, without naming them.
    for (const id of [partnerId, otherPartnerId]) {
      const [event] = (await auditRows({ partnerId: id })).filter((row) => row.action === 'person.erase');
      expect(event).toMatchObject({ target_id: tombstoneOf(person), actor_type: 'token' });
    }
  });

  it('erases a free account waiting to move into a customer; the pending user stays with its partner', async () => {
    const { tokens, database } = harness();
    const person = 'moving.person@free.example';
    await createFree(person, 'Mona');
    const added = await addUser(customer.id, tokens.partnerFull, person);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ status: 'pending_user_migration' });
    expect((await rowsNaming(person)).outbox).toBe(1);

    const erased = await eraseEverywhere(person);
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toMatchObject({
      deletedFreeAccounts: 1,
      partners: 1,
      erasedEmails: 1,
      stillHeldBy: { users: 1, admins: 0 },
    });
    expect(await rowsNaming(person)).toEqual({ audit: 0, outbox: 0, freeAccounts: 0 });
    const consent = await database.db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('to_address', '=', tombstoneOf(person))
      .executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ template: 'consent-move', status: 'failed' });
    const user = await database.db
      .selectFrom('users')
      .select(['status'])
      .where('email', '=', person)
      .executeTakeFirstOrThrow();
    expect(user.status).toBe('pending_user_migration');
  });

  it('is refused to everyone but the operator, who erases nothing then', async () => {
    const { app, database, tokens } = harness();
    const person = 'kept.person@free.example';
    await createFree(person, 'Karel');
    const customerAdmin = await createApiToken(database.db, {
      partnerId: harness().partnerId,
      customerId: customer.id,
      role: 'customer_full_admin',
    });
    for (const token of [tokens.partnerFull, tokens.partnerReadonly, otherPartnerToken, customerAdmin]) {
      const refused = await eraseEverywhere(person, token);
      expect(refused.statusCode, refused.body).toBe(404);
    }
    const anonymous = await app.inject({ method: 'POST', url: '/v1/erasures', payload: { email: person } });
    expect(anonymous.statusCode).toBe(401);
    expect(await rowsNaming(person)).toEqual({ audit: 1, outbox: 0, freeAccounts: 1 });
  });

  it("keeps a partner's own erasure to the people it had: a free account is not theirs", async () => {
    const { app, auth, tokens, partnerId } = harness();
    const person = 'never.a.user@free.example';
    await createFree(person, 'Nina');
    await signUp('never.signed@free.example');
    const erased = await app.inject({
      method: 'POST',
      url: `/v1/partners/${partnerId}/erasures`,
      headers: auth(tokens.partnerFull),
      payload: { email: person },
    });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toMatchObject({ erasedEvents: 0, erasedEmails: 0 });
    const signUpErased = await app.inject({
      method: 'POST',
      url: `/v1/partners/${partnerId}/erasures`,
      headers: auth(tokens.partnerFull),
      payload: { email: 'never.signed@free.example' },
    });
    expect(signUpErased.json()).toMatchObject({ erasedEvents: 0, erasedEmails: 0 });
    expect(await rowsNaming(person)).toEqual({ audit: 1, outbox: 0, freeAccounts: 1 });
    expect(await rowsNaming('never.signed@free.example')).toEqual({ audit: 1, outbox: 1, freeAccounts: 1 });
  });

  it('cancels a sign-up still queued for the person, which would create the account after the erasure', async () => {
    const { app, database } = harness();
    const person = 'queued.signup@free.example';
    const asked = await app.inject({
      method: 'POST',
      url: '/v1/signup',
      payload: { email: person, firstName: 'Quinten', lastName: 'Queued' },
    });
    expect(asked.statusCode, asked.body).toBe(202);

    const erased = await eraseEverywhere(person);
    expect(erased.statusCode, erased.body).toBe(200);
    await runSignUpJobs(database.db);

    expect(await rowsNaming(person)).toEqual({ audit: 0, outbox: 0, freeAccounts: 0 });
    const jobs = await database.db
      .selectFrom('jobs')
      .select(['status', sql<string>`payload::text`.as('payload')])
      .where('kind', '=', 'sign-up')
      .where(sql<string>`payload::text`, 'ilike', '%queued%')
      .execute();
    expect(jobs).toEqual([]);
    const cancelled = await database.db
      .selectFrom('jobs')
      .select(['status', sql<string>`payload::text`.as('payload')])
      .where('kind', '=', 'sign-up')
      .where(sql<string>`payload->>'email'`, '=', tombstoneOf(person))
      .execute();
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]?.status).toBe('cancelled');
    expect(cancelled[0]?.payload).not.toContain('Quinten');
  });

  it('leaves a sign-up job running at the time of the erasure nothing to create', async () => {
    const { app, database } = harness();
    const person = 'running.signup@free.example';
    const asked = await app.inject({
      method: 'POST',
      url: '/v1/signup',
      payload: { email: person, firstName: 'Rosa', lastName: 'Running' },
    });
    expect(asked.statusCode, asked.body).toBe(202);
    // A worker claimed the job (and read its payload) before the erasure came.
    const job = await database.db
      .updateTable('jobs')
      .set({ status: 'running' })
      .where('kind', '=', SIGNUP_JOB)
      .where('status', '=', 'queued')
      .where(sql<string>`payload->>'email'`, '=', person)
      .returning(['id', 'payload'])
      .executeTakeFirstOrThrow();
    const claimed = (
      typeof job.payload === 'string' ? JSON.parse(job.payload) : job.payload
    ) as SignUpRequest;

    const erased = await eraseEverywhere(person);
    expect(erased.statusCode, erased.body).toBe(200);
    await runSignUp(database.db, claimed, job.id);

    expect(await rowsNaming(person)).toEqual({ audit: 0, outbox: 0, freeAccounts: 0 });
    const scrubbed = await database.db
      .selectFrom('jobs')
      .select(sql<string>`payload::text`.as('payload'))
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(scrubbed.payload).not.toContain('running.signup');
    expect(scrubbed.payload).not.toContain('Rosa');
    // A worker that takes the job over later reads the tombstone and does nothing either.
    await runSignUp(database.db, { ...claimed, email: tombstoneOf(person) }, job.id);
    expect(await rowsNaming(person)).toEqual({ audit: 0, outbox: 0, freeAccounts: 0 });
  });

  it('reaches a user stored with a look-alike address before such addresses were refused (ADR 0083)', async () => {
    const { tokens, database } = harness();
    const added = await addUser(customer.id, tokens.partnerFull, 'lookalike.person@customer.example');
    expect(added.statusCode, added.body).toBe(201);
    const stored = 'look\u200balike.person@customer.example';
    await database.db
      .updateTable('users')
      .set({ email: stored })
      .where('email', '=', 'lookalike.person@customer.example')
      .execute();
    const erased = await eraseEverywhere(stored);
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json<DeploymentErasure>().stillHeldBy).toEqual({ users: 1, admins: 0 });
  });

  it('answers 400 to an address that is no email', async () => {
    const refused = await eraseEverywhere('not-an-email');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('invalid_email');
  });
});

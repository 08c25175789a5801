// ADR 0077: a SCIM user write with a free email (the common case) reads the token's probe budget
// and looks the email up without the token's lock; only an email held by another customer takes
// the locked step. A second connection holds the token's lock: a write with a free email completes
// meanwhile, one with a taken email waits for it. Waits are read from pg_stat_activity, not timed.
// Real parallel connections: PostgreSQL only.
import { sql } from 'kysely';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';
import { lockWaiters } from '../helpers/lock-waiters.ts';
import { createScimCustomer, scimUser, SCIM_JSON, type ScimCustomer } from './scim-harness.ts';

const testApp = useTestApp();
const HELD_EMAIL = 'held@scim-unlocked.example';

/** Holds the token's probe lock in a transaction of its own until `release` is called. */
async function holdProbeLock(database: Database, tokenId: string) {
  let release = (): void => undefined;
  let held = (): void => undefined;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const done = database.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`email-probes:${tokenId}`}, 0))`.execute(trx);
    held();
    await new Promise<void>((resolve) => (release = resolve));
  });
  await Promise.race([holding, done]);
  return {
    async release() {
      release();
      await done;
    },
  };
}

/** Whether a statement of this database waits for a lock before `work` settles. */
async function waitsForALock(database: Database, work: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void work.finally(() => (settled = true)).catch(() => undefined);
  while (!settled) {
    const { rows } = await sql<{ waiting: number }>`
      select count(*)::int as waiting from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(database.db);
    if ((rows[0]?.waiting ?? 0) > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

describe.runIf(inject('testDatabase').kind === 'postgres')('a SCIM write and the token probe lock', () => {
  let scim: ScimCustomer;
  let tokenId = '';

  beforeAll(async () => {
    const harness = testApp();
    const other = await createTestCustomer(harness.database.db, harness.partnerId, { provision: true });
    const added = await harness.app.inject({
      method: 'POST',
      url: `/v1/customers/${other.id}/users`,
      headers: harness.auth(harness.tokens.partnerFull),
      payload: { email: HELD_EMAIL, firstName: 'Held', lastName: 'Elsewhere', package: 'webex_meetings' },
    });
    expect(added.statusCode, added.body).toBe(201);
    scim = await createScimCustomer(harness);
    const { rows } = await sql<{ id: string }>`
      select id from scim_tokens where customer_id = ${scim.customerId}`.execute(harness.database.db);
    tokenId = rows[0]?.id ?? '';
    expect(tokenId).not.toBe('');
  });

  const post = (userName: string, email: string) =>
    testApp().app.inject({
      method: 'POST',
      url: `${scim.base}/Users`,
      headers: { authorization: `Bearer ${scim.token}`, 'content-type': SCIM_JSON },
      payload: JSON.stringify(scimUser(userName, { emails: [{ value: email, primary: true }] })),
    });

  it('creates a user with a free email while the token probe lock is held elsewhere', async () => {
    const { database } = testApp();
    const lock = await holdProbeLock(database, tokenId);
    const write = post('free', 'free@scim-unlocked.example');
    let waited: boolean;
    try {
      waited = await waitsForALock(database, write);
    } finally {
      await lock.release();
    }
    expect(waited).toBe(false);
    const answered = await write;
    expect(answered.statusCode, answered.body).toBe(201);
  });

  it('waits for the token probe lock with an email of another customer, then records it', async () => {
    const { database } = testApp();
    const lock = await holdProbeLock(database, tokenId);
    const write = post('taken', HELD_EMAIL);
    try {
      await lockWaiters(database, 1);
    } finally {
      await lock.release();
    }
    const answered = await write;
    expect(answered.statusCode, answered.body).toBe(409);
    const probes = await database.db
      .selectFrom('audit_events')
      .select('target_id')
      .where('action', '=', 'user.email_taken_probe')
      .where('actor_id', '=', tokenId)
      .execute();
    expect(probes.map((probe) => probe.target_id)).toEqual([HELD_EMAIL]);
  });
});

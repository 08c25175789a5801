// ADR 0077: a SCIM user write with a free email (the common case) reads the token's probe budget
// and looks the email up without the token's lock; only an email held by another customer takes
// the locked step. A second connection holds the token's lock: a write with a free email completes
// meanwhile, one with a taken email waits for it. Waits are read from pg_stat_activity, not timed.
// Real parallel connections: PostgreSQL only.
import { sql } from 'kysely';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';
import { holdLockInTransaction, lockWaiters, waitsForALock } from '../helpers/lock-waiters.ts';
import { createScimCustomer, scimUser, SCIM_JSON, type ScimCustomer } from './scim-harness.ts';

const testApp = useTestApp();
const HELD_EMAIL = 'held@scim-unlocked.example';

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
    const lock = await holdLockInTransaction(database, (trx) =>
      sql`select pg_advisory_xact_lock(hashtextextended(${`email-probes:${tokenId}`}, 0))`.execute(trx),
    );
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
    const lock = await holdLockInTransaction(database, (trx) =>
      sql`select pg_advisory_xact_lock(hashtextextended(${`email-probes:${tokenId}`}, 0))`.execute(trx),
    );
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

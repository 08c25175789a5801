// SPEC §5, ADR 0077: a SCIM user write with an email of another customer is a probe, limited per
// token. The budget check, the lookup and the probe's record are one step per token, taken before
// the write's transaction: a write waits for another step of its token, then sees that step's
// probes, so a burst of parallel writes cannot all pass a budget none of them had used yet.
// A second connection holds the token's lock; waits are observed in pg_stat_activity, never timed.
// Real parallel connections: PostgreSQL only.
import { sql } from 'kysely';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../src/services/access/actor.ts';
import {
  EMAIL_PROBE_ACTION,
  EMAIL_PROBES_PER_MINUTE,
  recordEmailProbes,
} from '../../src/services/provisioning/email-probes.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';
import { lockWaiters } from '../helpers/lock-waiters.ts';
import { createScimCustomer, scimUser, SCIM_JSON } from './scim-harness.ts';

const testApp = useTestApp();
const HELD = Array.from({ length: 2 * EMAIL_PROBES_PER_MINUTE }, (_, n) => `held${n}@scim-burst.example`);
let otherCustomerId = '';
let tokens = 0;

beforeAll(async () => {
  const { app, database, partnerId, tokens: apiTokens, auth } = testApp();
  otherCustomerId = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
  for (const email of HELD) {
    const added = await app.inject({
      method: 'POST',
      url: `/v1/customers/${otherCustomerId}/users`,
      headers: auth(apiTokens.partnerFull),
      payload: { email, firstName: 'Held', lastName: 'Elsewhere', package: 'webex_meetings' },
    });
    expect(added.statusCode, added.body).toBe(201);
  }
});

/** A customer with directory sync on and a fresh SCIM token: its actor and a POST /Users. */
async function scimToken() {
  const harness = testApp();
  const scim = await createScimCustomer(harness);
  tokens += 1;
  const created = await harness.app.inject({
    method: 'POST',
    url: `/v1/customers/${scim.customerId}/scim-tokens`,
    headers: harness.auth(harness.tokens.partnerFull),
    payload: { name: `burst ${tokens}` },
  });
  expect(created.statusCode, created.body).toBe(201);
  const { token, tokenInfo } = created.json() as { token: string; tokenInfo: { id: string } };
  const actor: Actor = {
    type: 'scim_token',
    id: tokenInfo.id,
    label: `burst ${tokens}`,
    role: 'customer_full_admin',
    partnerId: harness.partnerId,
    customerId: scim.customerId,
  };
  const post = (userName: string, email: string) =>
    harness.app.inject({
      method: 'POST',
      url: `${scim.base}/Users`,
      headers: { authorization: `Bearer ${token}`, 'content-type': SCIM_JSON },
      payload: JSON.stringify(scimUser(userName, { emails: [{ value: email, primary: true }] })),
    });
  const probes = async () =>
    (
      await harness.database.db
        .selectFrom('audit_events')
        .select('target_id')
        .where('action', '=', EMAIL_PROBE_ACTION)
        .where('actor_id', '=', tokenInfo.id)
        .execute()
    ).length;
  return { customerId: scim.customerId, actor, post, probes };
}

describe.runIf(inject('testDatabase').kind === 'postgres')('SCIM user writes and the probe budget', () => {
  it("waits for its token's probe step in hand, then counts that step's probes", async () => {
    const { database, partnerId } = testApp();
    const scim = await scimToken();
    // Another request of the same token is in its probe step: it holds the token's lock and is
    // about to record the budget's worth of probes.
    let release = (): void => undefined;
    let held = (): void => undefined;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const other = database.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`email-probes:${scim.actor.id}`}, 0))`.execute(
        trx,
      );
      held();
      await new Promise<void>((resolve) => (release = resolve));
      await recordEmailProbes(
        { db: trx, actor: scim.actor, requestId: 'held-step', locale: 'en' },
        { partnerId, customerId: scim.customerId },
        HELD.slice(0, EMAIL_PROBES_PER_MINUTE),
      );
    });
    await Promise.race([holding, other]);

    const write = scim.post('waiting', HELD[EMAIL_PROBES_PER_MINUTE] ?? '');
    try {
      await lockWaiters(database, 1); // the write waits for the token's step before checking its budget
    } finally {
      release();
      await other;
    }
    const answered = await write;
    expect(answered.statusCode, answered.body).toBe(429);
    // Refused before its lookup: nothing more recorded, nothing created.
    expect(await scim.probes()).toBe(EMAIL_PROBES_PER_MINUTE);
    const created = await database.db
      .selectFrom('users')
      .select('id')
      .where('customer_id', '=', scim.customerId)
      .execute();
    expect(created).toEqual([]);
  });

  it("holds no token's lock while it waits for the customer, and records an email taken meanwhile", async () => {
    const { app, database, tokens: apiTokens, auth } = testApp();
    const scim = await scimToken();
    // Another writer of the customer holds its usage lock (ADR 0073).
    let release = (): void => undefined;
    let held = (): void => undefined;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const writer = database.db.transaction().execute(async (trx) => {
      await sql`select id from customers where id = ${scim.customerId} for no key update`.execute(trx);
      held();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await Promise.race([holding, writer]);

    const email = 'taken-meanwhile@scim-burst.example';
    const write = scim.post('meanwhile', email); // free when its probe step looks it up
    try {
      await lockWaiters(database, 1); // the write waits for the customer's usage lock
      // Its probe step is over: the token's lock is free, so no cycle with the usage lock can form.
      const { rows } = await sql<{ free: boolean }>`
        select pg_try_advisory_xact_lock(hashtextextended(${`email-probes:${scim.actor.id}`}, 0)) as free`.execute(
        database.db,
      );
      expect(rows[0]?.free).toBe(true);
      // Another customer takes the email while the write waits.
      const added = await app.inject({
        method: 'POST',
        url: `/v1/customers/${otherCustomerId}/users`,
        headers: auth(apiTokens.partnerFull),
        payload: { email, firstName: 'Quick', lastName: 'Elsewhere', package: 'webex_meetings' },
      });
      expect(added.statusCode, added.body).toBe(201);
    } finally {
      release();
      await writer;
    }
    const answered = await write;
    expect(answered.statusCode, answered.body).toBe(409);
    expect(answered.json()).toMatchObject({ scimType: 'uniqueness' });
    expect(await scim.probes()).toBe(1);
  });

  it('answers at most the budget of parallel writes "taken", the rest 429', async () => {
    const scim = await scimToken();
    const answers = await Promise.all(HELD.map((email, n) => scim.post(`burst-${n}`, email)));
    const statuses = answers.map((answer) => answer.statusCode);
    const taken = statuses.filter((status) => status === 409).length;
    expect(taken).toBeLessThanOrEqual(EMAIL_PROBES_PER_MINUTE);
    expect(taken + statuses.filter((status) => status === 429).length).toBe(HELD.length);
    // The one over the budget is recorded too (it was looked up), then answered 429.
    expect(await scim.probes()).toBeLessThanOrEqual(EMAIL_PROBES_PER_MINUTE + 1);
  });
});

describe('a SCIM write with an email of another customer', () => {
  it('is recorded once as a probe, and a free email is not', async () => {
    const scim = await scimToken();
    const taken = await scim.post('taken', HELD[0] ?? '');
    expect(taken.statusCode, taken.body).toBe(409);
    expect(taken.json()).toMatchObject({ scimType: 'uniqueness' });
    expect(await scim.probes()).toBe(1);
    const free = await scim.post('free', 'free@scim-burst.example');
    expect(free.statusCode, free.body).toBe(201);
    expect(await scim.probes()).toBe(1);
  });
});

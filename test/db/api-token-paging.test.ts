// The API tokens list pages like the imports and SCIM tokens lists: oldest first on the stored
// (created_at, id), the cursor carrying the time to the microsecond and the id breaking ties. Tokens
// created in one instant are each shown once across pages; tokens a microsecond apart come in
// their order (a list compared on milliseconds put them in id order). On PostgreSQL, a page after
// a cursor reads an index of migration 0021 in the list's order and sorts nothing, for a partner's
// list, a customer's and the operator's.
import { sql } from 'kysely';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { listApiTokens } from '../../src/db/repositories/api-tokens.ts';
import type { Actor } from '../../src/services/access/actor.ts';
import { listTokenViews } from '../../src/services/tokens/token-service.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { planOf } from '../helpers/query-plan.ts';
import { createPartner, createTestCustomer, operatorContext } from '../helpers/factories.ts';

const SAME_INSTANT = '2026-03-01T08:00:00.123456Z';
/** Ids in the order the list shows tokens of one instant. */
const TIED_IDS = [1, 2, 3, 4, 5, 6, 7].map((n) => `10000000-0000-4000-8000-00000000000${n}`);
/** Created a microsecond after the tied ones (the same millisecond) with an id that sorts first. */
const LATER_ID = '00000000-0000-4000-8000-000000000001';

describe('the API tokens list', () => {
  const database = useTestDatabase();
  let partnerId = '';

  beforeAll(async () => {
    const { db } = database();
    partnerId = await createPartner(db);
    const tokens = [
      ...TIED_IDS.map((id, n) => ({ id, name: `tied ${n + 1}`, at: SAME_INSTANT })),
      { id: LATER_ID, name: 'a microsecond later', at: '2026-03-01T08:00:00.123457Z' },
    ];
    // Inserted in reverse, so no order of insertion can stand in for the list's order.
    for (const token of tokens.reverse()) {
      await sql`insert into api_tokens (id, partner_id, name, role, token_hash, prefix, created_at)
        values (${token.id}::uuid, ${partnerId}::uuid, ${token.name}, 'partner_readonly_admin',
          ${`hash-${token.id}`}, 'wh_', ${token.at}::timestamptz)`.execute(db);
    }
  });

  it('pages tokens created in one instant each once, in (created, id) order, then the later one', async () => {
    const actor: Partial<Actor> = { role: 'partner_full_admin' };
    const context = operatorContext(database().db, partnerId, actor);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const result = await listTokenViews(context, { cursor, limit: 3 });
      seen.push(...result.items.map((token) => token.name));
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
    expect(seen).toEqual([...TIED_IDS.map((_, n) => `tied ${n + 1}`), 'a microsecond later']);
  });
});

const ROWS = 2000;

describe.runIf(inject('testDatabase').kind === 'postgres')('plans of API token pages', () => {
  const database = useTestDatabase();
  let partnerId = '';
  let customerId = '';

  beforeAll(async () => {
    const { db } = database();
    partnerId = await createPartner(db);
    const otherPartner = await createPartner(db);
    customerId = (await createTestCustomer(db, partnerId)).id;
    const otherCustomer = (await createTestCustomer(db, partnerId)).id;
    for (const [partner, customer] of [
      [partnerId, customerId],
      [partnerId, otherCustomer],
      [otherPartner, null],
    ] as const) {
      await sql`insert into api_tokens (partner_id, customer_id, name, role, token_hash, prefix, created_at)
        select ${partner}::uuid, ${customer}::uuid, 'token ' || n,
          ${customer === null ? 'partner_full_admin' : 'customer_full_admin'},
          md5(${partner}::text || coalesce(${customer}::text, '') || n), 'wh_',
          '2026-01-01'::timestamptz + (n / 3) * interval '1 microsecond'
        from generate_series(1, ${ROWS}) as n`.execute(db);
    }
    await sql`analyze api_tokens`.execute(db);
  });

  const after = { at: '2026-01-01T00:00:00.000300Z', id: '80000000-0000-4000-8000-000000000000' };

  it("a partner's page after a cursor reads its index forwards, the cursor its condition, no sort", async () => {
    const plan = await planOf(database().db, (executor) =>
      listApiTokens(executor, { partnerId, customerId: null }, { after, limit: 50 }),
    );
    expect(plan).toMatch(/Index Scan using api_tokens_partner_created on api_tokens/);
    expect(plan).toMatch(/Index Cond: \(\(partner_id = .*\) AND \(ROW\(created_at, id\) > ROW\(/);
    expect(plan).not.toMatch(/Sort/);
    expect(plan).not.toMatch(/Filter:/);
  });

  it("a customer's page (its admin's, or a Control Hub page) reads the customer's index, no sort", async () => {
    for (const [scope, filter] of [
      [{ partnerId, customerId }, {}],
      [{ partnerId: null, customerId: null }, { customerId }],
    ] as const) {
      const plan = await planOf(database().db, (executor) =>
        listApiTokens(executor, scope, { after, limit: 50, ...filter }),
      );
      // With a partner too, PostgreSQL may read the partner's index and filter the customer: both
      // plans page on the cursor in the index's order, which is what matters (no sort).
      expect(plan).toMatch(/Index Scan using api_tokens_(customer|partner)_created on api_tokens/);
      expect(plan).toMatch(
        /Index Cond: \(\((customer|partner)_id = .*\) AND \(ROW\(created_at, id\) > ROW\(/,
      );
      expect(plan).not.toMatch(/Sort/);
    }
  });

  it("the operator's page of all tokens reads the index on (created_at, id), no sort", async () => {
    const plan = await planOf(database().db, (executor) =>
      listApiTokens(executor, { partnerId: null, customerId: null }, { after, limit: 50 }),
    );
    expect(plan).toMatch(/Index Scan using api_tokens_created on api_tokens/);
    expect(plan).toMatch(/Index Cond: \(ROW\(created_at, id\) > ROW\(/);
    expect(plan).not.toMatch(/Sort/);
  });
});

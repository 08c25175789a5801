// The imports and SCIM tokens lists page on the stored (created_at, id): PostgreSQL's plan of a
// page after a cursor reads the customer's index in the list's order (the cursor as an index
// condition) and sorts nothing. Comparing truncated times instead (date_trunc) left the index
// serving the customer only, with a filter and a full sort of the customer's rows on every page.
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { listImports } from '../../src/db/repositories/import-jobs.ts';
import { listScimTokens } from '../../src/db/repositories/scim-tokens.ts';
import { planOf } from '../helpers/query-plan.ts';
import { usePlanCustomers } from '../helpers/plan-customers.ts';

const ROWS = 3000;

describe.runIf(inject('testDatabase').kind === 'postgres')('plans of the paged lists', () => {
  const { database, customerId } = usePlanCustomers(
    async (db, owner) => {
      await sql`insert into imports (partner_id, customer_id, behaviour, actor, created_at)
        select ${owner.partnerId}::uuid, ${owner.customerId}::uuid, 'add-only', '{}'::jsonb,
          '2026-01-01'::timestamptz + n * interval '1 microsecond'
        from generate_series(1, ${ROWS}) as n`.execute(db);
      await sql`insert into scim_tokens (customer_id, name, token_hash, prefix, created_at)
        select ${owner.customerId}::uuid, 'token ' || n, md5(${owner.customerId}::text || n), 'scim_', 
          '2026-01-01'::timestamptz + n * interval '1 microsecond'
        from generate_series(1, ${ROWS}) as n`.execute(db);
    },
    ['imports', 'scim_tokens'],
  );

  const cursor = { at: '2026-01-01T00:00:00.001500Z', id: '80000000-0000-4000-8000-000000000000' };

  it('an imports page after a cursor reads the index backwards, the cursor its condition, no sort', async () => {
    const plan = await planOf(database().db, (executor) =>
      listImports(executor, customerId(), { limit: 50, before: cursor }),
    );
    expect(plan).toMatch(/Index Scan Backward using imports_customer_created on imports/);
    expect(plan).toMatch(/Index Cond: \(\(customer_id = .*\) AND \(ROW\(created_at, id\) < ROW\(/);
    expect(plan).not.toMatch(/Sort/);
    // The cursor is no filter over the rows read; only uploads still being stored are left out.
    expect(plan.match(/Filter: .*/g) ?? []).toEqual(['Filter: (job_id IS NOT NULL)']);
  });

  it('the first imports page reads the index backwards with no sort', async () => {
    const plan = await planOf(database().db, (executor) =>
      listImports(executor, customerId(), { limit: 50 }),
    );
    expect(plan).toMatch(/Index Scan Backward using imports_customer_created on imports/);
    expect(plan).not.toMatch(/Sort/);
  });

  it('a SCIM tokens page after a cursor reads the index forwards, the cursor its condition, no sort', async () => {
    const plan = await planOf(database().db, (executor) =>
      listScimTokens(executor, customerId(), { limit: 50, after: cursor }),
    );
    expect(plan).toMatch(/Index Scan using scim_tokens_customer_created on scim_tokens/);
    expect(plan).toMatch(/Index Cond: \(\(customer_id = .*\) AND \(ROW\(created_at, id\) > ROW\(/);
    expect(plan).not.toMatch(/Sort/);
    expect(plan).not.toMatch(/Filter:/);
  });

  it('pages of rows a microsecond apart meet end to end: the cursor carries the microseconds', async () => {
    const { db } = database();
    const seen: string[] = [];
    let after: { at: string; id: string } | null = null;
    for (let page = 0; page < 3; page += 1) {
      const rows = await listScimTokens(db, customerId(), { limit: 7, after });
      const shown = rows.slice(0, 7);
      seen.push(...shown.map((row) => row.name));
      const last = shown[shown.length - 1];
      if (!last) break;
      expect(last.cursor_at).toMatch(/^2026-01-01T00:00:00\.\d{6}Z$/);
      after = { at: last.cursor_at, id: last.id };
    }
    expect(seen).toEqual(Array.from({ length: 21 }, (_, n) => `token ${n + 1}`));
  });
});

// The users list's page by offset (ADR 0094) reads the customer's email index in the list's order
// and stops after offset + max rows: no sort of the customer's users. The count reads no other
// customer's rows.
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { countListedUsers, listUsers } from '../../src/db/repositories/users.ts';
import { usePlanCustomers } from '../helpers/plan-customers.ts';
import { planOf } from '../helpers/query-plan.ts';

const ROWS = 3000;

describe.runIf(inject('testDatabase').kind === 'postgres')('plan of a users page by offset', () => {
  const { database, customerId } = usePlanCustomers(
    async (db, owner) => {
      await sql`insert into users (customer_id, email)
      select ${owner.customerId}::uuid, 'user-' || n || '@' || ${owner.customerId}::text || '.example'
      from generate_series(1, ${ROWS}) as n`.execute(db);
    },
    ['users'],
  );

  it('reads the email index in order with the offset in the limit, no sort', async () => {
    const plan = await planOf(database().db, (executor) =>
      listUsers(executor, customerId(), { after: null, offset: 1500, limit: 50 }),
    );
    expect(plan).toMatch(/Index Scan using users_customer_email on users/);
    expect(plan).toMatch(/Index Cond: \(customer_id = /);
    expect(plan).toMatch(/^Limit/);
    expect(plan).not.toMatch(/Sort/);
  });

  it('skips to the same rows a cursor reaches', async () => {
    const { db } = database();
    const byOffset = await listUsers(db, customerId(), { after: null, offset: 100, limit: 10 });
    const before = await listUsers(db, customerId(), { after: null, limit: 99 });
    const last = before[99];
    expect(last).toBeDefined();
    const byCursor = await listUsers(db, customerId(), {
      after: { key: last?.email.toLowerCase() ?? '', id: last?.id ?? '' },
      limit: 10,
    });
    expect(byOffset.map((row) => row.id)).toEqual(byCursor.map((row) => row.id));
    expect(await countListedUsers(db, customerId(), {})).toBe(ROWS);
    expect(await countListedUsers(db, customerId(), { search: 'user-1' })).toBe(1111);
  });
});

// A write that fails half-way leaves nothing behind: the service's one transaction holds the
// rows, the audit entry, the outbox email and the job. The failure is injected in the database
// (a trigger), so it strikes after the earlier inserts of the same request have run.
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { useTestApp } from '../helpers/app.ts';

const TABLES = [
  'customers',
  'customer_packages',
  'locations',
  'admin_accounts',
  'action_tokens',
  'outbox_emails',
  'audit_events',
  'jobs',
] as const;

async function counts(db: Kysely<DB>): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await sql<{ count: number }>`select count(*)::int as count from ${sql.table(table)}`.execute(
      db,
    );
    result[table] = row.rows[0]?.count ?? -1;
  }
  return result;
}

async function failInsertsOn(db: Kysely<DB>, table: string, condition: string): Promise<void> {
  await sql
    .raw(
      `create function inject_failure_${table}() returns trigger language plpgsql as $$
       begin
         if ${condition} then raise exception 'injected failure'; end if;
         return new;
       end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger inject_failure before insert on ${table}
       for each row execute function inject_failure_${table}()`,
    )
    .execute(db);
}

describe('a failed write leaves no partial rows', () => {
  const harness = useTestApp();

  it('create customer whose first location fails: no customer, packages, audit row or job', async () => {
    const { app, auth, tokens, database } = harness();
    await failInsertsOn(database.db, 'locations', `new.name = 'Explode'`);
    const before = await counts(database.db);
    const response = await app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: auth(tokens.partnerFull),
      payload: {
        name: 'Half Written BV',
        externalId: 'HALF-1',
        adminEmail: 'admin@half.example',
        country: 'NL',
        packages: [{ id: 'webex_calling' }, { id: 'webex_meetings' }],
        firstLocation: { name: 'Explode', country: 'NL', timeZone: 'Europe/Amsterdam' },
      },
    });
    expect(response.statusCode).toBe(500);
    expect(response.json().errors[0].code).toBe('internal');
    expect(response.body).not.toContain('injected failure');
    expect(await counts(database.db)).toEqual(before);
    const customer = await database.db
      .selectFrom('customers')
      .select('id')
      .where('external_id', '=', 'HALF-1')
      .executeTakeFirst();
    expect(customer).toBeUndefined();
  });

  it('invite whose email cannot be queued: no account, invite token or audit row', async () => {
    const { app, auth, tokens, database } = harness();
    await failInsertsOn(database.db, 'outbox_emails', `new.to_address like 'explode%'`);
    const before = await counts(database.db);
    const response = await app.inject({
      method: 'POST',
      url: '/v1/admins',
      headers: auth(tokens.partnerFull),
      payload: { email: 'explode@partner.example', role: 'partner_readonly_admin' },
    });
    expect(response.statusCode).toBe(500);
    expect(await counts(database.db)).toEqual(before);
    // The same request without the failure goes through: the test is about the failure alone.
    const fine = await app.inject({
      method: 'POST',
      url: '/v1/admins',
      headers: auth(tokens.partnerFull),
      payload: { email: 'fine@partner.example', role: 'partner_readonly_admin' },
    });
    expect(fine.statusCode).toBe(201);
    const after = await counts(database.db);
    expect(after.admin_accounts).toBe((before.admin_accounts ?? 0) + 1);
    expect(after.outbox_emails).toBe((before.outbox_emails ?? 0) + 1);
  });
});

// Migration 0014 makes partner names unique (ignoring case and surrounding spaces): a deployment
// whose API let namesakes in keeps every partner, the oldest of each group keeps its name, the
// others get the first free " (n)" suffix, and from then on the index refuses a namesake.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { sqlState } from '../../src/services/db-errors.ts';
import { openEmptyDatabase } from '../helpers/empty-database.ts';
import { applyMigrationsBefore } from '../helpers/migrations-before.ts';

const UNIQUE_NAMES = '0014_unique_partner_names.sql';
const target = inject('testDatabase');

let database: Database;

/** The schema as a deployment had it before 0014. */
async function databaseBefore0014(): Promise<Database> {
  const opened = await openEmptyDatabase();
  await applyMigrationsBefore(opened, UNIQUE_NAMES);
  return opened;
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const LONG = 'L'.repeat(200);

// [id, name, created at]: the order of insertion is not the order of creation.
const STORED: ReadonlyArray<readonly [string, string, string]> = [
  [id(5), ' acme', '2026-01-03'],
  [id(1), 'Acme', '2026-01-01'],
  [id(4), 'ACME ', '2026-01-02'],
  [id(2), 'Acme (2)', '2025-12-01'],
  [id(7), 'Beta', '2026-02-01'],
  [id(6), 'beta', '2026-02-01'],
  [id(8), 'Gamma', '2026-03-01'],
  [id(9), LONG, '2026-04-01'],
  [id(10), LONG.toLowerCase(), '2026-04-02'],
];

beforeAll(async () => {
  database = await databaseBefore0014();
  const values = STORED.map(([key, name, at]) => `('${key}', '${name}', '${at}T00:00:00Z')`).join(', ');
  await database.withScriptConnection((run) =>
    run(`insert into partners (id, name, created_at) values ${values}`),
  );
  expect(await migrate(database)).toContain(UNIQUE_NAMES);
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe(`migration 0014 on ${target.kind}`, () => {
  it('keeps the oldest name of each group and suffixes the others with the first free number', async () => {
    const rows = await database.db.selectFrom('partners').select(['id', 'name']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: id(1), name: 'Acme' },
      { id: id(2), name: 'Acme (2)' },
      { id: id(4), name: 'ACME (3)' },
      { id: id(5), name: 'acme (4)' },
      { id: id(6), name: 'beta' },
      { id: id(7), name: 'Beta (2)' },
      { id: id(8), name: 'Gamma' },
      { id: id(9), name: LONG },
      { id: id(10), name: `${'l'.repeat(196)} (2)` },
    ]);
  });

  it('audits each rename as a system change of the partner', async () => {
    const events = await database.db
      .selectFrom('audit_events')
      .select(['target_id', 'actor_type', 'action', 'before', 'after'])
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      {
        target_id: id(4),
        actor_type: 'system',
        action: 'partner.update',
        before: { name: 'ACME ' },
        after: { name: 'ACME (3)' },
      },
      {
        target_id: id(5),
        actor_type: 'system',
        action: 'partner.update',
        before: { name: ' acme' },
        after: { name: 'acme (4)' },
      },
      {
        target_id: id(7),
        actor_type: 'system',
        action: 'partner.update',
        before: { name: 'Beta' },
        after: { name: 'Beta (2)' },
      },
      {
        target_id: id(10),
        actor_type: 'system',
        action: 'partner.update',
        before: { name: LONG.toLowerCase() },
        after: { name: `${'l'.repeat(196)} (2)` },
      },
    ]);
  });

  it('refuses a namesake afterwards, whatever its case or surrounding spaces', async () => {
    for (const name of ['gamma', ' GAMMA ', 'acme (3)']) {
      const error = await database.db
        .insertInto('partners')
        .values({ name })
        .execute()
        .then(
          () => null,
          (caught: unknown) => caught,
        );
      expect(sqlState(error), name).toBe('23505');
    }
    await database.db.insertInto('partners').values({ name: 'Gamma 2' }).execute();
  });
});

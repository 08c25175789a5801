// Migration 0007 moves stored row results (one row per CSV row) into per-batch documents: the
// results of imports made before it must read back unchanged, through the same repository.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { listImportRows } from '../../src/db/repositories/import-jobs.ts';
import { applyMigrationsBefore } from '../helpers/migrations-before.ts';

const FIRST_WITH_BATCHES = '0007_import_row_batches.sql';

let database: Database;

/** A database as a deployment had it before 0007 (no data dir: in memory). */
async function databaseBefore0007(): Promise<Database> {
  const opened = await openDatabase({ kind: 'pglite', dataDir: null });
  await applyMigrationsBefore(opened, FIRST_WITH_BATCHES);
  return opened;
}

beforeAll(async () => {
  database = await databaseBefore0007();
}, 60_000);

afterAll(async () => {
  await database.close();
});

describe('migration 0007: row results per batch', () => {
  it('keeps every stored row result, in order, with its issues, changes and cells', async () => {
    const ids = await database.withScriptConnection(async (run) => {
      const [partner] = await run(`insert into partners (name) values ('P') returning id`);
      const [customer] = await run(
        `insert into customers (partner_id, name, external_id, admin_email, country)
         values ('${String(partner?.id)}', 'C', 'C-1', 'admin@c.example', 'NL') returning id`,
      );
      const [imp] = await run(
        `insert into imports (partner_id, customer_id, behaviour, actor, counts, headers, file_warnings)
         values ('${String(partner?.id)}', '${String(customer?.id)}', 'add-only', '{}', '{}', '[]', '[]') returning id`,
      );
      const importId = String(imp?.id);
      // 2,500 rows: three batches after the move (rows 2–1001, 1002–2001, 2002–2501).
      await run(
        `insert into import_rows (import_id, row_number, line, email, action, status, issues, changes, cells)
         select '${importId}', n, n, 'u' || n || '@c.example',
           case when n % 500 = 0 then 'error' when n % 7 = 0 then 'modify' else 'add' end,
           case when n % 500 = 0 then 'error' when n % 300 = 0 then 'warning' else 'ok' end,
           case when n % 500 = 0 then '[{"severity":"error","code":"invalid_email","column":"email"}]'::jsonb end,
           case when n % 7 = 0 then '[{"field":"title","before":"a","after":"b"}]'::jsonb end,
           case when n % 500 = 0 then '["bad", "x"]'::jsonb end
         from generate_series(2, 2501) as n`,
      );
      return { importId };
    });

    expect(await migrate(database)).toContain(FIRST_WITH_BATCHES);

    const all = await listImportRows(database.db, ids.importId, { limit: 5000 });
    expect(all.map((row) => row.row_number)).toEqual(Array.from({ length: 2500 }, (_, index) => index + 2));
    expect(all.find((row) => row.row_number === 1000)).toEqual({
      import_id: ids.importId,
      row_number: 1000,
      line: 1000,
      email: 'u1000@c.example',
      action: 'error',
      status: 'error',
      issues: [{ severity: 'error', code: 'invalid_email', column: 'email' }],
      changes: null,
      cells: ['bad', 'x'],
    });
    expect(all.find((row) => row.row_number === 7)?.changes).toEqual([
      { field: 'title', before: 'a', after: 'b' },
    ]);

    const errors = await listImportRows(database.db, ids.importId, { status: 'error', limit: 100 });
    expect(errors.map((row) => row.row_number)).toEqual([500, 1000, 1500, 2000, 2500]);
    const pageAfter = await listImportRows(database.db, ids.importId, {
      status: 'error',
      afterRow: 1000,
      limit: 2,
    });
    expect(pageAfter.map((row) => row.row_number)).toEqual([1500, 2000]);
    const warnings = await listImportRows(database.db, ids.importId, { status: 'warning', limit: 100 });
    expect(warnings.map((row) => row.row_number)).toEqual([300, 600, 900, 1200, 1800, 2100, 2400]);
  }, 60_000);
});

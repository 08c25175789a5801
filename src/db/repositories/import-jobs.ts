// SQL for import jobs: the import row and its state, the stored file (chunks), per-row results.
// Every statement that reads by import id also names the customer.
import { sql } from 'kysely';
import type { Executor } from '../../services/context.ts';
import {
  withImportTables,
  type ImportCounts,
  type ImportResultRow,
  type ImportRow,
  type ImportDB,
  type ImportStatus,
  type ImportsTable,
  type ImportRowsTable,
} from './import-schema.ts';
import type { Insertable, UpdateObject } from 'kysely';
import { columnList, unnestRows, type UnnestColumn } from './unnest-rows.ts';

export async function insertImport(executor: Executor, values: Insertable<ImportsTable>): Promise<ImportRow> {
  return withImportTables(executor)
    .insertInto('imports')
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findImport(
  executor: Executor,
  customerId: string,
  importId: string,
): Promise<ImportRow | undefined> {
  return withImportTables(executor)
    .selectFrom('imports')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('id', '=', importId)
    .executeTakeFirst();
}

/** For the job handler, which knows only the import id from its payload. */
export async function findImportById(executor: Executor, importId: string): Promise<ImportRow | undefined> {
  return withImportTables(executor)
    .selectFrom('imports')
    .selectAll()
    .where('id', '=', importId)
    .executeTakeFirst();
}

export async function listImports(
  executor: Executor,
  customerId: string,
  page: { limit: number; before?: { createdAt: Date; id: string } | undefined },
): Promise<ImportRow[]> {
  let query = withImportTables(executor)
    .selectFrom('imports')
    .selectAll()
    .where('customer_id', '=', customerId);
  if (page.before) {
    const { createdAt, id } = page.before;
    query = query.where(sql<boolean>`(created_at, id) < (${createdAt}, ${id})`);
  }
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export async function updateImport(
  executor: Executor,
  importId: string,
  values: UpdateObject<ImportDB, 'imports'>,
  onlyFrom?: readonly ImportStatus[],
): Promise<ImportRow | undefined> {
  let query = withImportTables(executor)
    .updateTable('imports')
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', importId);
  if (onlyFrom) query = query.where('status', 'in', onlyFrom);
  return query.returningAll().executeTakeFirst();
}

export async function saveProgress(
  executor: Executor,
  importId: string,
  rowsDone: number,
  counts: ImportCounts,
  appliedThroughRow?: number,
): Promise<void> {
  await withImportTables(executor)
    .updateTable('imports')
    .set({
      rows_done: rowsDone,
      counts: JSON.stringify(counts),
      ...(appliedThroughRow !== undefined ? { applied_through_row: appliedThroughRow } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', importId)
    .execute();
}

export async function insertFileChunk(
  executor: Executor,
  importId: string,
  seq: number,
  data: Uint8Array,
): Promise<void> {
  await withImportTables(executor)
    .insertInto('import_file_chunks')
    .values({ import_id: importId, seq, data })
    .execute();
}

/** The stored file, chunk by chunk: one query per chunk keeps memory flat. */
export async function* readFileChunks(executor: Executor, importId: string): AsyncGenerator<Uint8Array> {
  for (let seq = 0; ; seq += 1) {
    const row = await withImportTables(executor)
      .selectFrom('import_file_chunks')
      .select('data')
      .where('import_id', '=', importId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    if (!row) return;
    yield row.data;
  }
}

export async function deleteFileChunks(executor: Executor, importId: string): Promise<void> {
  await withImportTables(executor)
    .deleteFrom('import_file_chunks')
    .where('import_id', '=', importId)
    .execute();
}

export type NewImportResultRow = Insertable<ImportRowsTable>;

const RESULT_COLUMNS: readonly UnnestColumn<NewImportResultRow>[] = [
  { name: 'import_id', type: 'uuid', value: (row) => row.import_id },
  { name: 'row_number', type: 'integer', value: (row) => row.row_number },
  { name: 'line', type: 'integer', value: (row) => row.line },
  { name: 'email', type: 'text', value: (row) => row.email },
  { name: 'action', type: 'text', value: (row) => row.action },
  { name: 'status', type: 'text', value: (row) => row.status },
  { name: 'issues', type: 'jsonb', value: (row) => jsonText(row.issues) },
  { name: 'changes', type: 'jsonb', value: (row) => jsonText(row.changes) },
  { name: 'cells', type: 'jsonb', value: (row) => jsonText(row.cells) },
];

/** The stored JSON columns arrive serialized already (see toResultRow). */
function jsonText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Idempotent: a batch re-run after a crash overwrites the results it wrote before. */
export async function upsertImportRows(
  executor: Executor,
  rows: readonly NewImportResultRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into import_rows (${columnList(RESULT_COLUMNS)})
    ${unnestRows(RESULT_COLUMNS, rows)}
    on conflict (import_id, row_number) do update set
      line = excluded.line, email = excluded.email, action = excluded.action, status = excluded.status,
      issues = excluded.issues, changes = excluded.changes, cells = excluded.cells`.execute(executor);
}

export async function deleteImportRows(executor: Executor, importId: string, fromRow = 0): Promise<void> {
  await withImportTables(executor)
    .deleteFrom('import_rows')
    .where('import_id', '=', importId)
    .where('row_number', '>', fromRow)
    .execute();
}

export async function listImportRows(
  executor: Executor,
  importId: string,
  filter: { status?: 'ok' | 'warning' | 'error' | undefined; afterRow?: number | undefined; limit: number },
): Promise<ImportResultRow[]> {
  let query = withImportTables(executor)
    .selectFrom('import_rows')
    .selectAll()
    .where('import_id', '=', importId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.afterRow !== undefined) query = query.where('row_number', '>', filter.afterRow);
  return query.orderBy('row_number').limit(filter.limit).execute();
}

/** Dry runs of a customer left unapplied for 24 h become `cancelled` (failure `expired`). */
export async function expireDryRuns(executor: Executor, customerId: string): Promise<number> {
  const result = await withImportTables(executor)
    .updateTable('imports')
    .set({ status: 'cancelled', failure: 'expired', finished_at: sql`now()`, updated_at: sql`now()` })
    .where('customer_id', '=', customerId)
    .where('status', '=', 'validated')
    .where('expires_at', '<', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

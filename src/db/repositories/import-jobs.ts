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
  type StoredResultRow,
} from './import-schema.ts';
import type { Insertable, UpdateObject } from 'kysely';
import type { InstantPosition } from '../../services/checked-cursor.ts';
import { CURSOR_AT } from './instant-cursor.ts';

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

/** The uploader as stored now (`imports.actor`): an erasure may have replaced its label since. */
export async function findImportActor(executor: Executor, importId: string): Promise<unknown> {
  const row = await withImportTables(executor)
    .selectFrom('imports')
    .select('actor')
    .where('id', '=', importId)
    .executeTakeFirst();
  return row?.actor;
}

/** For the job handler, which knows only the import id from its payload. */
export async function findImportById(executor: Executor, importId: string): Promise<ImportRow | undefined> {
  return withImportTables(executor)
    .selectFrom('imports')
    .selectAll()
    .where('id', '=', importId)
    .executeTakeFirst();
}

/**
 * A page of a customer's imports, newest first: the `limit + 1` before the cursor's (created, id).
 * Compared and ordered on the stored `(created_at, id)`, so the index on (customer_id, created_at,
 * id) serves the filter and the order (read backwards), with no sort per page (migration 0019).
 */
export async function listImports(
  executor: Executor,
  customerId: string,
  page: { limit: number; before?: InstantPosition | null | undefined },
): Promise<(ImportRow & { cursor_at: string })[]> {
  let query = withImportTables(executor)
    .selectFrom('imports')
    .selectAll()
    .select(CURSOR_AT)
    .where('customer_id', '=', customerId)
    // An upload still being stored (or left by a process that stopped mid-upload) has no job yet:
    // it is no import a partner can follow or apply, and `queued` would say it waits (ADR 0084).
    .where('job_id', 'is not', null);
  if (page.before) {
    const { at, id } = page.before;
    query = query.where(sql<boolean>`(created_at, id) < (${at}::timestamptz, ${id}::uuid)`);
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

/**
 * Stores one chunk of an upload in progress, in a statement (and transaction) of its own, and
 * only while the import is still being uploaded: `queued` without a job (the job comes with the
 * last step, finishUpload). False when it is not (cancelled, or its file erased, meanwhile): then
 * nothing is stored. Short statements let other requests use the database between two chunks
 * (PGlite has one connection: an upload in one transaction held it for the whole upload).
 */
export async function insertUploadChunk(
  executor: Executor,
  importId: string,
  seq: number,
  data: Uint8Array,
): Promise<boolean> {
  const result = await sql`
    insert into import_file_chunks (import_id, seq, data)
    select id, ${seq}::int, ${data}::bytea from imports
    where id = ${importId} and status = 'queued' and job_id is null`.execute(executor);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/**
 * The upload's last step (in the transaction that queues its job): the import gets its job and
 * size, but only if it is still being uploaded and holds exactly the `chunks` stored. Undefined
 * when not: the caller discards the upload.
 */
export async function finishUpload(
  executor: Executor,
  importId: string,
  upload: { chunks: number; bytes: number; jobId: string },
): Promise<ImportRow | undefined> {
  return withImportTables(executor)
    .updateTable('imports')
    .set({ file_bytes: upload.bytes, job_id: upload.jobId, updated_at: sql`now()` })
    .where('id', '=', importId)
    .where('status', '=', 'queued')
    .where('job_id', 'is', null)
    .where(
      sql<boolean>`(select count(*) from import_file_chunks c where c.import_id = ${importId}::uuid) = ${upload.chunks}`,
    )
    .returningAll()
    .executeTakeFirst();
}

/**
 * Deletes an upload that did not finish, with its chunks (on delete cascade): an import that never
 * got its job. Answers whether there was one.
 */
export async function discardUpload(executor: Executor, importId: string): Promise<boolean> {
  const result = await withImportTables(executor)
    .deleteFrom('imports')
    .where('id', '=', importId)
    .where('job_id', 'is', null)
    .where('status', 'in', ['queued', 'cancelled'])
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Uploads of a customer that a process that stopped mid-upload left behind (no job, begun
 * `olderThanHours` ago): deleted with their chunks, as a failed upload is.
 */
export async function discardAbandonedUploads(
  executor: Executor,
  customerId: string,
  olderThanHours: number,
): Promise<number> {
  const result = await withImportTables(executor)
    .deleteFrom('imports')
    .where('customer_id', '=', customerId)
    .where('job_id', 'is', null)
    .where('status', 'in', ['queued', 'cancelled'])
    .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${olderThanHours})`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The stored file, chunk by chunk: one query per chunk keeps memory flat. */
export async function* readFileChunks(executor: Executor, importId: string): AsyncGenerator<Uint8Array> {
  for (let seq = 0; ; seq += 1) {
    // As base64, not bytea's hex text: 1.4 instead of 2 characters a byte to send, and to decode.
    // An import reads its file twice, and hex was ~5 % of a dry run (ADR 0017).
    const row = await withImportTables(executor)
      .selectFrom('import_file_chunks')
      .select(sql<string>`encode(data, 'base64')`.as('data'))
      .where('import_id', '=', importId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    if (!row) return;
    yield Buffer.from(row.data, 'base64');
  }
}

export async function deleteFileChunks(executor: Executor, importId: string): Promise<void> {
  await withImportTables(executor)
    .deleteFrom('import_file_chunks')
    .where('import_id', '=', importId)
    .execute();
}

/**
 * Stores the results of one batch of rows (in row order) as one document. Idempotent: a batch
 * re-run after a crash replaces what it wrote before.
 */
export interface BatchProgress {
  /** Rows of the file done so far, and their counts per action (this batch included). */
  readonly rowsDone: number;
  readonly counts: ImportCounts;
  /** Apply: the last row of the batch, the point a resumed run starts after. */
  readonly appliedThroughRow?: number;
}

/**
 * Stores one batch's row results (one document per batch) and the import's progress, in one
 * statement and only while the import is still `whileStatus`: false when it is not (cancelled),
 * and then nothing is stored. `relaxedCommit` turns synchronous_commit off for the enclosing
 * transaction (see commitBatch in run-import.ts) without a round trip of its own.
 */
export async function saveBatchResults(
  executor: Executor,
  importId: string,
  rows: readonly ImportResultRow[],
  progress: BatchProgress,
  whileStatus: ImportStatus,
  relaxedCommit = false,
): Promise<boolean> {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return true;
  let errorRows = 0;
  let warningRows = 0;
  const stored = rows.map((row): StoredResultRow => {
    if (row.status === 'error') errorRows += 1;
    else if (row.status === 'warning') warningRows += 1;
    return [row.row_number, row.line, row.email, row.action, row.status, row.issues, row.changes, row.cells];
  });
  const appliedThrough = progress.appliedThroughRow ?? null;
  const settings = relaxedCommit ? sql`, set_config('synchronous_commit', 'off', true)` : sql``;
  const result = await sql<{ stored: number }>`
    with progress as (
      update imports set rows_done = ${progress.rowsDone}, counts = ${JSON.stringify(progress.counts)}::jsonb,
        applied_through_row = coalesce(${appliedThrough}::int, applied_through_row), updated_at = now()
      where id = ${importId} and status = ${whileStatus}
      returning id
    ), results as (
      insert into import_row_batches
        (import_id, first_row, last_row, row_count, error_rows, warning_rows, rows)
      select id, ${first.row_number}, ${last.row_number}, ${rows.length}, ${errorRows}, ${warningRows},
        ${JSON.stringify(stored)}::json
      from progress
      on conflict (import_id, first_row) do update set last_row = excluded.last_row,
        row_count = excluded.row_count, error_rows = excluded.error_rows,
        warning_rows = excluded.warning_rows, rows = excluded.rows
      returning import_id
    )
    select count(*)::int as stored${settings} from results`.execute(executor);
  return (result.rows[0]?.stored ?? 0) > 0;
}

/** Drops the results of rows after `fromRow` (all of them by default). */
export async function deleteImportRows(executor: Executor, importId: string, fromRow = 0): Promise<void> {
  await withImportTables(executor)
    .deleteFrom('import_row_batches')
    .where('import_id', '=', importId)
    .where('last_row', '>', fromRow)
    .execute();
}

/** Batches read per query while collecting a page of rows. */
const BATCHES_PER_READ = 4;

/** A page of row results in row order, optionally of one status, after `afterRow`. */
export async function listImportRows(
  executor: Executor,
  importId: string,
  filter: { status?: 'ok' | 'warning' | 'error' | undefined; afterRow?: number | undefined; limit: number },
): Promise<ImportResultRow[]> {
  const page: ImportResultRow[] = [];
  let afterRow = filter.afterRow ?? 0;
  while (page.length < filter.limit) {
    let query = withImportTables(executor)
      .selectFrom('import_row_batches')
      .select(['last_row', 'rows'])
      .where('import_id', '=', importId)
      .where('last_row', '>', afterRow);
    // The per-batch counts skip batches without a row of the status asked for.
    if (filter.status === 'error') query = query.where('error_rows', '>', 0);
    if (filter.status === 'warning') query = query.where('warning_rows', '>', 0);
    if (filter.status === 'ok') query = query.where(sql<boolean>`row_count > error_rows + warning_rows`);
    const batches = await query.orderBy('first_row').limit(BATCHES_PER_READ).execute();
    for (const batch of batches) {
      for (const stored of parseRows(batch.rows)) {
        const row = toResultRow(importId, stored);
        if (row.row_number <= afterRow || (filter.status && row.status !== filter.status)) continue;
        page.push(row);
        if (page.length === filter.limit) return page;
      }
    }
    const last = batches[batches.length - 1];
    if (!last || batches.length < BATCHES_PER_READ) return page;
    afterRow = last.last_row;
  }
  return page;
}

/** `json` columns arrive parsed from node-postgres and as text from some drivers. */
function parseRows(rows: StoredResultRow[] | string): StoredResultRow[] {
  return typeof rows === 'string' ? (JSON.parse(rows) as StoredResultRow[]) : rows;
}

function toResultRow(importId: string, stored: StoredResultRow): ImportResultRow {
  const [row_number, line, email, action, status, issues, changes, cells] = stored;
  return { import_id: importId, row_number, line, email, action, status, issues, changes, cells };
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

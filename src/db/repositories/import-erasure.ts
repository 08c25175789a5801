// SQL of the GDPR erasure for imports (ADR 0024 "Import results"): which stored row results and
// uploaded files of a partner's imports may name the person, found in SQL so that only the few
// batches and files that do are read, and the rewrite, deletion and cancellation that follow.
// The import tables are ordinary tables: no trigger guards them, the erasure's transaction does.
import { sql } from 'kysely';
import type { Executor } from '../../services/context.ts';
import { withImportTables, type ImportStatus, type StoredResultRow } from './import-schema.ts';

function likePattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** One stored batch of row results, and the header its cells follow. */
export interface ImportBatchKey {
  readonly importId: string;
  readonly firstRow: number;
}

const isAscii = (value: string): boolean => [...value].every((char) => char.charCodeAt(0) < 0x80);

/**
 * Batches of the partner's imports whose stored text contains one of the emails (any case). A
 * candidate only: the service decides per row (as a whole address) what is the person's. An ASCII
 * address is compared with the text lower-cased under the "C" collation (ASCII letters only, five
 * times faster than `ilike` over 100 MB of results); any other address with `ilike`.
 */
export async function findImportBatchesMentioning(
  executor: Executor,
  partnerId: string,
  emails: readonly string[],
): Promise<ImportBatchKey[]> {
  if (emails.length === 0) return [];
  const ascii = emails.filter(isAscii).map((email) => likePattern(email.toLowerCase()));
  const other = emails.filter((email) => !isAscii(email)).map(likePattern);
  const rows = await withImportTables(executor)
    .selectFrom('import_row_batches')
    .innerJoin('imports', 'imports.id', 'import_row_batches.import_id')
    .select(['import_row_batches.import_id', 'import_row_batches.first_row'])
    .where('imports.partner_id', '=', partnerId)
    .where((eb) =>
      eb.or([
        ...(ascii.length === 0
          ? []
          : [sql<boolean>`lower(import_row_batches.rows::text collate "C") like any(${ascii}::text[])`]),
        ...(other.length === 0
          ? []
          : [sql<boolean>`import_row_batches.rows::text ilike any(${other}::text[])`]),
      ]),
    )
    .orderBy('import_row_batches.import_id')
    .orderBy('import_row_batches.first_row')
    .execute();
  return rows.map((row) => ({ importId: row.import_id, firstRow: row.first_row }));
}

/** The batch's rows, locked for the rewrite, and its import's header cells. */
export async function readImportBatchForErasure(
  executor: Executor,
  key: ImportBatchKey,
): Promise<{ readonly rows: StoredResultRow[]; readonly headers: string[] } | undefined> {
  const found = await withImportTables(executor)
    .selectFrom('import_row_batches')
    .innerJoin('imports', 'imports.id', 'import_row_batches.import_id')
    .select(['import_row_batches.rows', 'imports.headers'])
    .where('import_row_batches.import_id', '=', key.importId)
    .where('import_row_batches.first_row', '=', key.firstRow)
    .forUpdate('import_row_batches')
    .executeTakeFirst();
  if (!found) return undefined;
  // `json` columns arrive parsed from node-postgres and as text from some drivers.
  const rows: unknown = found.rows;
  const headers: unknown = found.headers;
  return {
    rows: (typeof rows === 'string' ? JSON.parse(rows) : rows) as StoredResultRow[],
    headers: (typeof headers === 'string' ? JSON.parse(headers) : headers) as string[],
  };
}

export async function rewriteImportBatch(
  executor: Executor,
  key: ImportBatchKey,
  rows: readonly StoredResultRow[],
): Promise<void> {
  await withImportTables(executor)
    .updateTable('import_row_batches')
    .set({ rows: JSON.stringify(rows) })
    .where('import_id', '=', key.importId)
    .where('first_row', '=', key.firstRow)
    .execute();
}

/**
 * Bytes as `encode(bytes, 'escape')` writes them: ASCII as is, a backslash doubled, a zero byte or
 * one with the high bit set as \ooo. Lets SQL find an address in a stored file without decoding it
 * (a chunk may end inside a character). The escaped text is ASCII, so lower-casing it under the
 * "C" collation is exact, and fast.
 */
function escapeEncoded(bytes: Iterable<number>): string {
  let text = '';
  for (const byte of bytes) {
    if (byte === 0x5c) text += '\\\\';
    else if (byte > 0 && byte < 0x80) text += String.fromCharCode(byte);
    else text += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return text;
}

/**
 * The lower-case address as an upload may hold it: UTF-8, and for an address with letters beyond
 * ASCII also windows-1252 (the other encoding imports read; its letters from U+00A0 on are
 * Latin-1's). The case of letters beyond ASCII is not folded in the file.
 */
function uploadedForms(email: string): string[] {
  const lower = email.toLowerCase();
  const forms = [escapeEncoded(new TextEncoder().encode(lower))];
  const codes = [...lower].map((char) => char.codePointAt(0) ?? 0);
  if (
    codes.some((code) => code >= 0x80) &&
    codes.every((code) => code < 0x80 || (code >= 0xa0 && code <= 0xff))
  )
    forms.push(escapeEncoded(codes));
  return forms;
}

/** An upload that still has its file, and where its job is. */
export interface ImportWithFile {
  readonly id: string;
  readonly status: ImportStatus;
  readonly jobId: string | null;
}

/** The longest address (254) plus room: a chunk is searched with the start of the next one. */
const CHUNK_OVERLAP_BYTES = 320;

/**
 * The partner's imports whose stored upload contains one of the emails (any case), chunk by
 * chunk: each chunk is searched together with the start of the next, so an address split across
 * two chunks is found too. A candidate only (a longer address containing it matches as well).
 */
export async function findImportFilesMentioning(
  executor: Executor,
  partnerId: string,
  emails: readonly string[],
): Promise<ImportWithFile[]> {
  if (emails.length === 0) return [];
  const patterns = emails.flatMap(uploadedForms).map(likePattern);
  const found = await sql<{ id: string; status: ImportStatus; job_id: string | null }>`
    select i.id, i.status, i.job_id
    from imports i
    where i.partner_id = ${partnerId}
      and exists (
        select 1
        from (
          select c.data || coalesce(substring(lead(c.data) over (order by c.seq) from 1 for ${CHUNK_OVERLAP_BYTES}), ''::bytea) as window_bytes
          from import_file_chunks c
          where c.import_id = i.id
        ) w
        where lower(encode(w.window_bytes, 'escape') collate "C") like any(${patterns}::text[])
      )
    order by i.id
    for update of i`.execute(executor);
  return found.rows.map((row) => ({ id: row.id, status: row.status, jobId: row.job_id }));
}

/**
 * An import that would still read its file (queued, validating, applying) or could still be
 * applied from it (a validated dry run) stops: `cancelled` with the reason. Rows an apply already
 * committed stay, as with any cancel. False when it had finished meanwhile.
 */
export async function cancelImportForErasure(
  executor: Executor,
  importId: string,
  failure: string,
): Promise<boolean> {
  const result = await withImportTables(executor)
    .updateTable('imports')
    .set({
      status: 'cancelled',
      failure,
      expires_at: null,
      finished_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where('id', '=', importId)
    .where('status', 'in', ['queued', 'validating', 'validated', 'applying'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

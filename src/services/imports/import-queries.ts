// Reading and steering imports: status, list, per-row results, the error report, cancel, and apply
// of a finished dry run.
import { stringify } from 'csv-stringify';
import { sql } from 'kysely';
import { AppError, conflict, notFound } from '../../domain/errors.ts';
import type { Locale } from '../../domain/messages/locale.ts';
import { rowIssueMessage } from '../../domain/messages/row-messages.ts';
import { importAlreadyFinishedText, onlyValidatedCanApplyText } from '../../domain/messages/status-names.ts';
import { neutralizeUploadedCell } from '../../domain/csv/export-row.ts';
import { neutralizeCell } from '../../domain/csv/parse-cell.ts';
import { readCsvHeader } from '../../domain/csv/read-csv.ts';
import type { Delimiter } from '../../domain/csv/sniff-delimiter.ts';
import {
  deleteImportRows,
  expireDryRuns,
  findImport,
  listImportRows,
  listImports,
  readFileChunks,
  updateImport,
} from '../../db/repositories/import-jobs.ts';
import type { ImportRow, StoredIssue } from '../../db/repositories/import-schema.ts';
import { cancelQueuedJob, enqueueJob } from '../../jobs/queue.ts';
import { assertCanWrite } from '../access/policy.ts';
import type { ServiceContext } from '../context.ts';
import { requireCustomer } from '../customers/customer-service.ts';
import { decodeInstantCursor } from '../checked-cursor.ts';
import { isUuidLike } from '../db-errors.ts';
import { toPage, type Page } from '../paging.ts';
import { IMPORT_JOB_KIND } from './import-job-kind.ts';
import { emptyCounts, toRowResultView, type RowResultView } from './import-results.ts';
import { toImportView, type ImportView } from './import-view.ts';

async function requireImport(
  context: ServiceContext,
  customerRef: string,
  importId: string,
): Promise<ImportRow> {
  const customer = await requireCustomer(context, customerRef);
  const row = isUuidLike(importId) ? await findImport(context.db, customer.id, importId) : undefined;
  if (!row) throw notFound('Import', 'Import');
  return row;
}

export async function getImport(
  context: ServiceContext,
  customerRef: string,
  importId: string,
): Promise<ImportView> {
  return toImportView(await requireImport(context, customerRef, importId), context.locale);
}

/** A page of the customer's imports, newest first (SPEC §7 paging: `cursor` and `max`). */
export async function listImportViews(
  context: ServiceContext,
  customerRef: string,
  input: { cursor?: string | undefined; limit: number },
): Promise<Page<ImportView>> {
  const before = decodeInstantCursor(input.cursor, 'descending');
  const customer = await requireCustomer(context, customerRef);
  await expireDryRuns(context.db, customer.id);
  const rows = await listImports(context.db, customer.id, { limit: input.limit, before });
  const page = toPage(rows, input.limit, (row) => ({ key: row.cursor_at, id: row.id }));
  return { items: page.items.map((row) => toImportView(row, context.locale)), nextCursor: page.nextCursor };
}

/**
 * A page of an import's row results after a row number; `more` says whether a row follows, read
 * as one row over the page, so a page that ends with the last row points to no empty next page.
 */
export async function listImportRowViews(
  context: ServiceContext,
  customerRef: string,
  importId: string,
  filter: { status?: 'ok' | 'warning' | 'error' | undefined; afterRow?: number | undefined; limit: number },
): Promise<{ items: RowResultView[]; more: boolean }> {
  const imp = await requireImport(context, customerRef, importId);
  const rows = await listImportRows(context.db, imp.id, { ...filter, limit: filter.limit + 1 });
  return {
    items: rows.slice(0, filter.limit).map((row) => toRowResultView(row, context.locale)),
    more: rows.length > filter.limit,
  };
}

/** Every row result, page by page (the CLI's --json output and the error report). */
export async function* allImportRows(
  context: ServiceContext,
  importId: string,
  status?: 'error',
): AsyncGenerator<RowResultView> {
  let afterRow = 0;
  for (;;) {
    const rows = await listImportRows(context.db, importId, { status, afterRow, limit: 2000 });
    for (const row of rows) yield toRowResultView(row, context.locale);
    const last = rows[rows.length - 1];
    if (!last || rows.length < 2000) return;
    afterRow = last.row_number;
  }
}

/**
 * The delimiter the upload used: stored when the import was validated. Imports validated before
 * it was stored sniff it again from the stored file's first chunk (which holds the header) while
 * the file is kept; without either, the comma.
 */
async function uploadDelimiter(context: ServiceContext, imp: ImportRow): Promise<Delimiter> {
  if (imp.delimiter) return imp.delimiter;
  const firstChunk = async function* (): AsyncGenerator<Uint8Array> {
    for await (const chunk of readFileChunks(context.db, imp.id)) {
      yield chunk;
      return;
    }
  };
  const header = await readCsvHeader(firstChunk, { maxBytes: Number.MAX_SAFE_INTEGER, startOnly: true });
  return header.ok ? header.delimiter : ',';
}

/**
 * The error report (SPEC §6): the failed rows as uploaded (original header cells, the upload's
 * delimiter), plus `Error` and the physical line number. UTF-8 with BOM. Streams.
 *
 * Every cell, the upload's header cells and the Error text (which quotes the bad value) included,
 * is neutralized against formula injection as the users export is: the uploader's cells must not
 * run as formulas in the spreadsheet of whoever opens the report. Import strips exactly that `'`
 * again, so a report fixed and uploaded again imports the cells as the first upload read them.
 */
export async function errorReportCsv(
  context: ServiceContext,
  customerRef: string,
  importId: string,
): Promise<NodeJS.ReadableStream> {
  const imp = await requireImport(context, customerRef, importId);
  const header = imp.headers;
  const out = stringify({ bom: true, delimiter: await uploadDelimiter(context, imp) });
  void (async () => {
    try {
      out.write([...header.map(neutralizeUploadedCell), 'Error', 'Line']);
      let afterRow = 0;
      for (;;) {
        const rows = await listImportRows(context.db, imp.id, { status: 'error', afterRow, limit: 2000 });
        for (const row of rows) {
          const issues = (row.issues ?? []).filter((issue: StoredIssue) => issue.severity === 'error');
          const message = issues.map((issue) =>
            rowIssueMessage(issue as Parameters<typeof rowIssueMessage>[0], row.row_number, context.locale),
          );
          const cells = row.cells ?? [];
          const padded = header.map((_, index) => neutralizeUploadedCell(cells[index] ?? ''));
          if (!out.write([...padded, neutralizeCell(message.join(' | ')), String(row.line)]))
            await new Promise((resolve) => out.once('drain', resolve));
        }
        const last = rows[rows.length - 1];
        if (!last || rows.length < 2000) break;
        afterRow = last.row_number;
      }
      out.end();
    } catch (error) {
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  return out;
}

export async function cancelImport(
  context: ServiceContext,
  customerRef: string,
  importId: string,
): Promise<ImportView> {
  assertCanWrite(context.actor);
  const imp = await requireImport(context, customerRef, importId);
  const updated = await updateImport(context.db, imp.id, { status: 'cancelled', finished_at: sql`now()` }, [
    'queued',
    'validating',
    'validated',
    'applying',
  ]);
  if (!updated) throw conflict(importAlreadyFinishedText(imp.status));
  if (imp.job_id) await cancelQueuedJob(context.db, imp.job_id);
  return toImportView(updated, context.locale);
}

/** Applies a finished dry run: re-validated against the current data, queued behind other jobs. */
export async function applyDryRun(
  context: ServiceContext,
  customerRef: string,
  importId: string,
): Promise<ImportView> {
  assertCanWrite(context.actor);
  const imp = await requireImport(context, customerRef, importId);
  if (imp.status !== 'validated') {
    throw conflict(onlyValidatedCanApplyText(imp.status));
  }
  if (imp.expires_at && new Date(imp.expires_at).getTime() < Date.now()) {
    throw new AppError('conflict', {
      en: 'This dry run has expired (24 h).',
      nl: 'Deze proefrun is verlopen (na 24 uur).',
    });
  }
  return context.db.transaction().execute(async (trx) => {
    const job = await enqueueJob(trx, {
      kind: IMPORT_JOB_KIND,
      payload: { importId: imp.id },
      queueKey: imp.customer_id,
    });
    // Progress, counts and row results start afresh: they are what was applied, and nothing is
    // until the first batch commits. An admin who cancels before then (while the file is checked
    // again) must not read the dry run's "6,000 of 6,000" and its planned counts as applied.
    const updated = await updateImport(
      trx,
      imp.id,
      {
        status: 'queued',
        dry_run: false,
        job_id: job.id,
        expires_at: null,
        actor: JSON.stringify(context.actor),
        rows_done: 0,
        counts: JSON.stringify(emptyCounts()),
      },
      ['validated'],
    );
    if (!updated)
      throw conflict({ en: 'The import changed meanwhile.', nl: 'De import is intussen gewijzigd.' });
    await deleteImportRows(trx, imp.id);
    return toImportView(updated, context.locale);
  });
}

export type { Locale };

// Upload: stores the file in chunks as it arrives (streaming, memory flat, one short statement per
// chunk), checks its header at once so a file that is not a user CSV is rejected with one clear
// error, and queues the import job behind the customer's earlier jobs.
import { AppError, conflict } from '../../domain/errors.ts';
import { DEFAULT_MAX_FILE_BYTES, bytesSource, readCsvHeader } from '../../domain/csv/read-csv.ts';
import { fileIssueMessage } from '../../domain/messages/row-messages.ts';
import type { ImportBehaviour } from '../../domain/users/desired-change.ts';
import {
  discardAbandonedUploads,
  discardUpload,
  finishUpload,
  insertImport,
  insertUploadChunk,
} from '../../db/repositories/import-jobs.ts';
import type { ImportRow } from '../../db/repositories/import-schema.ts';
import type { FileIssue } from '../../domain/csv/map-header.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { assertCanWrite } from '../access/policy.ts';
import type { ServiceContext } from '../context.ts';
import { requireCustomer } from '../customers/customer-service.ts';
import { IMPORT_JOB_KIND } from './import-job-kind.ts';
import { toImportView, type ImportView } from './import-view.ts';

const CHUNK_BYTES = 1024 * 1024;

export interface CreateImportInput {
  readonly customerRef: string;
  readonly behaviour?: ImportBehaviour | undefined;
  readonly dryRun: boolean;
  readonly fileName?: string | null | undefined;
  readonly body: AsyncIterable<Uint8Array>;
  readonly maxBytes?: number | undefined;
}

export function fileTooLarge(maxBytes: number): AppError {
  // Worded as the header check words it (row-messages.ts): `1 kB`, `1.4 MB`, `100 MB`.
  const limit = { code: 'file_too_large', limitBytes: maxBytes } as const;
  return new AppError(
    'payload_too_large',
    { en: fileIssueMessage(limit, 'en'), nl: fileIssueMessage(limit, 'nl') },
    [
      {
        code: 'file_too_large',
        description: `The limit is ${maxBytes} bytes.`,
        descriptionNl: `De limiet is ${maxBytes} bytes.`,
      },
    ],
  );
}

/** Re-chunks any byte stream into CHUNK_BYTES pieces, enforcing the size limit as it goes. */
async function* rechunk(body: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let total = 0;
  for await (const piece of body) {
    total += piece.length;
    if (total > maxBytes) throw fileTooLarge(maxBytes);
    pending.push(piece);
    pendingBytes += piece.length;
    if (pendingBytes >= CHUNK_BYTES) {
      yield Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
}

/**
 * An upload left without its job this long ago was cut off by a process that stopped (housekeeping
 * deletes them too).
 */
export const ABANDONED_UPLOAD_HOURS = 6;

function fileIssueError(issue: FileIssue, locale: ServiceContext['locale']): AppError {
  return new AppError('validation_failed', fileIssueMessage(issue, locale), [
    {
      code: issue.code,
      field: 'file',
      description: fileIssueMessage(issue, 'en'),
      descriptionNl: fileIssueMessage(issue, 'nl'),
    },
  ]);
}

function emptyFile(locale: ServiceContext['locale']): AppError {
  return new AppError('validation_failed', fileIssueMessage({ code: 'empty_file' }, locale), [
    {
      code: 'empty_file',
      field: 'file',
      description: 'The file is empty.',
      descriptionNl: 'Het bestand is leeg.',
    },
  ]);
}

/** The import was cancelled (or its file erased) while it was being uploaded. */
function uploadStopped(): AppError {
  return conflict({
    en: 'The import was cancelled while the file was being uploaded; nothing was stored.',
    nl: 'De import is geannuleerd terwijl het bestand werd geüpload; er is niets opgeslagen.',
  });
}

/**
 * Stores the upload in short steps instead of one transaction around the whole upload: the import
 * row first (`queued`, no job yet), then each chunk in a statement of its own as it arrives, then
 * the job and the size together. A transaction held from the first byte to the last kept
 * PGlite's single connection for as long as the client took to send the file (a 40 MB upload
 * stalled every other request for 13–23 s) and held a pooled connection on PostgreSQL. The upload
 * stays all-or-nothing for the job queue: only the last step queues the job, and an upload that
 * fails, is refused or is cut off is deleted with its chunks (and one a stopped process left
 * behind is deleted by a later upload of the customer).
 */
export async function createImport(context: ServiceContext, input: CreateImportInput): Promise<ImportView> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, input.customerRef);
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const behaviour = input.behaviour ?? customer.default_import_behaviour;
  const chunks = rechunk(input.body, maxBytes)[Symbol.asyncIterator]();
  let created: ImportRow | undefined;
  try {
    const first = await chunks.next();
    if (first.done) throw emptyFile(context.locale);
    // The header is in the first chunk: reject a file that is not a user CSV before storing
    // anything. Nothing decoded here is stored: the import reads the whole file to know its
    // encoding.
    const opened = await readCsvHeader(() => bytesSource(first.value), { maxBytes, startOnly: true });
    if (!opened.ok) throw fileIssueError(opened.error, context.locale);

    await discardAbandonedUploads(context.db, customer.id, ABANDONED_UPLOAD_HOURS);
    created = await insertImport(context.db, {
      partner_id: customer.partner_id,
      customer_id: customer.id,
      behaviour,
      dry_run: input.dryRun,
      file_name: input.fileName ?? null,
      locale: context.locale,
      actor: JSON.stringify(context.actor),
    });
    const importId = created.id;
    let seq = 0;
    let bytes = 0;
    // One statement per chunk (~1 MiB). On PGlite a statement runs on the event loop (~230–330 ms
    // for 1 MiB on a busy 2-core machine): it bounds how long another request waits behind it.
    for (let next: IteratorResult<Uint8Array> = first; !next.done; next = await chunks.next()) {
      if (!(await insertUploadChunk(context.db, importId, seq, next.value))) throw uploadStopped();
      seq += 1;
      bytes += next.value.length;
    }
    const stored = { chunks: seq, bytes };
    const finished = await context.db.transaction().execute(async (trx) => {
      const job = await enqueueJob(trx, {
        kind: IMPORT_JOB_KIND,
        payload: { importId },
        queueKey: customer.id,
      });
      const updated = await finishUpload(trx, importId, { ...stored, jobId: job.id });
      // Rolls the job back: the import was cancelled or its file erased during the upload.
      if (!updated) throw uploadStopped();
      return updated;
    });
    return toImportView(finished, context.locale);
  } catch (error) {
    // The error the client gets is the upload's, whatever closing the body or discarding says:
    // when the database is what failed, the discard fails too, and housekeeping deletes what is
    // left (discardAbandonedUploads).
    await Promise.resolve(chunks.return?.(undefined)).catch(() => undefined);
    if (created) await discardUpload(context.db, created.id).catch(() => false);
    throw error;
  }
}

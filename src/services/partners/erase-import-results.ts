// GDPR erasure of a person from a partner's imports (SPEC §1, ADR 0024 "Import results"). The
// stored row results (the rows endpoint and the error report read them) keep their facts and lose
// the person's data by the audit log's per-key rules; the uploaded files that still hold their
// email are deleted (results do not need them), and an import that would still read its file, or
// could still be applied from it, is cancelled: it cannot go on from a file that no longer exists,
// and it must not put the person back. Runs inside the erasure's transaction.
import {
  cancelImportForErasure,
  findImportBatchesMentioning,
  findImportFilesMentioning,
  readImportBatchForErasure,
  rewriteImportBatch,
} from '../../db/repositories/import-erasure.ts';
import { deleteFileChunks, readFileChunks } from '../../db/repositories/import-jobs.ts';
import type { StoredResultRow } from '../../db/repositories/import-schema.ts';
import { columnKeysOf, scrubImportRow } from '../../domain/privacy/scrub-import-row.ts';
import { emailsPattern } from '../../domain/privacy/scrub-personal-data.ts';
import { FILE_ERASED } from '../imports/import-failures.ts';
import { cancelQueuedJob } from '../../jobs/queue.ts';
import type { Executor } from '../context.ts';

export interface ErasedImports {
  /** Row results rewritten (a row counts once however much of it was the person's). */
  readonly importRows: number;
  /** Uploaded files deleted because they held one of the person's emails. */
  readonly importFiles: number;
  /** Of those, imports stopped: queued, running or a validated dry run not yet applied. */
  readonly cancelledImports: number;
}

/** The longest address and then some: a match split across two chunks is still found. */
const TAIL_CHARACTERS = 320;

/**
 * Whether the stored file holds one of the addresses as a whole address (the SQL search is wider),
 * read as UTF-8 and as windows-1252, the encodings imports read.
 */
async function fileNames(trx: Executor, importId: string, pattern: RegExp): Promise<boolean> {
  const readings = ['utf-8', 'windows-1252'].map((encoding) => ({
    decoder: new TextDecoder(encoding),
    tail: '',
  }));
  for await (const chunk of readFileChunks(trx, importId)) {
    for (const reading of readings) {
      const text = reading.tail + reading.decoder.decode(chunk, { stream: true });
      if (text.search(pattern) >= 0) return true;
      reading.tail = text.slice(-TAIL_CHARACTERS);
    }
  }
  return readings.some((reading) => (reading.tail + reading.decoder.decode()).search(pattern) >= 0);
}

export async function eraseImportResults(
  trx: Executor,
  partnerId: string,
  emails: ReadonlySet<string>,
  tombstone: string,
): Promise<ErasedImports> {
  const lowered = new Set([...emails].map((email) => email.trim().toLowerCase()));
  const pattern = emailsPattern(lowered);
  if (!pattern) return { importRows: 0, importFiles: 0, cancelledImports: 0 };
  const terms = { tombstone, emails: lowered, emailsPattern: pattern };

  // Files first, while they are found as uploaded; results of a cancelled run stay readable.
  let importFiles = 0;
  let cancelledImports = 0;
  for (const imp of await findImportFilesMentioning(trx, partnerId, [...lowered])) {
    if (!(await fileNames(trx, imp.id, pattern))) continue;
    await deleteFileChunks(trx, imp.id);
    importFiles += 1;
    if (await cancelImportForErasure(trx, imp.id, FILE_ERASED)) {
      cancelledImports += 1;
      if (imp.jobId) await cancelQueuedJob(trx, imp.jobId);
    }
  }

  let importRows = 0;
  for (const key of await findImportBatchesMentioning(trx, partnerId, [...lowered])) {
    const batch = await readImportBatchForErasure(trx, key);
    if (!batch) continue;
    const columnKeys = columnKeysOf(batch.headers);
    let changed = 0;
    const rows = batch.rows.map((row) => {
      // The scrub keeps each value's shape (strings become the tombstone): still a stored row.
      const scrubbed = scrubImportRow(row, columnKeys, terms) as StoredResultRow;
      if (JSON.stringify(scrubbed) !== JSON.stringify(row)) changed += 1;
      return scrubbed;
    });
    if (changed === 0) continue;
    await rewriteImportBatch(trx, key, rows);
    importRows += changed;
  }
  return { importRows, importFiles, cancelledImports };
}

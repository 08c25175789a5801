// Upload: stores the file in chunks (streaming, memory flat), checks its header at once so a file
// that is not a user CSV is rejected with one clear error, and queues the import job behind the
// customer's earlier jobs.
import { AppError } from '../../domain/errors.ts';
import { DEFAULT_MAX_FILE_BYTES, bytesSource, readCsvHeader } from '../../domain/csv/read-csv.ts';
import { fileIssueMessage } from '../../domain/messages/row-messages.ts';
import type { ImportBehaviour } from '../../domain/users/desired-change.ts';
import { insertFileChunk, insertImport, updateImport } from '../../db/repositories/import-jobs.ts';
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

export async function createImport(context: ServiceContext, input: CreateImportInput): Promise<ImportView> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, input.customerRef);
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const behaviour = input.behaviour ?? customer.default_import_behaviour;
  return context.db.transaction().execute(async (trx) => {
    const created = await insertImport(trx, {
      partner_id: customer.partner_id,
      customer_id: customer.id,
      behaviour,
      dry_run: input.dryRun,
      file_name: input.fileName ?? null,
      locale: context.locale,
      actor: JSON.stringify(context.actor),
    });
    let seq = 0;
    let bytes = 0;
    for await (const chunk of rechunk(input.body, maxBytes)) {
      if (seq === 0) {
        // The header is in the first chunk: reject a file that is not a user CSV before queueing.
        // Nothing decoded here is stored: the import reads the whole file to know its encoding.
        const opened = await readCsvHeader(() => bytesSource(chunk), { maxBytes, startOnly: true });
        if (!opened.ok) {
          throw new AppError('validation_failed', fileIssueMessage(opened.error, context.locale), [
            {
              code: opened.error.code,
              field: 'file',
              description: fileIssueMessage(opened.error, 'en'),
              descriptionNl: fileIssueMessage(opened.error, 'nl'),
            },
          ]);
        }
      }
      await insertFileChunk(trx, created.id, seq, chunk);
      seq += 1;
      bytes += chunk.length;
    }
    if (seq === 0) {
      throw new AppError('validation_failed', fileIssueMessage({ code: 'empty_file' }, context.locale), [
        {
          code: 'empty_file',
          field: 'file',
          description: 'The file is empty.',
          descriptionNl: 'Het bestand is leeg.',
        },
      ]);
    }
    const job = await enqueueJob(trx, {
      kind: IMPORT_JOB_KIND,
      payload: { importId: created.id },
      queueKey: customer.id,
    });
    const updated = await updateImport(trx, created.id, { file_bytes: bytes, job_id: job.id });
    return toImportView(updated ?? created, context.locale);
  });
}

// Why an import a CLI waits for does not move: queued behind an older job of its customer (jobs of
// one customer run one at a time, in order), or its job locked by another process (a `hub worker`
// running it, or a CLI killed without releasing it: the lock then expires after JOB_LOCK_SECONDS
// and this CLI takes the job over). Said once on stderr instead of a bar that stays still.
import { findImportById } from '../db/repositories/import-jobs.ts';
import type { Executor } from '../services/context.ts';
import { IMPORT_JOB_KIND } from '../services/imports/import-job-kind.ts';

function clock(at: Date): string {
  return `${new Date(at).toISOString().slice(11, 19)} UTC`;
}

/**
 * A sentence saying why the import's job is not running here, or null when it runs (or nothing
 * is known). `ownWorkerId`: the worker of this CLI (null inside a server, whose own worker holds
 * the lock of the job it runs: not a reason to wait).
 */
export async function importWaitReason(
  db: Executor,
  importId: string,
  ownWorkerId: string | null,
): Promise<string | null> {
  const jobId = (await findImportById(db, importId))?.job_id;
  if (!jobId) return null;
  const job = await db
    .selectFrom('jobs')
    .select(['seq', 'status', 'queue_key', 'locked_by', 'locked_until'])
    .where('id', '=', jobId)
    .executeTakeFirst();
  if (!job) return null;
  const now = Date.now();
  if (job.status === 'running') {
    if (ownWorkerId === null || job.locked_by === ownWorkerId) return null;
    if (!job.locked_until || new Date(job.locked_until).getTime() <= now) return null;
    return (
      `Waiting: the import's job is locked by another process until ${clock(job.locked_until)} ` +
      '(a hub worker running it, or a CLI stopped without releasing it); this CLI takes it over when the lock expires.'
    );
  }
  if (job.status !== 'queued' || job.queue_key === null) return null;
  const older = await db
    .selectFrom('jobs')
    .select(['kind', 'payload', 'status', 'locked_by', 'locked_until'])
    .where('queue_key', '=', job.queue_key)
    .where('seq', '<', job.seq)
    .where('status', 'in', ['queued', 'running'])
    .orderBy('seq')
    .executeTakeFirst();
  if (!older) return null;
  const olderImport = older.kind === IMPORT_JOB_KIND ? older.payload.importId : undefined;
  const what =
    typeof olderImport === 'string'
      ? `another import of this customer (${olderImport})`
      : `an earlier job of this customer (${older.kind})`;
  const lockedElsewhere =
    older.status === 'running' &&
    ownWorkerId !== null &&
    older.locked_by !== ownWorkerId &&
    older.locked_until !== null &&
    new Date(older.locked_until).getTime() > now;
  return (
    `Waiting: the import is queued behind ${what}; it starts when that one has finished.` +
    (lockedElsewhere
      ? ` That one is locked by another process until ${clock(older.locked_until as Date)} (taken over then if that process stopped).`
      : '')
  );
}

// The job queue's SQL. Jobs are rows (kind, version, validated payload); any worker claims the
// oldest runnable one with FOR UPDATE SKIP LOCKED. Jobs that share a queue_key (a customer) run
// strictly in seq order: a job waits while an older one of its key is queued or running. A job
// whose worker died is taken over once its lock has expired.
import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import type { Executor } from '../services/context.ts';
import type { JobRow } from '../db/schema.ts';

export interface NewJob {
  readonly kind: string;
  readonly version?: number;
  readonly payload: Record<string, unknown>;
  /** Jobs with the same key run one after another in enqueue order. */
  readonly queueKey?: string | null;
  readonly maxAttempts?: number;
  readonly runAt?: Date;
}

/**
 * In-process nudge so an inline worker starts a fresh job at once instead of at its next poll:
 * `enqueued` carries the job's kind, so that only the lane that runs it looks.
 */
export const jobSignals = new EventEmitter();

export async function enqueueJob(executor: Executor, job: NewJob): Promise<JobRow> {
  const row = await executor
    .insertInto('jobs')
    .values({
      kind: job.kind,
      version: job.version ?? 1,
      payload: JSON.stringify(job.payload),
      queue_key: job.queueKey ?? null,
      max_attempts: job.maxAttempts ?? 5,
      run_at: job.runAt ?? sql<Date>`now()`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  jobSignals.emit('enqueued', job.kind);
  return row;
}

/**
 * Locks a job's row for the caller's transaction and answers the `email` its payload holds now
 * (null for a job that is gone or names none): a job's own work can then see that an erasure
 * replaced the address while it waited, or make a later erasure wait for it.
 */
export async function lockJobPayloadEmail(executor: Executor, jobId: string): Promise<string | null> {
  const row = await executor
    .selectFrom('jobs')
    .select(sql<string | null>`payload->>'email'`.as('email'))
    .where('id', '=', jobId)
    .forUpdate()
    .executeTakeFirst();
  return row?.email ?? null;
}

export async function claimNextJob(
  executor: Executor,
  workerId: string,
  lockSeconds: number,
  kinds: readonly string[],
  /** Only jobs of this queue (a customer's): a CLI waiting for its own job leaves the rest alone. */
  queueKey?: string,
): Promise<JobRow | undefined> {
  if (kinds.length === 0) return undefined;
  const ofQueue = queueKey === undefined ? sql`` : sql`and candidate.queue_key = ${queueKey}`;
  const result = await sql<JobRow>`
    update jobs set
      status = 'running',
      locked_by = ${workerId},
      locked_until = now() + make_interval(secs => ${lockSeconds}),
      attempts = attempts + 1,
      updated_at = now()
    where id = (
      select candidate.id from jobs candidate
      where candidate.kind in (${sql.join(kinds)}) ${ofQueue}
        and (
          (candidate.status = 'queued' and candidate.run_at <= now())
          or (candidate.status = 'running' and candidate.locked_until < now())
        )
        and not exists (
          select 1 from jobs older
          where candidate.queue_key is not null
            and older.queue_key = candidate.queue_key
            and older.seq < candidate.seq
            and older.status in ('queued', 'running')
        )
      order by candidate.seq
      limit 1
      for update skip locked
    )
    returning *`.execute(executor);
  return result.rows[0];
}

/** Keeps the claim alive while a long job runs. Answers false when the job was taken over. */
export async function extendJobLock(
  executor: Executor,
  jobId: string,
  workerId: string,
  lockSeconds: number,
): Promise<boolean> {
  const result = await executor
    .updateTable('jobs')
    .set({ locked_until: sql`now() + make_interval(secs => ${lockSeconds})`, updated_at: sql`now()` })
    .where('id', '=', jobId)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function completeJob(executor: Executor, jobId: string, workerId: string): Promise<void> {
  await executor
    .updateTable('jobs')
    .set({
      status: 'succeeded',
      locked_by: null,
      locked_until: null,
      finished_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where('id', '=', jobId)
    .where('locked_by', '=', workerId)
    .execute();
}

/**
 * Hands a job interrupted by its worker's shutdown back to the queue at once, so the next worker
 * (often the same deployment restarted) resumes it without waiting for the lock to expire. The
 * interruption is not a failed attempt: a long import stopped by a few deploys in a row must not
 * run out of attempts.
 */
export async function releaseJob(executor: Executor, jobId: string, workerId: string): Promise<void> {
  await executor
    .updateTable('jobs')
    .set({
      status: 'queued',
      locked_by: null,
      locked_until: null,
      attempts: sql`greatest(attempts - 1, 0)`,
      run_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where('id', '=', jobId)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .execute();
}

/** Retries with exponential backoff until max_attempts, then marks the job failed. */
export async function failJob(
  executor: Executor,
  job: JobRow,
  workerId: string,
  error: string,
): Promise<void> {
  const finalAttempt = job.attempts >= job.max_attempts;
  await executor
    .updateTable('jobs')
    .set({
      status: finalAttempt ? 'failed' : 'queued',
      last_error: error.slice(0, 4000),
      locked_by: null,
      locked_until: null,
      run_at: sql`now() + make_interval(secs => ${Math.min(2 ** job.attempts, 300)})`,
      finished_at: finalAttempt ? sql`now()` : null,
      updated_at: sql`now()`,
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
}

export async function cancelQueuedJob(executor: Executor, jobId: string): Promise<boolean> {
  const result = await executor
    .updateTable('jobs')
    .set({ status: 'cancelled', finished_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', jobId)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findJob(executor: Executor, jobId: string): Promise<JobRow | undefined> {
  return executor.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
}

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

/** A job claimed from a worker whose lock had expired: that worker died, or stopped renewing it. */
export interface JobTakeover {
  readonly previousWorker: string | null;
  readonly lockExpiredAt: Date;
  /** By the database's clock, as the expiry itself: a worker's clock may be off. */
  readonly lockExpiredSecondsAgo: number;
}

/**
 * The takeover a claim made, by the row claimNextJob answered (kept beside the row, not in it: the
 * row is the job's columns, handed to its handler as they are).
 */
const takeovers = new WeakMap<JobRow, JobTakeover>();

export function takeoverOf(job: JobRow): JobTakeover | undefined {
  return takeovers.get(job);
}

interface ClaimedRow extends JobRow {
  readonly previous_status: string;
  readonly previous_locked_by: string | null;
  readonly previous_locked_until: Date | null;
  readonly previous_lock_expired_seconds: number | null;
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
  // The candidate's state before the claim comes along, so a takeover can be told and logged.
  const result = await sql<ClaimedRow>`
    update jobs set
      status = 'running',
      locked_by = ${workerId},
      locked_until = now() + make_interval(secs => ${lockSeconds}),
      attempts = jobs.attempts + 1,
      updated_at = now()
    from (
      select candidate.id,
        candidate.status as previous_status,
        candidate.locked_by as previous_locked_by,
        candidate.locked_until as previous_locked_until,
        round(extract(epoch from now() - candidate.locked_until))::int as previous_lock_expired_seconds
      from jobs candidate
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
    ) claimed
    where jobs.id = claimed.id
    returning jobs.*, claimed.previous_status, claimed.previous_locked_by, claimed.previous_locked_until,
      claimed.previous_lock_expired_seconds`.execute(executor);
  const claimed = result.rows[0];
  if (!claimed) return undefined;
  const {
    previous_status,
    previous_locked_by,
    previous_locked_until,
    previous_lock_expired_seconds,
    ...job
  } = claimed;
  if (previous_status === 'running' && previous_locked_until)
    takeovers.set(job, {
      previousWorker: previous_locked_by,
      lockExpiredAt: new Date(previous_locked_until),
      lockExpiredSecondsAgo: Math.max(0, Number(previous_lock_expired_seconds ?? 0)),
    });
  return job;
}

/**
 * Ends the locks of every running job now, so the next claim takes them over (a takeover, logged
 * as one). Only for a database no other process can be using: the embedded one, just opened by
 * the process that holds its data dir; whoever locked them before has died. Answers how many.
 */
export async function expireLocksOfDeadProcess(executor: Executor): Promise<number> {
  const result = await executor
    .updateTable('jobs')
    .set({ locked_until: sql`now()`, updated_at: sql`now()` })
    .where('status', '=', 'running')
    .where('locked_until', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
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

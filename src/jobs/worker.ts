// Runs jobs from the queue: inline in the server process by default, or as `hub worker`.
// Several workers on several nodes may share one PostgreSQL; claims never overlap.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../db/schema.ts';
import { isDatabaseUnavailable } from '../services/db-errors.ts';
import { runHousekeeping } from '../services/housekeeping/housekeeping.ts';
import { isDatabaseConnectionLost } from './connection-loss.ts';
import type { JobDefinition } from './job-definition.ts';
import { recordJobRun } from './job-metrics.ts';
import { loopRetryDelayMs } from './loop-backoff.ts';
import { claimNextJob, completeJob, extendJobLock, failJob, jobSignals, releaseJob } from './queue.ts';

export interface WorkerOptions {
  readonly db: Kysely<DB>;
  readonly logger: Logger;
  readonly definitions: readonly JobDefinition[];
  readonly pollIntervalMs?: number;
  readonly lockSeconds?: number;
  readonly workerId?: string;
  /** How often the loop runs housekeeping (ADR 0057); 0 turns it off. */
  readonly housekeepingIntervalMs?: number;
  /**
   * Only jobs of this queue (a customer's id): a CLI that runs a worker while it waits for its own
   * job must not take other jobs (emails, other customers'), which it would run with its own
   * configuration (no SMTP_URL: the emails ended `stored`, never sent).
   */
  readonly queueKey?: string;
}

const HOUR_MS = 3_600_000;

/** More than this many lost connections in a row in one job's runs count as its failure. */
const MAX_RELEASES_FOR_CONNECTION_LOSS = 20;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** JOB_LOCK_SECONDS (60 by default): set once at start-up by openRuntime, as the mail transport is. */
let configuredLockSeconds = 60;

/**
 * How long a claim lasts without a heartbeat (every third of it): a job whose worker died is taken
 * over by another worker this long after the dead one's last heartbeat.
 */
export function configureJobLockSeconds(seconds: number): void {
  configuredLockSeconds = seconds;
}

export interface Worker {
  readonly id: string;
  /** Resolves when the loop has stopped and the running job (if any) has returned. */
  stop(): Promise<void>;
  /** Runs queued jobs until none is runnable (tests use this instead of waiting). */
  drain(): Promise<number>;
}

export function startWorker(options: WorkerOptions): Worker {
  const worker = createWorker(options);
  // The id is what `jobs.locked_by` holds: it ties a claimed job to this process.
  options.logger.info({ workerId: worker.id, pid: process.pid }, 'worker started');
  worker.loop();
  return worker;
}

export function createWorker(options: WorkerOptions): Worker & { loop(): void } {
  const id = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  const lockSeconds = options.lockSeconds ?? configuredLockSeconds;
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const byKind = new Map(options.definitions.map((definition) => [definition.kind, definition]));
  const kinds = [...byKind.keys()];
  const abort = new AbortController();
  let wake: (() => void) | null = null;
  let loopDone: Promise<void> = Promise.resolve();
  const onEnqueued = () => wake?.();
  const housekeepingIntervalMs = options.housekeepingIntervalMs ?? HOUR_MS;
  /** Jobs of this worker released after a lost database connection, by id: how many times in a row. */
  const connectionLosses = new Map<string, number>();
  let housekeepingDueAt = 0;

  /** Between jobs, never during one: it is short, and a long import must not wait on it. */
  async function housekeepIfDue(): Promise<void> {
    if (housekeepingIntervalMs <= 0 || Date.now() < housekeepingDueAt) return;
    housekeepingDueAt = Date.now() + housekeepingIntervalMs;
    try {
      const report = await runHousekeeping(options.db);
      options.logger.info({ housekeeping: report }, 'housekeeping done');
    } catch (error) {
      options.logger.warn({ err: error }, 'housekeeping failed; it runs again at its next turn');
    }
  }

  /**
   * Writes a job's outcome (its release, its failure) through a database that may be away: again
   * with the loop's backoff for as long as the database is unavailable, so the claim is given up
   * seconds after the database is back, not when the lock expires (JOB_LOCK_SECONDS). Answers false
   * when the worker stops first (the lock then expires as it would have); other errors are thrown.
   */
  async function persistently(logger: Logger, what: string, write: () => Promise<void>): Promise<boolean> {
    for (let failures = 1; ; failures += 1) {
      try {
        await write();
        if (failures > 1) logger.info({ failures: failures - 1 }, `could ${what} once the database was back`);
        return true;
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        if (abort.signal.aborted) {
          logger.warn(
            { reason: errorText(error) },
            `could not ${what} before shutting down: it is taken over when its lock expires`,
          );
          return false;
        }
        const retryInMs = loopRetryDelayMs(failures, pollIntervalMs);
        // Without the stack: a line per try, doubling, for as long as the database is away.
        logger.warn(
          { reason: errorText(error), failures, retryInMs },
          `could not ${what}: database unavailable`,
        );
        await sleep(retryInMs, undefined, { signal: abort.signal }).catch(() => undefined);
      }
    }
  }

  /**
   * A job that loses its connection every time it runs (a query that crashes its server process,
   * say) would go round without end: past this many losses in a row in this worker, the loss is
   * an ordinary failure and uses up an attempt.
   */
  function mayReleaseAfterConnectionLoss(jobId: string): boolean {
    const losses = (connectionLosses.get(jobId) ?? 0) + 1;
    if (losses > MAX_RELEASES_FOR_CONNECTION_LOSS) {
      connectionLosses.delete(jobId);
      return false;
    }
    // Jobs released here and finished by another worker leave their count behind: keep it small.
    if (connectionLosses.size >= 1000) connectionLosses.clear();
    connectionLosses.set(jobId, losses);
    return true;
  }

  async function runOne(): Promise<boolean> {
    const job = await claimNextJob(options.db, id, lockSeconds, kinds, options.queueKey);
    if (!job) return false;
    const definition = byKind.get(job.kind);
    const logger = options.logger.child({ jobId: job.id, jobKind: job.kind, attempt: job.attempts });
    if (!definition) {
      await failJob(
        options.db,
        { ...job, attempts: job.max_attempts },
        id,
        `No handler for job kind ${job.kind}`,
      );
      return true;
    }
    const heartbeatTimer = setInterval(
      () => {
        void extendJobLock(options.db, job.id, id, lockSeconds).catch((error: unknown) =>
          logger.warn({ err: error }, 'job heartbeat failed'),
        );
      },
      (lockSeconds * 1000) / 3,
    );
    const startedAt = performance.now();
    const seconds = () => (performance.now() - startedAt) / 1000;
    try {
      const payload: unknown = definition.payloadSchema.parse(job.payload);
      await definition.handle(payload, {
        db: options.db,
        job,
        logger,
        heartbeat: () => extendJobLock(options.db, job.id, id, lockSeconds),
        signal: abort.signal,
      });
      await completeJob(options.db, job.id, id);
      connectionLosses.delete(job.id);
      recordJobRun(job.kind, 'succeeded', seconds());
      logger.info('job succeeded');
    } catch (error) {
      if (abort.signal.aborted) {
        await releaseJob(options.db, job.id, id).catch((releaseError: unknown) =>
          logger.warn(
            // The database being away is said in a line, not a stack.
            isDatabaseUnavailable(releaseError) ? { reason: errorText(releaseError) } : { err: releaseError },
            'could not release the job: it is taken over when its lock expires',
          ),
        );
        recordJobRun(job.kind, 'released', seconds());
        logger.info('job interrupted by shutdown; released to the queue');
        return true;
      }
      if (isDatabaseConnectionLost(error) && mayReleaseAfterConnectionLoss(job.id)) {
        logger.warn(
          { reason: errorText(error) },
          'job stopped: the database connection was lost; it goes back to the queue without using an attempt',
        );
        if (await persistently(logger, 'release the job', () => releaseJob(options.db, job.id, id))) {
          recordJobRun(job.kind, 'released', seconds());
          logger.info('job released to the queue after the lost database connection');
        }
        return true;
      }
      connectionLosses.delete(job.id);
      logger.error({ err: error }, 'job failed');
      const recorded = await persistently(logger, 'record the job failure', () =>
        failJob(options.db, job, id, errorText(error)),
      );
      if (recorded)
        recordJobRun(job.kind, job.attempts >= job.max_attempts ? 'failed' : 'retried', seconds());
    } finally {
      clearInterval(heartbeatTimer);
    }
    return true;
  }

  async function loopBody(): Promise<void> {
    jobSignals.on('enqueued', onEnqueued);
    try {
      let failures = 0;
      while (!abort.signal.aborted) {
        let worked = false;
        try {
          worked = await runOne();
          if (failures > 0) options.logger.info({ failures }, 'worker loop recovered');
          failures = 0;
        } catch (error) {
          if (abort.signal.aborted) break;
          failures += 1;
          options.logger.error(
            { err: error, failures, retryInMs: loopRetryDelayMs(failures, pollIntervalMs) },
            'worker loop error',
          );
        }
        if (worked) continue;
        if (!abort.signal.aborted && failures === 0) await housekeepIfDue();
        await Promise.race([
          sleep(loopRetryDelayMs(failures, pollIntervalMs), undefined, { signal: abort.signal }).catch(
            () => undefined,
          ),
          new Promise<void>((resolve) => (wake = resolve)),
        ]);
        wake = null;
      }
    } finally {
      jobSignals.off('enqueued', onEnqueued);
    }
  }

  return {
    id,
    loop() {
      loopDone = loopBody();
    },
    async stop() {
      abort.abort();
      wake?.();
      await loopDone;
    },
    async drain() {
      let count = 0;
      // Stopped (a CLI's Ctrl+C): the job it released must not be claimed again by this drain.
      while (!abort.signal.aborted && (await runOne())) count += 1;
      return count;
    },
  };
}

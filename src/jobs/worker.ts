// Runs jobs from the queue: inline in the server process by default, or as `hub worker`.
// Several workers on several nodes may share one PostgreSQL; claims never overlap. A worker runs
// claim loops per lane (worker-lanes.ts, ADR 0093), one job at a time in each: several for the
// `customers` lane (WORKER_CUSTOMER_LOOPS), so that one customer's long import does not hold up
// the others', one for each other lane; and housekeeping in a loop of its own.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB, JobRow } from '../db/schema.ts';
import { isDatabaseUnavailable } from '../services/db-errors.ts';
import { runHousekeeping } from '../services/housekeeping/housekeeping.ts';
import { isDatabaseConnectionLost } from './connection-loss.ts';
import type { JobDefinition } from './job-definition.ts';
import {
  recordJobRun,
  recordLaneLoopsStarted,
  recordLaneLoopsStopped,
  jobTakeoversTotal,
  workerLaneBusyLoops,
} from './job-metrics.ts';
import { loopRetryDelayMs } from './loop-backoff.ts';
import {
  claimNextJob,
  completeJob,
  extendJobLock,
  failJob,
  jobSignals,
  releaseJob,
  takeoverOf,
} from './queue.ts';
import { suggestedPoolSize, workerConnections } from './worker-connections.ts';
import { CUSTOMERS_LANE, lanesFor, type WorkerLane } from './worker-lanes.ts';

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
  /** How long stop() waits for the loop's running job before releasing it (STOP_GRACE_MS). */
  readonly stopGraceMs?: number;
  /**
   * Claim loops of the `customers` lane (WORKER_CUSTOMER_LOOPS, configureWorkerLanes by default).
   * A worker of one customer's queue (`queueKey`) runs one: that queue's jobs run one at a time.
   */
  readonly customerLoops?: number;
  /** The worker runs in the server's process (inline): HTTP requests share its connection pool. */
  readonly sharesPoolWithHttp?: boolean;
}

/** A claim loop of a lane: `index` tells a lane's loops apart in the logs (`loop`). */
interface LaneLoop {
  readonly lane: WorkerLane;
  readonly index: number;
}

const HOUR_MS = 3_600_000;

/**
 * How long a stopping worker waits for its running job to end (jobs stop at their next safe point
 * when the worker stops: an import after its batch, an email send at once). Past it, the job is
 * released to the queue, not left to its lock's expiry: the next worker (often this deployment,
 * restarted) resumes it at once, and job handlers are idempotent (job-definition.ts). Below the
 * usual 30 s between SIGTERM and SIGKILL, with room for the rest of the shutdown.
 */
export const STOP_GRACE_MS = 20_000;

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

/**
 * Claim loops of the `customers` lane unless WORKER_CUSTOMER_LOOPS says otherwise: two customers'
 * jobs run side by side (a second customer's small import beside a first one's long one), and a
 * worker holds one connection more than with one loop (docs/operations.md).
 */
export const DEFAULT_CUSTOMER_LOOPS = 2;

/** WORKER_CUSTOMER_LOOPS and DB_POOL_SIZE (PostgreSQL), set once at start-up by openRuntime. */
let configuredLanes: { readonly customerLoops: number; readonly poolSize: number | undefined } = {
  customerLoops: DEFAULT_CUSTOMER_LOOPS,
  poolSize: undefined,
};

/**
 * How many loops the `customers` lane of the workers this process starts runs, and the pool they
 * draw from (undefined on PGlite: one connection, the loops take turns on it), for the start-up
 * warning when the pool leaves too little room for the loops (and for HTTP, inline).
 */
export function configureWorkerLanes(settings: {
  readonly customerLoops: number;
  readonly poolSize?: number;
}): void {
  configuredLanes = { customerLoops: settings.customerLoops, poolSize: settings.poolSize };
}

export interface Worker {
  readonly id: string;
  /**
   * Resolves when the loop has stopped and its running job (if any) has returned, or after the
   * stop grace, its job then released to the queue. A job a caller's drain() runs is the caller's.
   */
  stop(): Promise<void>;
  /** Runs queued jobs of every lane, one at a time in seq order, until none is runnable (tests). */
  drain(): Promise<number>;
}

export function startWorker(options: WorkerOptions): Worker {
  const worker = createWorker(options);
  // The id is what `jobs.locked_by` holds: it ties a claimed job to this process.
  const lanes = Object.fromEntries(worker.lanes.map((lane) => [lane.name, lane.kinds]));
  const { laneLoops } = worker;
  options.logger.info({ workerId: worker.id, pid: process.pid, lanes, laneLoops }, 'worker started');
  warnOfSmallPool(options, laneLoops);
  worker.loop();
  return worker;
}

/**
 * One line at start when DB_POOL_SIZE leaves too little room: the loops' jobs would wait for each
 * other's connections (and, inline, requests for the jobs'), which is what the loops are for not
 * to do. A warning, not a refusal: the worker still runs, only slower when every loop is busy.
 */
function warnOfSmallPool(options: WorkerOptions, laneLoops: Readonly<Record<string, number>>): void {
  const poolSize = configuredLanes.poolSize;
  if (poolSize === undefined) return;
  const needs = {
    loops: Object.values(laneLoops).reduce((sum, count) => sum + count, 0),
    housekeeping: (options.housekeepingIntervalMs ?? HOUR_MS) > 0,
    sharesPoolWithHttp: options.sharesPoolWithHttp ?? false,
  };
  const suggested = suggestedPoolSize(needs);
  if (poolSize >= suggested) return;
  options.logger.warn(
    {
      poolSize,
      workerConnections: workerConnections(needs),
      suggestedPoolSize: suggested,
      laneLoops,
      sharesPoolWithHttp: needs.sharesPoolWithHttp,
    },
    `DB_POOL_SIZE=${poolSize} is too small for this worker's loops${needs.sharesPoolWithHttp ? ' and the HTTP requests' : ''}: set DB_POOL_SIZE to ${suggested} or more, or WORKER_CUSTOMER_LOOPS lower`,
  );
}

export function createWorker(options: WorkerOptions): Worker & {
  loop(): void;
  readonly lanes: readonly WorkerLane[];
  /** Claim loops per lane name. */
  readonly laneLoops: Readonly<Record<string, number>>;
} {
  const id = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  const lockSeconds = options.lockSeconds ?? configuredLockSeconds;
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const byKind = new Map(options.definitions.map((definition) => [definition.kind, definition]));
  const kinds = [...byKind.keys()];
  const lanes = lanesFor(kinds);
  // One customer's queue runs one job at a time anyway (the claim's `not exists older`).
  const customerLoops =
    options.queueKey === undefined ? Math.max(1, options.customerLoops ?? configuredLanes.customerLoops) : 1;
  const loops: LaneLoop[] = lanes.flatMap((lane) =>
    Array.from({ length: lane.name === CUSTOMERS_LANE ? customerLoops : 1 }, (_, index) => ({ lane, index })),
  );
  const laneLoops = Object.fromEntries(
    lanes.map((lane) => [lane.name, loops.filter((loop) => loop.lane === lane).length]),
  );
  const abort = new AbortController();
  /**
   * The loops pausing now, the first to pause first, each with its way to end its pause at once:
   * a job of its lane was enqueued (one loop per job), or the worker stops (all).
   */
  const pausingLoops = new Map<LaneLoop, () => void>();
  /**
   * Lanes a job was enqueued for while none of their loops paused (each claiming or running a
   * job): a claim that read the queue before that job was committed answers nothing, so the next
   * loop of the lane to pause claims once more first. Without it the job waited for a poll.
   */
  const unheardLanes = new Set<WorkerLane>();
  let loopDone: Promise<void> = Promise.resolve();
  /**
   * One pausing loop of the job's lane claims (taken out of the pausing ones at once, so a second
   * job in the same turn wakes another); the others, which would only find nothing, pause on.
   */
  const onEnqueued = (kind: string) => {
    for (const lane of lanes) {
      if (!lane.kinds.includes(kind)) continue;
      const woken = [...pausingLoops].find(([loop]) => loop.lane === lane);
      if (!woken) {
        unheardLanes.add(lane);
        continue;
      }
      pausingLoops.delete(woken[0]);
      woken[1]();
    }
  };
  const wakeAllLoops = () => {
    for (const wake of pausingLoops.values()) wake();
    pausingLoops.clear();
  };
  const housekeepingIntervalMs = options.housekeepingIntervalMs ?? HOUR_MS;
  /** Jobs of this worker released after a lost database connection, by id: how many times in a row. */
  const connectionLosses = new Map<string, number>();
  const stopGraceMs = options.stopGraceMs ?? STOP_GRACE_MS;
  /** The jobs the loops run now, one at most per loop (drain()'s jobs are its caller's to wait for). */
  const loopJobs = new Set<{
    readonly id: string;
    readonly kind: string;
    readonly lane: string;
    readonly loop: number;
  }>();

  /**
   * Housekeeping in a loop of its own, at start and then every interval: no lane waits on it, and
   * it does not wait for a long import to end. A database that is away gets it again with the
   * loops' backoff, once it is back; other failures wait for the next turn.
   */
  async function housekeepingLoop(): Promise<void> {
    if (housekeepingIntervalMs <= 0) return;
    let failures = 0;
    while (!abort.signal.aborted) {
      let pauseMs = housekeepingIntervalMs;
      try {
        const report = await runHousekeeping(options.db);
        failures = 0;
        options.logger.info({ housekeeping: report }, 'housekeeping done');
      } catch (error) {
        if (abort.signal.aborted) break;
        if (isDatabaseUnavailable(error)) {
          failures += 1;
          pauseMs = Math.min(housekeepingIntervalMs, loopRetryDelayMs(failures, pollIntervalMs));
        }
        options.logger.warn(
          // The database being away is said in a line, not a stack, at each try.
          isDatabaseUnavailable(error) ? { reason: errorText(error), retryInMs: pauseMs } : { err: error },
          'housekeeping failed; it runs again at its next turn',
        );
      }
      await sleep(pauseMs, undefined, { signal: abort.signal }).catch(() => undefined);
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

  /** Claims and runs the oldest runnable job of the loop's lane's kinds, or (drain()) of every kind. */
  async function runOne(loop?: LaneLoop): Promise<boolean> {
    const job = await claimNextJob(options.db, id, lockSeconds, loop?.lane.kinds ?? kinds, options.queueKey);
    if (!job) return false;
    if (!loop) return runClaimed(job, options.logger);
    const running = { id: job.id, kind: job.kind, lane: loop.lane.name, loop: loop.index };
    loopJobs.add(running);
    workerLaneBusyLoops.inc({ lane: loop.lane.name });
    try {
      return await runClaimed(job, options.logger.child({ lane: loop.lane.name, loop: loop.index }));
    } finally {
      workerLaneBusyLoops.dec({ lane: loop.lane.name });
      loopJobs.delete(running);
    }
  }

  async function runClaimed(job: JobRow, parentLogger: Logger): Promise<boolean> {
    const definition = byKind.get(job.kind);
    const logger = parentLogger.child({ jobId: job.id, jobKind: job.kind, attempt: job.attempts });
    const takeover = takeoverOf(job);
    if (takeover) {
      // A run lost to a dead (or hung) worker: the operator sees which one and when, not only an
      // attempt number one higher on the job's last line.
      jobTakeoversTotal.inc({ kind: job.kind });
      logger.warn(
        {
          previousWorker: takeover.previousWorker,
          lockExpiredAt: takeover.lockExpiredAt.toISOString(),
          lockExpiredSecondsAgo: takeover.lockExpiredSecondsAgo,
        },
        "job taken over: its worker's lock expired (the worker died or stopped renewing it); it runs again as a new attempt",
      );
    }
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

  /**
   * One claim loop of a lane: its jobs one after another, a pause when it has none runnable. A
   * lane's loops claim side by side; the claim keeps a customer's jobs one at a time in seq order.
   */
  async function laneLoop(loop: LaneLoop): Promise<void> {
    const logger = options.logger.child({ lane: loop.lane.name, loop: loop.index });
    try {
      let failures = 0;
      while (!abort.signal.aborted) {
        let worked = false;
        try {
          worked = await runOne(loop);
          if (failures > 0) logger.info({ failures }, 'worker loop recovered');
          failures = 0;
        } catch (error) {
          if (abort.signal.aborted) break;
          failures += 1;
          logger.error(
            { err: error, failures, retryInMs: loopRetryDelayMs(failures, pollIntervalMs) },
            'worker loop error',
          );
        }
        if (worked) continue;
        // In the same turn as the pause below: no job can come in between (after a failure the
        // backoff holds, the job then waits for the next try).
        if (failures === 0 && unheardLanes.delete(loop.lane)) continue;
        await Promise.race([
          sleep(loopRetryDelayMs(failures, pollIntervalMs), undefined, { signal: abort.signal }).catch(
            () => undefined,
          ),
          new Promise<void>((resolve) => pausingLoops.set(loop, resolve)),
        ]);
        pausingLoops.delete(loop);
      }
    } finally {
      pausingLoops.delete(loop);
    }
  }

  async function loopBody(): Promise<void> {
    jobSignals.on('enqueued', onEnqueued);
    recordLaneLoopsStarted(laneLoops);
    try {
      await Promise.all([...loops.map((loop) => laneLoop(loop)), housekeepingLoop()]);
    } finally {
      recordLaneLoopsStopped(laneLoops);
      jobSignals.off('enqueued', onEnqueued);
    }
  }

  return {
    id,
    lanes,
    laneLoops,
    loop() {
      loopDone = loopBody();
    },
    async stop() {
      abort.abort();
      wakeAllLoops();
      let timer: NodeJS.Timeout | undefined;
      const ended = await Promise.race([
        loopDone.then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), stopGraceMs))),
      ]);
      clearTimeout(timer);
      if (ended) return;
      // Their handlers do not stop (a step that does not answer): give the jobs back now. Should a
      // handler still end later, its completion is not recorded (the claim is no longer this worker's).
      await Promise.all(
        [...loopJobs].map(async (job) => {
          const fields = { jobId: job.id, jobKind: job.kind, lane: job.lane, loop: job.loop };
          try {
            await releaseJob(options.db, job.id, id);
            options.logger.warn(
              { ...fields, waitedMs: stopGraceMs },
              'job still running at shutdown; released to the queue',
            );
          } catch (error) {
            options.logger.warn(
              { ...fields, reason: errorText(error) },
              'job still running at shutdown and could not be released: it is taken over when its lock expires',
            );
          }
        }),
      );
    },
    async drain() {
      let count = 0;
      // Stopped (a CLI's Ctrl+C): the job it released must not be claimed again by this drain.
      while (!abort.signal.aborted && (await runOne())) count += 1;
      return count;
    },
  };
}

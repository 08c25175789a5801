// Counters of the jobs this process ran, and its workers' lane loops, for /metrics (the server's
// metrics plugin registers them). Labels are bounded: a job kind is one of the registered
// definitions, an outcome one of four, a lane one of worker-lanes.ts's (and `other`).
import { Counter, Gauge, Histogram } from 'prom-client';

export type JobOutcome = 'succeeded' | 'retried' | 'failed' | 'released';

export const jobRunsTotal = new Counter({
  name: 'hub_job_runs_total',
  help: 'Job runs in this process by kind and outcome (retried: failed, will run again; released: handed back at shutdown or after a lost database connection)',
  labelNames: ['kind', 'outcome'],
  registers: [],
});

export const jobRunDuration = new Histogram({
  name: 'hub_job_run_duration_seconds',
  help: 'Duration of job runs in this process by kind',
  labelNames: ['kind'],
  buckets: [0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
  registers: [],
});

/**
 * Jobs this process's workers took over from a worker whose lock had expired (it died, or hung
 * past JOB_LOCK_SECONDS without a heartbeat): each is a lost run and a new attempt.
 */
export const jobTakeoversTotal = new Counter({
  name: 'hub_job_takeovers_total',
  help: "Jobs this process's workers took over from a worker whose lock had expired (died or hung), by kind",
  labelNames: ['kind'],
  registers: [],
});

export const importRowsProcessedTotal = new Counter({
  name: 'hub_import_rows_processed_total',
  help: 'CSV import rows processed in the apply phase (committed in a batch, rows with errors included) by the workers of this process',
  registers: [],
});

/**
 * The running workers' claim loops by lane (ADR 0093): beside the busy ones, an operator sees when
 * every `customers` loop is taken by long imports and other customers' jobs wait for a free loop.
 * Summed over the workers of this process (one but in tests); a stopped worker's loops leave it.
 */
export const workerLaneLoops = new Gauge({
  name: 'hub_worker_lane_loops',
  help: "Claim loops of this process's running workers by lane (customers: WORKER_CUSTOMER_LOOPS each)",
  labelNames: ['lane'],
  registers: [],
});

export const workerLaneBusyLoops = new Gauge({
  name: 'hub_worker_lane_busy_loops',
  help: "Claim loops of this process's workers running a job now, by lane: equal to hub_worker_lane_loops, the lane's next job waits for a loop",
  labelNames: ['lane'],
  registers: [],
});

/** A worker's loops start: they count as the lane's loops, none busy yet (the series shows 0). */
export function recordLaneLoopsStarted(laneLoops: Readonly<Record<string, number>>): void {
  for (const [lane, count] of Object.entries(laneLoops)) {
    workerLaneLoops.inc({ lane }, count);
    workerLaneBusyLoops.inc({ lane }, 0);
  }
}

export function recordLaneLoopsStopped(laneLoops: Readonly<Record<string, number>>): void {
  for (const [lane, count] of Object.entries(laneLoops)) workerLaneLoops.dec({ lane }, count);
}

export function recordJobRun(kind: string, outcome: JobOutcome, seconds: number): void {
  jobRunsTotal.inc({ kind, outcome });
  jobRunDuration.observe({ kind }, seconds);
}

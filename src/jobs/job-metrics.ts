// Counters of the jobs this process ran, for /metrics (the server's metrics plugin registers them).
// Labels are bounded: a job kind is one of the registered definitions, an outcome one of four.
import { Counter, Histogram } from 'prom-client';

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

export const importRowsProcessedTotal = new Counter({
  name: 'hub_import_rows_processed_total',
  help: 'CSV import rows processed in the apply phase (committed in a batch, rows with errors included) by the workers of this process',
  registers: [],
});

export function recordJobRun(kind: string, outcome: JobOutcome, seconds: number): void {
  jobRunsTotal.inc({ kind, outcome });
  jobRunDuration.observe({ kind }, seconds);
}

// A separate `hub worker` answers the probes and serves its own job counters (SPEC §10).
import pino from 'pino';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { defineJob } from '../../src/jobs/job-definition.ts';
import { enqueueJob } from '../../src/jobs/queue.ts';
import { startWorker } from '../../src/jobs/worker.ts';
import { startWorkerProbes, type WorkerProbes } from '../../src/http/worker-probes.ts';
import { useTestDatabase } from '../helpers/database.ts';

const logger = pino({ level: 'silent' });

describe('the probes of a worker process', () => {
  const database = useTestDatabase();
  let probes: WorkerProbes | null = null;

  afterEach(async () => {
    await probes?.close();
    probes = null;
    await database().db.deleteFrom('jobs').execute();
  });

  it('answers /healthz and /readyz, and /metrics counts the jobs this worker ran', async () => {
    const { db } = database();
    probes = await startWorkerProbes({ database: database(), logger, host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${probes.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });

    let ran = 0;
    const probeJob = defineJob({
      kind: 'test.worker-probe',
      version: 1,
      payloadSchema: z.object({}),
      async handle() {
        ran += 1;
      },
    });
    await enqueueJob(db, { kind: probeJob.kind, payload: {} });
    const worker = startWorker({
      db,
      logger,
      definitions: [probeJob],
      pollIntervalMs: 5,
      housekeepingIntervalMs: 0,
    });
    await expect.poll(() => ran, { timeout: 10_000, interval: 20 }).toBe(1);
    await worker.stop();

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/hub_job_runs_total\{kind="test\.worker-probe",outcome="succeeded"\} [1-9]/);
    expect(metrics).toContain('hub_database_up 1');
    // Only the probes: the API is not served by a worker.
    expect((await fetch(`${base}/v1/customers`)).status).toBe(404);
  });
});

// A job whose worker died (`kill -9`, a lost node) is taken over once its lock expires (SPEC §10).
// Measured on PostgreSQL with two `hub worker`s: the survivor's only trace of it was "job
// succeeded" with attempt 2, and while no worker was left to take it over the job showed as
// `running` and hub_job_oldest_runnable_seconds stayed 0, so the alert the docs suggest for stuck
// or missing workers never fired. Now: a warning naming the dead worker and how long ago its lock
// ran out, hub_job_takeovers_total, and an orphaned job counts as runnable from its lock's expiry.
import { sql } from 'kysely';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineJob } from '../../src/jobs/job-definition.ts';
import { claimNextJob, enqueueJob } from '../../src/jobs/queue.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import { capturedLog } from '../jobs/worker-test-kit.ts';
import { useTestApp } from '../helpers/app.ts';

function sample(body: string, series: string): number | undefined {
  const line = body.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("a dead worker's job", () => {
  const harness = useTestApp();

  async function scrape(): Promise<string> {
    const response = await harness().app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    return response.body;
  }

  it('waits as runnable from its lock’s expiry, and its takeover is logged and counted', async () => {
    const { db } = harness().database;
    const job = defineJob({
      kind: 'test.takeover-visible',
      version: 1,
      payloadSchema: z.object({}),
      async handle() {},
    });
    const queued = await enqueueJob(db, { kind: job.kind, payload: {} });
    // A worker claims the job and dies: no heartbeat, no release. Its lock ran out 90 s ago.
    expect((await claimNextJob(db, 'worker-dead', 30, [job.kind]))?.id).toBe(queued.id);
    await db
      .updateTable('jobs')
      .set({ locked_until: sql`now() - interval '90 seconds'` })
      .where('id', '=', queued.id)
      .execute();

    expect(sample(await scrape(), 'hub_job_oldest_runnable_seconds')).toBeGreaterThanOrEqual(90);

    const log = capturedLog();
    const survivor = createWorker({ db, logger: log.logger, definitions: [job], housekeepingIntervalMs: 0 });
    expect(await survivor.drain()).toBe(1);

    const takeover = log.lines.find((line) => line.msg.includes('taken over'));
    expect(takeover).toMatchObject({
      level: 40,
      jobId: queued.id,
      jobKind: job.kind,
      attempt: 2,
      previousWorker: 'worker-dead',
    });
    expect(takeover?.['lockExpiredSecondsAgo']).toBeGreaterThanOrEqual(90);

    const body = await scrape();
    expect(sample(body, `hub_job_takeovers_total{kind="${job.kind}"}`)).toBe(1);
    expect(sample(body, 'hub_job_oldest_runnable_seconds')).toBe(0);
  });

  it('is not a takeover when a job is claimed from the queue', async () => {
    const { db } = harness().database;
    const job = defineJob({
      kind: 'test.takeover-none',
      version: 1,
      payloadSchema: z.object({}),
      async handle() {},
    });
    await enqueueJob(db, { kind: job.kind, payload: {} });
    const log = capturedLog();
    expect(
      await createWorker({ db, logger: log.logger, definitions: [job], housekeepingIntervalMs: 0 }).drain(),
    ).toBe(1);
    expect(log.lines.filter((line) => line.msg.includes('taken over'))).toEqual([]);
    expect(sample(await scrape(), `hub_job_takeovers_total{kind="${job.kind}"}`)).toBeUndefined();
  });
});

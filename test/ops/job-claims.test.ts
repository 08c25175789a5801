// Several workers on one database (SPEC §10): each job is claimed once, a job whose worker died is
// taken over once its lock expires (not before), and the lock's length is JOB_LOCK_SECONDS.
import pino from 'pino';
import { sql } from 'kysely';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { defineJob } from '../../src/jobs/job-definition.ts';
import { claimNextJob, enqueueJob } from '../../src/jobs/queue.ts';
import { configureJobLockSeconds, createWorker, startWorker } from '../../src/jobs/worker.ts';
import { useTestDatabase } from '../helpers/database.ts';

const logger = pino({ level: 'silent' });

describe('jobs shared by several workers', () => {
  const database = useTestDatabase();

  afterEach(async () => {
    configureJobLockSeconds(60);
    await database().db.deleteFrom('jobs').execute();
  });

  it('runs every job once when two workers claim at the same time', async () => {
    const { db } = database();
    const runs: number[] = [];
    const counted = defineJob({
      kind: 'test.claim-once',
      version: 1,
      payloadSchema: z.object({ n: z.number() }),
      async handle({ n }) {
        runs.push(n);
        // Holds its claim across an await, so the other worker's claims overlap it.
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    const total = 40;
    for (let n = 0; n < total; n += 1) await enqueueJob(db, { kind: counted.kind, payload: { n } });
    const workers = [1, 2].map(() =>
      startWorker({ db, logger, definitions: [counted], pollIntervalMs: 5, housekeepingIntervalMs: 0 }),
    );
    await expect.poll(() => runs.length, { timeout: 20_000, interval: 20 }).toBeGreaterThanOrEqual(total);
    await Promise.all(workers.map((worker) => worker.stop()));
    expect([...runs].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, n) => n));
    const states = await db
      .selectFrom('jobs')
      .select(['status', 'attempts'])
      .where('kind', '=', counted.kind)
      .execute();
    expect(states.every((job) => job.status === 'succeeded' && job.attempts === 1)).toBe(true);
  });

  it("takes over a dead worker's job once its lock has expired, not before", async () => {
    const { db } = database();
    const runs: string[] = [];
    const job = defineJob({
      kind: 'test.takeover',
      version: 1,
      payloadSchema: z.object({}),
      async handle(_payload, { job: row }) {
        runs.push(`attempt ${row.attempts}`);
      },
    });
    const queued = await enqueueJob(db, { kind: job.kind, payload: {} });
    // A worker claims the job and dies: no heartbeat, no release.
    const claimed = await claimNextJob(db, 'worker-dead', 30, [job.kind]);
    expect(claimed?.id).toBe(queued.id);

    const survivor = createWorker({ db, logger, definitions: [job], housekeepingIntervalMs: 0 });
    expect(await survivor.drain()).toBe(0);
    expect(runs).toEqual([]);

    // The dead worker's lock runs out.
    await db
      .updateTable('jobs')
      .set({ locked_until: sql`now() - interval '1 second'` })
      .where('id', '=', queued.id)
      .execute();
    expect(await survivor.drain()).toBe(1);
    expect(runs).toEqual(['attempt 2']);
    const done = await db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', queued.id)
      .executeTakeFirstOrThrow();
    expect(done).toMatchObject({ status: 'succeeded', locked_by: null });
  });

  it('claims for JOB_LOCK_SECONDS, as openRuntime configures it', async () => {
    const { db } = database();
    const lockLeft: number[] = [];
    const job = defineJob({
      kind: 'test.lock-length',
      version: 1,
      payloadSchema: z.object({}),
      async handle(_payload, { job: row }) {
        const result = await sql<{ seconds: number }>`
          select extract(epoch from locked_until - now())::float8 as seconds from jobs where id = ${row.id}`.execute(
          db,
        );
        lockLeft.push(result.rows[0]?.seconds ?? 0);
      },
    });
    configureJobLockSeconds(17);
    await enqueueJob(db, { kind: job.kind, payload: {} });
    expect(await createWorker({ db, logger, definitions: [job], housekeepingIntervalMs: 0 }).drain()).toBe(1);
    expect(lockLeft).toHaveLength(1);
    expect(lockLeft[0]).toBeGreaterThan(10);
    expect(lockLeft[0]).toBeLessThanOrEqual(17);
  });
});

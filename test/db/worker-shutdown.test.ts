// A worker that shuts down while a job runs hands the job back to the queue: the next worker
// takes it at once (no wait for the lock to expire), and the interruption costs no attempt.
import pino from 'pino';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineJob } from '../../src/jobs/job-definition.ts';
import { enqueueJob } from '../../src/jobs/queue.ts';
import { createWorker, startWorker } from '../../src/jobs/worker.ts';
import { useTestDatabase } from '../helpers/database.ts';

const logger = pino({ level: 'silent' });

describe('worker shutdown', () => {
  const database = useTestDatabase();

  it('releases the running job, which the next worker resumes at once', async () => {
    const { db } = database();
    let started = () => undefined as void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const runs: string[] = [];
    const longJob = defineJob({
      kind: 'test.long',
      version: 1,
      payloadSchema: z.object({ name: z.string() }),
      async handle({ name }, { signal }) {
        if (runs.length === 0) {
          runs.push(`${name}: interrupted`);
          started();
          // Runs until the worker shuts down, then stops at its "safe point".
          await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
          throw new Error('stopped by shutdown');
        }
        runs.push(`${name}: finished`);
      },
    });
    const job = await enqueueJob(db, { kind: longJob.kind, payload: { name: 'import' } });

    // A lock far longer than the test: only a release lets the second worker take the job.
    const first = startWorker({ db, logger, definitions: [longJob], lockSeconds: 3600, pollIntervalMs: 10 });
    await running;
    const claimed = await db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(claimed).toMatchObject({ status: 'running', locked_by: first.id, attempts: 1 });

    await first.stop();
    const released = await db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(released).toMatchObject({ status: 'queued', locked_by: null, locked_until: null, attempts: 0 });
    expect(released.last_error).toBeNull();

    const second = createWorker({ db, logger, definitions: [longJob], lockSeconds: 3600 });
    expect(await second.drain()).toBe(1);
    expect(runs).toEqual(['import: interrupted', 'import: finished']);
    const done = await db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1 });
  });
});

// A job whose database connection is lost mid-run (PostgreSQL restarted, a failover, a network
// cut) uses no attempt: its worker hands it back to the queue as soon as the database answers
// again. It stayed `running` until its lock expired (JOB_LOCK_SECONDS) and lost an attempt, so a
// few short outages could fail a long import. PostgreSQL only: PGlite has no connection to lose.
import { Writable } from 'node:stream';
import { setTimeout } from 'node:timers/promises';
import { sql } from 'kysely';
import pino from 'pino';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { defineJob } from '../../src/jobs/job-definition.ts';
import { enqueueJob } from '../../src/jobs/queue.ts';
import { startWorker, type Worker } from '../../src/jobs/worker.ts';
import { createDatabaseBehindProxy, type DatabaseBehindProxy } from './database-behind-proxy.ts';
import type { TcpProxy } from './tcp-proxy.ts';

const target = inject('testDatabase');

/** The log lines a worker writes, parsed, with a way to wait for one. */
function capturedLog() {
  const lines: { msg?: string; level?: number }[] = [];
  const waiters: { test: (msg: string) => boolean; resolve: () => void }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n').filter(Boolean)) {
        const line = JSON.parse(text) as { msg?: string; level?: number };
        lines.push(line);
        for (const waiter of waiters) if (waiter.test(line.msg ?? '')) waiter.resolve();
      }
      done();
    },
  });
  return {
    logger: pino({ level: 'info' }, stream),
    lines,
    until(test: (msg: string) => boolean): Promise<void> {
      if (lines.some((line) => test(line.msg ?? ''))) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
  };
}

/** The job's row once it has succeeded or failed. */
async function untilFinished(db: Database['db'], jobId: string) {
  for (;;) {
    const row = await db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    if (row.status === 'succeeded' || row.status === 'failed') return row;
    await setTimeout(50);
  }
}

describe.skipIf(target.kind !== 'postgres')('a job whose database connection is lost', () => {
  let database: DatabaseBehindProxy | undefined;
  /** The worker's database, reached through the proxy that the test cuts. */
  let throughProxy: Database | undefined;
  /** The same database reached directly: the test's view while the worker's is cut. */
  let direct: Database | undefined;
  let worker: Worker | undefined;

  beforeAll(async () => {
    if (target.kind !== 'postgres') return;
    database = await createDatabaseBehindProxy(target);
    direct = await openDatabase({ kind: 'postgres', url: database.directUrl, poolSize: 2 });
    throughProxy = await openDatabase({ kind: 'postgres', url: database.proxiedUrl, poolSize: 3 });
  });

  afterAll(async () => {
    await worker?.stop();
    await throughProxy?.close();
    await direct?.close();
    await database?.close();
  });

  function databases(): { workerDb: Database['db']; db: Database['db']; cut: TcpProxy } {
    if (!throughProxy || !direct || !database) throw new Error('Only inside tests');
    return { workerDb: throughProxy.db, db: direct.db, cut: database.proxy };
  }

  it('releases the job once the database is back, without using an attempt', async () => {
    const { workerDb, db, cut } = databases();
    const log = capturedLog();
    let started = () => undefined as void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let databaseGone = () => undefined as void;
    const gone = new Promise<void>((resolve) => (databaseGone = resolve));
    let resumed = (_attempts: number) => undefined as void;
    const resumedAt = new Promise<number>((resolve) => (resumed = resolve));
    let runs = 0;
    const job = defineJob({
      kind: 'test.outage',
      version: 1,
      payloadSchema: z.object({}),
      async handle(_payload, runtime) {
        runs += 1;
        if (runs === 1) {
          started();
          await gone;
          // The next batch of a long import: the database is away.
          await sql`select 1`.execute(runtime.db);
          return;
        }
        resumed(runtime.job.attempts);
      },
    });
    const queued = await enqueueJob(db, { kind: job.kind, payload: {}, maxAttempts: 5 });
    // A lock far longer than the test: only a release lets the job run again.
    worker = startWorker({
      db: workerDb,
      logger: log.logger,
      definitions: [job],
      lockSeconds: 3600,
      pollIntervalMs: 20,
      housekeepingIntervalMs: 0,
    });
    await running;
    await cut.cut();
    databaseGone();
    // The worker tried to hand the job back while the database was away, and could not.
    await log.until(
      (msg) => msg === 'could not release the job: database unavailable' || msg === 'worker loop error',
    );
    expect(log.lines.map((line) => line.msg)).toContain('could not release the job: database unavailable');
    const whileAway = await db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', queued.id)
      .executeTakeFirstOrThrow();
    expect(whileAway).toMatchObject({ status: 'running', attempts: 1 });

    await cut.restore();
    expect(await resumedAt).toBe(1);
    await worker.stop();
    worker = undefined;
    const done = await db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', queued.id)
      .executeTakeFirstOrThrow();
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1, last_error: null });
    expect(log.lines.some((line) => line.msg === 'job failed')).toBe(false);
  });

  it('survives more lost connections than it has attempts; other failures still use one', async () => {
    const { workerDb, db } = databases();
    const log = capturedLog();
    const attemptsSeen: number[] = [];
    const job = defineJob({
      kind: 'test.terminated',
      version: 1,
      payloadSchema: z.object({}),
      async handle(_payload, runtime) {
        attemptsSeen.push(runtime.job.attempts);
        const run = attemptsSeen.length;
        if (run <= 3) {
          // PostgreSQL ends this run's connection (as a restart or pg_terminate_backend does).
          await runtime.db.connection().execute(async (connection) => {
            const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(connection);
            await sql`select pg_terminate_backend(${rows[0]?.pid ?? 0})`.execute(db);
            await sql`select 1`.execute(connection);
          });
          return;
        }
        if (run === 4) throw new Error('an ordinary failure');
      },
    });
    const queued = await enqueueJob(db, { kind: job.kind, payload: {}, maxAttempts: 2 });
    worker = startWorker({
      db: workerDb,
      logger: log.logger,
      definitions: [job],
      lockSeconds: 3600,
      pollIntervalMs: 20,
      housekeepingIntervalMs: 0,
    });
    // The ordinary failure is retried after its backoff (2 s after a first attempt). A worker that
    // could not write a run's outcome left the job locked (by it) for the whole lockSeconds.
    await Promise.race([untilFinished(db, queued.id), log.until((msg) => msg === 'worker loop error')]);
    const row = await db.selectFrom('jobs').selectAll().where('id', '=', queued.id).executeTakeFirstOrThrow();
    await worker.stop();
    worker = undefined;
    // Three lost connections, each run still the first attempt; the ordinary failure used it.
    expect(attemptsSeen).toEqual([1, 1, 1, 1, 2]);
    expect(row).toMatchObject({ status: 'succeeded', attempts: 2, last_error: 'an ordinary failure' });
  });
});

// What the worker tests share (ADR 0093): promises the test releases, a job held until then, the
// status of a job, the worker's log lines, and the check that a stop hands running jobs back.
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { expect } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { defineJob } from '../../src/jobs/job-definition.ts';
import { findJob } from '../../src/jobs/queue.ts';
import { startWorker, type createWorker, type Worker, type WorkerOptions } from '../../src/jobs/worker.ts';

/** How long and how often `expect.poll` looks for what a worker does in the background. */
export const poll = { timeout: 10_000, interval: 20 };

/** A promise the test resolves when it chooses. */
export function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Resolves with `release`; rejects when the worker stops first (as a send or an import does). */
export function heldUntil(release: Promise<void>, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const stop = () => reject(new Error('worker stopping'));
    signal?.addEventListener('abort', stop, { once: true });
    void release.then(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    });
  });
}

/** A job of `kind` that does not end, not even when the worker stops, until `release`. */
export function jobIgnoringStop(kind: string, release: Promise<void>) {
  return defineJob({
    kind,
    version: 1,
    payloadSchema: z.object({}),
    async handle() {
      await release;
    },
  });
}

export async function statusOf(db: Kysely<DB>, jobId: string) {
  return (await findJob(db, jobId))?.status;
}

/** One JSON log line as pino writes it. */
export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

/** An info logger whose lines the test reads (a chunk may hold several lines). */
export function capturedLog(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(text) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

/**
 * Runs the worker's loops until each job runs, stops the worker and expects each job queued again,
 * unlocked, its attempt not counted: a job that outlives the stop grace is handed back, not lost.
 */
export async function expectStopHandsBack(
  db: Kysely<DB>,
  worker: ReturnType<typeof createWorker>,
  jobIds: readonly string[],
) {
  worker.loop();
  for (const id of jobIds) await expect.poll(() => statusOf(db, id), poll).toBe('running');
  await worker.stop();
  for (const id of jobIds)
    expect(await findJob(db, id)).toMatchObject({ status: 'queued', locked_by: null, attempts: 0 });
}

/** The workers a test started; the file's afterEach stops them (`stopAll`) before it clears the jobs. */
export function testWorkers(logger: Logger) {
  const workers: Worker[] = [];
  return {
    /** Keeps a worker the test made itself, to be stopped with the others. */
    add<W extends Worker>(worker: W): W {
      workers.push(worker);
      return worker;
    },
    /** A running worker that polls every 10 ms and waits 200 ms for its jobs at stop. */
    start(db: Kysely<DB>, definitions: WorkerOptions['definitions']): Worker {
      const worker = startWorker({
        db,
        logger,
        definitions,
        pollIntervalMs: 10,
        housekeepingIntervalMs: 0,
        stopGraceMs: 200,
      });
      workers.push(worker);
      return worker;
    },
    async stopAll(): Promise<void> {
      await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    },
  };
}

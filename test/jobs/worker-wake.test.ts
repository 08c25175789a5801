// An enqueued job wakes one pausing loop of its lane, not all of them (ADR 0093, update): the
// others would only find nothing and pause again. And no wake-up is lost: a job enqueued while
// none of the lane's loops pauses (each claiming, or running a job) makes the next loop to pause
// claim once more first, since its claim may have read the queue before that job was committed.
// The loops here poll once a minute: a job a wake-up missed would wait past the test's timeout.
import { randomUUID } from 'node:crypto';
import { setImmediate as turn } from 'node:timers/promises';
import pino from 'pino';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineJob } from '../../src/jobs/job-definition.ts';
import { claimNextJob, enqueueJob, jobSignals } from '../../src/jobs/queue.ts';
import type * as queueModule from '../../src/jobs/queue.ts';
import { startWorker } from '../../src/jobs/worker.ts';
import { IMPORT_JOB_KIND } from '../../src/services/imports/import-job-kind.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { gate, heldUntil, poll, statusOf, testWorkers } from './worker-test-kit.ts';

/** A point of a claim the test holds: `reached` tells it is there, `release` lets it go on. */
interface ClaimHold {
  readonly reached: () => void;
  readonly release: Promise<void>;
}

/** The worker's claims, counted; the next one may be held before and after its query. */
const claims = vi.hoisted(() => ({
  started: 0,
  ended: 0,
  holdNext: undefined as { readonly before?: ClaimHold; readonly after?: ClaimHold } | undefined,
}));

vi.mock('../../src/jobs/queue.ts', async (importOriginal) => {
  const original = await importOriginal<typeof queueModule>();
  const wait = async (hold: ClaimHold | undefined) => {
    hold?.reached();
    await hold?.release;
  };
  return {
    ...original,
    async claimNextJob(...args: Parameters<typeof original.claimNextJob>) {
      claims.started += 1;
      const hold = claims.holdNext;
      claims.holdNext = undefined;
      try {
        await wait(hold?.before);
        const job = await original.claimNextJob(...args);
        await wait(hold?.after);
        return job;
      } finally {
        claims.ended += 1;
      }
    },
  };
});

/** A hold of a claim and the gates the test drives it with. */
function claimHold() {
  const reached = gate();
  const release = gate();
  return {
    hold: { reached: reached.open, release: release.opened },
    reached: reached.opened,
    release: release.open,
  };
}

const logger = pino({ level: 'silent' });

describe('waking the loops of a lane', () => {
  const database = useTestDatabase();
  const workers = testWorkers(logger);

  beforeEach(() => {
    claims.started = 0;
    claims.ended = 0;
    claims.holdNext = undefined;
  });

  afterEach(async () => {
    await workers.stopAll();
    await database().db.deleteFrom('jobs').execute();
  });

  /** Runs its jobs at once, but the one named `held`, which waits for `release`. */
  function importJob(release: Promise<void> = Promise.resolve()) {
    return defineJob({
      kind: IMPORT_JOB_KIND,
      version: 1,
      payloadSchema: z.object({ name: z.string() }),
      async handle({ name }, { signal }) {
        if (name === 'held') await heldUntil(release, signal);
      },
    });
  }

  /** A worker of the `customers` lane only whose loops have all claimed once and now pause. */
  async function pausingWorker(customerLoops: number, release?: Promise<void>) {
    workers.add(
      startWorker({
        db: database().db,
        logger,
        definitions: [importJob(release)],
        customerLoops,
        pollIntervalMs: 60_000,
        housekeepingIntervalMs: 0,
        stopGraceMs: 200,
      }),
    );
    await expect.poll(() => claims.ended, poll).toBe(customerLoops);
    // Each loop pauses in the turn its empty claim answered.
    await turn();
    expect(claims.started).toBe(customerLoops);
  }

  const enqueue = (name: string) =>
    enqueueJob(database().db, { kind: IMPORT_JOB_KIND, payload: { name }, queueKey: randomUUID() });

  /** The claims started by the loops a signal woke: each woken loop claims in the same turn. */
  async function claimsAfter(signal: () => Promise<unknown> | void): Promise<number> {
    const before = claims.started;
    await signal();
    await turn();
    return claims.started - before;
  }

  it('wakes one of three pausing loops for one enqueued job, which runs it', async () => {
    // Held, so the woken loop's next claim (after the job) is not counted with the wake-ups.
    const release = gate();
    await pausingWorker(3, release.opened);
    let job: Awaited<ReturnType<typeof enqueue>> | undefined;
    expect(await claimsAfter(async () => (job = await enqueue('held')))).toBe(1);
    await expect.poll(() => statusOf(database().db, job!.id), poll).toBe('running');
    release.open();
    await expect.poll(() => statusOf(database().db, job!.id), poll).toBe('succeeded');
  });

  it('wakes two different loops for two jobs enqueued in the same turn', async () => {
    await pausingWorker(3);
    const woken = await claimsAfter(() => {
      jobSignals.emit('enqueued', IMPORT_JOB_KIND);
      jobSignals.emit('enqueued', IMPORT_JOB_KIND);
    });
    expect(woken).toBe(2);
  });

  it('runs a job enqueued while the only loop is claiming, its claim having read the queue before the job', async () => {
    await pausingWorker(1);
    const after = claimHold();
    claims.holdNext = { after: after.hold };
    // The loop wakes and claims: nothing yet. Its answer is held until the job is in.
    jobSignals.emit('enqueued', IMPORT_JOB_KIND);
    await after.reached;
    const job = await enqueue('late');
    after.release();
    await expect.poll(() => statusOf(database().db, job.id), poll).toBe('succeeded');
  });

  it('runs a job enqueued while the woken loop finds its job taken by another node and the other loop is busy', async () => {
    const releaseHeld = gate();
    await pausingWorker(2, releaseHeld.opened);
    const { db } = database();
    const held = await enqueue('held');
    await expect.poll(() => statusOf(db, held.id), poll).toBe('running');
    // One loop runs `held`, the other pauses again once its claim has answered.
    await expect.poll(() => claims.ended, poll).toBe(claims.started);
    await turn();

    const before = claimHold();
    const after = claimHold();
    claims.holdNext = { before: before.hold, after: after.hold };
    const taken = await enqueue('taken');
    await before.reached;
    expect((await claimNextJob(db, 'another-node', 60, [IMPORT_JOB_KIND]))?.id).toBe(taken.id);
    before.release();
    // The woken loop's claim found nothing; the job below comes in before it pauses.
    await after.reached;
    const late = await enqueue('late');
    after.release();
    await expect.poll(() => statusOf(db, late.id), poll).toBe('succeeded');
    expect(await statusOf(db, held.id)).toBe('running');
    releaseHeld.open();
  });
});

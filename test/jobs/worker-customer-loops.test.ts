// The `customers` lane runs several claim loops in one worker (ADR 0093, update): one customer's
// long import no longer holds up another customer's provisioning or import on a single node (the
// inline worker), while one customer's jobs still run strictly one after another in enqueue order
// (the claim's `not exists` an older queued or running job of the same queue_key). On PGlite the
// loops take turns on its one connection; on PostgreSQL each holds a connection of its own.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import pino from 'pino';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { defineJob } from '../../src/jobs/job-definition.ts';
import { claimNextJob, enqueueJob } from '../../src/jobs/queue.ts';
import { jobDefinitions } from '../../src/jobs/registry.ts';
import {
  configureWorkerLanes,
  createWorker,
  DEFAULT_CUSTOMER_LOOPS,
  startWorker,
  type WorkerOptions,
} from '../../src/jobs/worker.ts';
import { IMPORT_JOB_KIND } from '../../src/services/imports/import-job-kind.ts';
import { loadConfig } from '../../src/config.ts';
import { openRuntime } from '../../src/runtime.ts';
import { prepareMigratedDataDir } from '../cli/migrated-data-dir.ts';
import { useTestDatabase } from '../helpers/database.ts';
import {
  capturedLog,
  testWorkers,
  expectStopHandsBack,
  gate,
  heldUntil,
  jobIgnoringStop,
  poll,
  statusOf,
} from './worker-test-kit.ts';

const logger = pino({ level: 'silent' });
describe('the customers lane runs several loops', () => {
  const database = useTestDatabase();
  const workers = testWorkers(logger);

  afterEach(async () => {
    await workers.stopAll();
    configureWorkerLanes({ customerLoops: DEFAULT_CUSTOMER_LOOPS });
    await database().db.deleteFrom('jobs').execute();
  });

  const start = (definitions: WorkerOptions['definitions'], db = database().db) =>
    workers.start(db, definitions);

  async function enqueueFor(customer: string, name: string, kind = IMPORT_JOB_KIND) {
    return enqueueJob(database().db, { kind, payload: { name }, queueKey: customer });
  }

  it("runs customer B's import to the end while customer A's import is held; A's next job waits for A's first", async () => {
    const { db } = database();
    const runs: string[] = [];
    const holdA = gate();
    const importJob = defineJob({
      kind: IMPORT_JOB_KIND,
      version: 1,
      payloadSchema: z.object({ name: z.string() }),
      async handle({ name }, { signal }) {
        runs.push(`${name} started`);
        if (name === 'A1') await heldUntil(holdA.opened, signal);
        runs.push(`${name} done`);
      },
    });
    const provisionJob = defineJob({
      kind: 'provision-customer',
      version: 1,
      payloadSchema: z.object({ name: z.string() }),
      async handle({ name }) {
        runs.push(`${name} started`, `${name} done`);
      },
    });
    const customerA = randomUUID();
    const customerB = randomUUID();
    const a1 = await enqueueFor(customerA, 'A1');
    const a2 = await enqueueFor(customerA, 'A2', 'provision-customer');
    const b1 = await enqueueFor(customerB, 'B1', 'provision-customer');
    const b2 = await enqueueFor(customerB, 'B2');
    // The default: one worker, as the inline worker of a single node.
    start([importJob, provisionJob]);

    await expect.poll(() => statusOf(db, b2.id), poll).toBe('succeeded');
    expect(await statusOf(db, b1.id)).toBe('succeeded');
    expect(await statusOf(db, a1.id)).toBe('running');
    expect(await statusOf(db, a2.id)).toBe('queued');
    expect(runs.filter((line) => line.startsWith('A'))).toEqual(['A1 started']);
    expect(runs.filter((line) => line.startsWith('B'))).toEqual([
      'B1 started',
      'B1 done',
      'B2 started',
      'B2 done',
    ]);

    holdA.open();
    await expect.poll(() => statusOf(db, a2.id), poll).toBe('succeeded');
    expect(runs.filter((line) => line.startsWith('A'))).toEqual([
      'A1 started',
      'A1 done',
      'A2 started',
      'A2 done',
    ]);
  });

  it("never runs one customer's jobs at once in two loops of one worker, and keeps them in enqueue order", async () => {
    const { db } = database();
    const running = new Map<string, number>();
    const overlaps: string[] = [];
    const order = new Map<string, string[]>();
    let mostAtOnce = 0;
    const busy = defineJob({
      kind: IMPORT_JOB_KIND,
      version: 1,
      payloadSchema: z.object({ name: z.string(), customer: z.string() }),
      async handle({ name, customer }, { db: jobDb }) {
        const now = (running.get(customer) ?? 0) + 1;
        running.set(customer, now);
        if (now > 1) overlaps.push(name);
        mostAtOnce = Math.max(
          mostAtOnce,
          [...running.values()].reduce((sum, count) => sum + count, 0),
        );
        order.set(customer, [...(order.get(customer) ?? []), name]);
        // Work that gives the other loop its turns: queries (PGlite's connection, the pool) and
        // turns of the event loop, as an import's batches do.
        for (let step = 0; step < 3; step += 1) {
          await jobDb.selectFrom('jobs').select('id').limit(1).execute();
          await turn();
        }
        running.set(customer, (running.get(customer) ?? 1) - 1);
      },
    });
    const customers = [randomUUID(), randomUUID(), randomUUID()];
    const jobs = [];
    for (let n = 0; n < 8; n += 1)
      for (const [index, customer] of customers.entries())
        jobs.push(
          await enqueueJob(db, {
            kind: IMPORT_JOB_KIND,
            payload: { name: `${index}-${n}`, customer },
            queueKey: customer,
          }),
        );
    const worker = createWorker({
      db,
      logger,
      definitions: [busy],
      pollIntervalMs: 5,
      housekeepingIntervalMs: 0,
      customerLoops: 3,
    });
    workers.add(worker);
    worker.loop();

    for (const job of jobs) await expect.poll(() => statusOf(db, job.id), poll).toBe('succeeded');
    expect(overlaps).toEqual([]);
    for (const [index, customer] of customers.entries())
      expect(order.get(customer)).toEqual(Array.from({ length: 8 }, (_, n) => `${index}-${n}`));
    // The loops did run side by side (different customers' jobs).
    expect(mostAtOnce).toBeGreaterThan(1);
  });

  it("runs customer B's small import to the end while customer A's import writes batch after batch (PGlite: turns on one connection)", async () => {
    const { db } = database();
    let stopA = false;
    let batchesOfA = 0;
    let batchesWhenBDone = -1;
    // A stand-in for a long import: a transaction per batch, back to back, with the next batch's
    // lookups already asking for the connection while the batch writes (run-import's pipeline).
    // On PGlite each of them waits its turn for the one connection, as B's queries do.
    const longImport = defineJob({
      kind: IMPORT_JOB_KIND,
      version: 1,
      payloadSchema: z.object({ name: z.string() }),
      async handle(_payload, { db: jobDb }) {
        while (!stopA) {
          await Promise.all([
            jobDb.transaction().execute(async (trx) => {
              for (let row = 0; row < 20; row += 1)
                await trx.selectFrom('jobs').select('id').where('queue_key', '=', `row-${row}`).execute();
            }),
            jobDb.selectFrom('jobs').select('id').limit(5).execute(),
          ]);
          batchesOfA += 1;
          // Planning a batch gives the event loop turns (batch-pipeline.ts, every 100 rows).
          await turn();
        }
      },
    });
    const smallImport = defineJob({
      kind: 'provision-customer',
      version: 1,
      payloadSchema: z.object({ name: z.string() }),
      async handle(_payload, { db: jobDb }) {
        // A small import's queries, one after another.
        for (let query = 0; query < 30; query += 1)
          await jobDb.selectFrom('jobs').select('id').limit(1).execute();
        batchesWhenBDone = batchesOfA;
      },
    });
    const a = await enqueueFor(randomUUID(), 'A');
    start([longImport, smallImport]);
    await expect.poll(() => batchesOfA, poll).toBeGreaterThan(2);
    const b = await enqueueFor(randomUUID(), 'B', 'provision-customer');

    try {
      await expect.poll(() => statusOf(db, b.id), poll).toBe('succeeded');
      // A was still writing its batches when B ended: B's queries got their turns between them.
      expect(await statusOf(db, a.id)).toBe('running');
      expect(batchesWhenBDone).toBeGreaterThan(2);
    } finally {
      stopA = true;
    }
    await expect.poll(() => statusOf(db, a.id), poll).toBe('succeeded');
  });

  it("lets only one of two racing claims take a customer's jobs", async () => {
    const { db } = database();
    const customer = randomUUID();
    const first = await enqueueFor(customer, 'A1');
    await enqueueFor(customer, 'A2');
    await enqueueFor(customer, 'A3');
    for (let round = 0; round < 5; round += 1) {
      const claims = await Promise.all(
        Array.from({ length: 4 }, (_, loop) => claimNextJob(db, `racer-${loop}`, 30, [IMPORT_JOB_KIND])),
      );
      const claimed = claims.filter((job) => job !== undefined);
      expect(claimed.map((job) => job.id)).toEqual(round === 0 ? [first.id] : []);
    }
  });

  it("releases each loop's running job at stop when it does not stop in the grace", async () => {
    const { db } = database();
    const neverEnds = gate();
    const a = await enqueueFor(randomUUID(), 'A1');
    const b = await enqueueFor(randomUUID(), 'B1');
    const worker = createWorker({
      db,
      logger,
      definitions: [jobIgnoringStop(IMPORT_JOB_KIND, neverEnds.opened)],
      pollIntervalMs: 10,
      housekeepingIntervalMs: 0,
      stopGraceMs: 50,
      customerLoops: 2,
    });
    await expectStopHandsBack(db, worker, [a.id, b.id]);
    neverEnds.open();
  });

  it('runs one customers loop in a worker of one customer queue (the CLI), and the configured number otherwise', () => {
    const { db } = database();
    const base = { db, logger, definitions: jobDefinitions, housekeepingIntervalMs: 0 };
    expect(createWorker(base).laneLoops).toEqual({ customers: DEFAULT_CUSTOMER_LOOPS, email: 1 });
    expect(createWorker({ ...base, queueKey: randomUUID() }).laneLoops).toEqual({ customers: 1, email: 1 });
    configureWorkerLanes({ customerLoops: 4 });
    expect(createWorker(base).laneLoops).toEqual({ customers: 4, email: 1 });
    expect(createWorker({ ...base, customerLoops: 1 }).laneLoops).toEqual({ customers: 1, email: 1 });
  });

  it('says in its start log how many loops each lane runs, and warns once when the pool is too small for them', async () => {
    const { logger: infoLogger, lines } = capturedLog();
    configureWorkerLanes({ customerLoops: 2, poolSize: 4 });
    const worker = startWorker({
      db: database().db,
      logger: infoLogger,
      definitions: jobDefinitions,
      housekeepingIntervalMs: 0,
      sharesPoolWithHttp: true,
    });
    await worker.stop();
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'worker started', laneLoops: { customers: 2, email: 1 } }),
    );
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ poolSize: 4, workerConnections: 3, suggestedPoolSize: 5 });
    expect(String(warnings[0]?.msg)).toContain('DB_POOL_SIZE');
  });
});

it('takes WORKER_CUSTOMER_LOOPS from the environment through openRuntime', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-customer-loops-'));
  // A copy of the migrated template, not a first start: an initdb and every migration took up to
  // the whole test timeout on a loaded machine, and the first start is not what this checks.
  await prepareMigratedDataDir(dataDir);
  const runtime = await openRuntime(
    loadConfig({ HUB_DATA_DIR: dataDir, WORKER_CUSTOMER_LOOPS: '3', LOG_LEVEL: 'silent' }),
    logger,
  );
  try {
    const worker = createWorker({ db: runtime.database.db, logger, definitions: jobDefinitions });
    expect(worker.laneLoops).toEqual({ customers: 3, email: 1 });
  } finally {
    configureWorkerLanes({ customerLoops: DEFAULT_CUSTOMER_LOOPS });
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

// /metrics shows each lane's claim loops and how many of them run a job now (ADR 0093, update):
// an operator sees when every `customers` loop is taken (long imports) and other customers' jobs
// wait, which the queue series alone (hub_jobs) do not tell from a stuck worker.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pino from 'pino';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { metricsPlugin } from '../../src/http/plugins/metrics.ts';
import { defineJob } from '../../src/jobs/job-definition.ts';
import { enqueueJob } from '../../src/jobs/queue.ts';
import { IMPORT_JOB_KIND } from '../../src/services/imports/import-job-kind.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { gate, heldUntil, poll, statusOf, testWorkers } from './worker-test-kit.ts';

const logger = pino({ level: 'silent' });

/** The lane series of a scrape, `name{lane="…"} value`. */
function laneSamples(body: string): string[] {
  return body.split('\n').filter((line) => /^hub_worker_lane_(busy_)?loops\{/.test(line));
}

describe('lane metrics', () => {
  const database = useTestDatabase();
  const workers = testWorkers(logger);

  afterEach(async () => {
    await workers.stopAll();
    await database().db.deleteFrom('jobs').execute();
  });

  async function scrape(): Promise<string[]> {
    const app = Fastify({ logger: false });
    await app.register(metricsPlugin, { database: database() });
    try {
      const response = await app.inject({ url: '/metrics' });
      expect(response.statusCode).toBe(200);
      return laneSamples(response.body);
    } finally {
      await app.close();
    }
  }

  it('shows 1 busy customers loop of 2 while an import is held, 0 once it ended, and none after the stop', async () => {
    const { db } = database();
    const hold = gate();
    const started = gate();
    const importJob = defineJob({
      kind: IMPORT_JOB_KIND,
      version: 1,
      payloadSchema: z.object({}),
      async handle(_payload, { signal }) {
        started.open();
        await heldUntil(hold.opened, signal);
      },
    });
    const email = defineJob({
      kind: 'deliver-email',
      version: 1,
      payloadSchema: z.object({}),
      async handle() {},
    });
    // The default WORKER_CUSTOMER_LOOPS: two.
    const worker = workers.start(db, [importJob, email]);
    expect(await scrape()).toEqual(
      expect.arrayContaining([
        'hub_worker_lane_loops{lane="customers"} 2',
        'hub_worker_lane_loops{lane="email"} 1',
        'hub_worker_lane_busy_loops{lane="customers"} 0',
        'hub_worker_lane_busy_loops{lane="email"} 0',
      ]),
    );

    const job = await enqueueJob(db, { kind: IMPORT_JOB_KIND, payload: {}, queueKey: randomUUID() });
    await started.opened;
    expect(await scrape()).toEqual(
      expect.arrayContaining([
        'hub_worker_lane_loops{lane="customers"} 2',
        'hub_worker_lane_busy_loops{lane="customers"} 1',
        'hub_worker_lane_busy_loops{lane="email"} 0',
      ]),
    );

    hold.open();
    await expect.poll(() => statusOf(db, job.id), poll).toBe('succeeded');
    await expect.poll(scrape, poll).toContain('hub_worker_lane_busy_loops{lane="customers"} 0');

    await worker.stop();
    expect(await scrape()).toEqual(
      expect.arrayContaining([
        'hub_worker_lane_loops{lane="customers"} 0',
        'hub_worker_lane_busy_loops{lane="customers"} 0',
      ]),
    );
  });
});

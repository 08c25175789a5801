// /metrics as Prometheus scrapes it: requests by route template (never a URL with ids, which
// would grow a series per customer), the job queue of all workers read from the database, job
// outcomes and processed import rows of this process, and the PostgreSQL pool.
import pino from 'pino';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineJob } from '../../src/jobs/job-definition.ts';
import { enqueueJob } from '../../src/jobs/queue.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import { useTestApp } from '../helpers/app.ts';
import { generateUsersCsvBytes } from '../imports/generate-users-csv.ts';
import { runImportFile } from '../imports/import-helpers.ts';
import { createGeneratedCustomer, generatedLocations } from '../imports/import-setup.ts';

const logger = pino({ level: 'silent' });

/** The sample lines of one metric, `name{labels} value`. */
function samples(body: string, name: string): string[] {
  return body.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

describe('/metrics', () => {
  const harness = useTestApp();

  async function scrape(): Promise<string> {
    const response = await harness().app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    return response.body;
  }

  it('labels requests by route template and status, so ids and unknown paths add no series', async () => {
    const { app, auth, tokens } = harness();
    const ids = Array.from(
      { length: 12 },
      (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    );
    for (const id of ids) await app.inject({ url: `/v1/customers/${id}`, headers: auth(tokens.partnerFull) });
    for (const id of ids) await app.inject({ url: `/no/such/page-${id}` });
    for (const id of ids) await app.inject({ method: 'DELETE', url: `/no/such/api-${id}` });
    const body = await scrape();
    for (const id of ids) expect(body).not.toContain(id);
    const customerSeries = samples(body, 'hub_http_request_duration_seconds_count').filter((line) =>
      line.includes('route="/v1/customers/:customerId"'),
    );
    expect(customerSeries).toEqual([
      'hub_http_request_duration_seconds_count{method="GET",route="/v1/customers/:customerId",status="404"} 12',
    ]);
  });

  it('shows the queue of every worker by kind and state, and the wait of the oldest runnable job', async () => {
    const { database } = harness();
    await enqueueJob(database.db, { kind: 'deliver-email', payload: { emailId: 'x' } });
    await enqueueJob(database.db, { kind: 'deliver-email', payload: { emailId: 'y' } });
    await enqueueJob(database.db, { kind: 'some-retired-kind', payload: {} });
    const body = await scrape();
    expect(samples(body, 'hub_jobs')).toEqual(
      expect.arrayContaining([
        'hub_jobs{kind="deliver-email",status="queued"} 2',
        'hub_jobs{kind="deliver-email",status="running"} 0',
        'hub_jobs{kind="import-users",status="queued"} 0',
        'hub_jobs{kind="other",status="queued"} 1',
      ]),
    );
    expect(body).not.toContain('some-retired-kind');
    expect(samples(body, 'hub_job_oldest_runnable_seconds')).toHaveLength(1);
    expect(samples(body, 'hub_database_up')).toEqual(['hub_database_up 1']);
    await database.db.deleteFrom('jobs').execute();
  });

  it('counts job runs by kind and outcome', async () => {
    const { database } = harness();
    const flaky = defineJob({
      kind: 'test.metrics-flaky',
      version: 1,
      payloadSchema: z.object({ fail: z.boolean() }),
      async handle({ fail }) {
        if (fail) throw new Error('not this time');
      },
    });
    await enqueueJob(database.db, { kind: flaky.kind, payload: { fail: false } });
    await enqueueJob(database.db, { kind: flaky.kind, payload: { fail: true }, maxAttempts: 2 });
    await createWorker({ db: database.db, logger, definitions: [flaky] }).drain();
    const body = await scrape();
    expect(samples(body, 'hub_job_runs_total')).toEqual(
      expect.arrayContaining([
        'hub_job_runs_total{kind="test.metrics-flaky",outcome="succeeded"} 1',
        'hub_job_runs_total{kind="test.metrics-flaky",outcome="retried"} 1',
      ]),
    );
    expect(body).toContain('hub_job_run_duration_seconds_count{kind="test.metrics-flaky"} 2');
    await database.db.deleteFrom('jobs').execute();
  });

  it('counts the import rows the workers processed', async () => {
    const { database } = harness();
    const before = Number(/^hub_import_rows_processed_total (\d+)$/m.exec(await scrape())?.[1] ?? 'NaN');
    const locations = generatedLocations(1);
    const customer = await createGeneratedCustomer(database, {
      externalId: 'METRICS-1',
      locationCount: 1,
      numbersPerLocation: 100,
    });
    const bytes = generateUsersCsvBytes({ rows: 40, locations, domain: 'metrics.example', numberDigits: 2 });
    const outcome = await runImportFile(database, customer.context, customer.customerId, bytes, 'add-only');
    expect(outcome.view.progress.rowsDone).toBe(40);
    const after = Number(/^hub_import_rows_processed_total (\d+)$/m.exec(await scrape())?.[1] ?? 'NaN');
    expect(after - before).toBe(40);
  });

  it('shows the PostgreSQL pool of this process', async () => {
    const { database } = harness();
    const body = await scrape();
    if (database.kind === 'pglite') {
      expect(body).not.toContain('hub_db_pool_connections');
      return;
    }
    expect(samples(body, 'hub_db_pool_connections')).toEqual(
      expect.arrayContaining(['hub_db_pool_connections{state="max"} 5']),
    );
    expect(samples(body, 'hub_db_pool_waiting_queries')).toEqual(['hub_db_pool_waiting_queries 0']);
  });
});

// The worker runs its jobs in lanes (ADR 0093): customer work (provisioning, deletion, imports)
// and account emails each have their own claim loop. One loop for every kind made an import that
// a partner admin watches wait until a burst of emails queued before it had gone out (a slow or
// failing SMTP server: 30 s per try), and a long import held a password-reset email for its whole
// run. A customer's jobs still run strictly one after another, in enqueue order, across lanes and
// workers. A fake mail server here holds every send until the test lets it go.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kysely, KyselyPlugin } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { insertOutboxEmail } from '../../src/db/repositories/outbox.ts';
import { deliverEmailJob } from '../../src/jobs/definitions/deliver-email.job.ts';
import { defineJob } from '../../src/jobs/job-definition.ts';
import { claimNextJob, enqueueJob } from '../../src/jobs/queue.ts';
import { jobDefinitions } from '../../src/jobs/registry.ts';
import { createWorker, startWorker, type WorkerOptions } from '../../src/jobs/worker.ts';
import { DELIVER_EMAIL_JOB } from '../../src/services/email/email-service.ts';
import { setMailTransport, type MailTransport } from '../../src/services/email/mail-transport.ts';
import { IMPORT_JOB_KIND } from '../../src/services/imports/import-job-kind.ts';
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

/** A mail server that takes every send and answers none of them until released. */
function heldMailServer() {
  const started: string[] = [];
  const sent: string[] = [];
  const release = gate();
  const transport: MailTransport = {
    async send(mail, signal) {
      started.push(mail.to);
      await heldUntil(release.opened, signal);
      sent.push(mail.to);
    },
  };
  return { transport, started, sent, release: release.open };
}

async function queueDeliverEmail(db: Kysely<DB>, to: string, queueKey?: string) {
  const email = await insertOutboxEmail(db, {
    partnerId: null,
    customerId: null,
    to,
    template: 'password_reset',
    subject: 'Reset your password',
    bodyText: 'Follow the link',
  });
  return enqueueJob(db, { kind: DELIVER_EMAIL_JOB, payload: { emailId: email.id }, queueKey });
}

/** A stand-in for a customer's job of `kind` (its lane is the kind's): it records its runs. */
function customerJob(kind: string, runs: string[], hold?: Promise<void>) {
  return defineJob({
    kind,
    version: 1,
    payloadSchema: z.object({ name: z.string() }),
    async handle({ name }, { signal }) {
      runs.push(`${name} started`);
      if (hold) await heldUntil(hold, signal);
      runs.push(`${name} done`);
    },
  });
}

describe('worker lanes', () => {
  const database = useTestDatabase();
  const workers = testWorkers(logger);

  afterEach(async () => {
    await workers.stopAll();
    setMailTransport(null);
    await database().db.deleteFrom('jobs').execute();
    await database().db.deleteFrom('outbox_emails').execute();
  });

  const start = (definitions: WorkerOptions['definitions']) => workers.start(database().db, definitions);

  it('starts an import queued behind a burst of emails while the mail server still holds them', async () => {
    const { db } = database();
    const smtp = heldMailServer();
    setMailTransport(smtp.transport);
    const emails = [];
    for (let n = 0; n < 25; n += 1) emails.push(await queueDeliverEmail(db, `user${n}@example.com`));
    const runs: string[] = [];
    const importJob = await enqueueJob(db, {
      kind: IMPORT_JOB_KIND,
      payload: { name: 'import' },
      queueKey: randomUUID(),
    });
    start([deliverEmailJob, customerJob(IMPORT_JOB_KIND, runs)]);

    // The mail server holds the first email's send...
    await expect.poll(() => smtp.started, poll).toEqual(['user0@example.com']);
    // ...and the import, queued after all 25, runs meanwhile.
    await expect.poll(() => statusOf(db, importJob.id), poll).toBe('succeeded');
    expect(runs).toEqual(['import started', 'import done']);
    expect(smtp.started).toEqual(['user0@example.com']);
    expect(smtp.sent).toEqual([]);

    smtp.release();
    await expect.poll(() => smtp.sent.length, poll).toBe(emails.length);
    for (const email of emails) expect(await statusOf(db, email.id)).toBe('succeeded');
  });

  it('sends a password-reset email queued behind a long import while the import runs', async () => {
    const { db } = database();
    const smtp = heldMailServer();
    smtp.release();
    setMailTransport(smtp.transport);
    const runs: string[] = [];
    const importHeld = gate();
    const importJob = await enqueueJob(db, {
      kind: IMPORT_JOB_KIND,
      payload: { name: 'import' },
      queueKey: randomUUID(),
    });
    const email = await queueDeliverEmail(db, 'forgot@example.com');
    start([deliverEmailJob, customerJob(IMPORT_JOB_KIND, runs, importHeld.opened)]);

    await expect.poll(() => runs, poll).toEqual(['import started']);
    await expect.poll(() => statusOf(db, email.id), poll).toBe('succeeded');
    expect(smtp.sent).toEqual(['forgot@example.com']);
    expect(runs).toEqual(['import started']);
    expect(await statusOf(db, importJob.id)).toBe('running');

    importHeld.open();
    await expect.poll(() => statusOf(db, importJob.id), poll).toBe('succeeded');
  });

  it("keeps a customer's jobs in enqueue order across lanes and workers while other work goes on", async () => {
    const { db } = database();
    const smtp = heldMailServer();
    smtp.release();
    setMailTransport(smtp.transport);
    const runs: string[] = [];
    const provisionHeld = gate();
    const customerA = randomUUID();
    const customerB = randomUUID();
    const provisionA = await enqueueJob(db, {
      kind: 'provision-customer',
      payload: { name: 'provision A' },
      queueKey: customerA,
    });
    // An email lane's job that names A's queue waits for A's older job like any other.
    const emailOfA = await queueDeliverEmail(db, 'admin@a.example', customerA);
    const importA = await enqueueJob(db, {
      kind: IMPORT_JOB_KIND,
      payload: { name: 'import A' },
      queueKey: customerA,
    });
    const importB = await enqueueJob(db, {
      kind: IMPORT_JOB_KIND,
      payload: { name: 'import B' },
      queueKey: customerB,
    });
    const otherEmail = await queueDeliverEmail(db, 'someone@example.com');
    const definitions = [
      deliverEmailJob,
      customerJob('provision-customer', runs, provisionHeld.opened),
      customerJob(IMPORT_JOB_KIND, runs),
    ];
    // Two nodes, each with its lanes.
    start(definitions);
    start(definitions);

    await expect.poll(() => statusOf(db, importB.id), poll).toBe('succeeded');
    await expect.poll(() => statusOf(db, otherEmail.id), poll).toBe('succeeded');
    await expect.poll(() => statusOf(db, provisionA.id), poll).toBe('running');
    expect(await statusOf(db, emailOfA.id)).toBe('queued');
    expect(await statusOf(db, importA.id)).toBe('queued');
    // No worker, whatever kinds it runs, may take A's later jobs while its first one runs.
    expect(
      await claimNextJob(db, 'probe', 30, ['provision-customer', IMPORT_JOB_KIND, DELIVER_EMAIL_JOB]),
    ).toBeUndefined();

    provisionHeld.open();
    await expect.poll(() => statusOf(db, importA.id), poll).toBe('succeeded');
    expect(await statusOf(db, emailOfA.id)).toBe('succeeded');
    expect(runs.filter((line) => line.includes(' A '))).toEqual([
      'provision A started',
      'provision A done',
      'import A started',
      'import A done',
    ]);
    expect(smtp.sent).toContain('admin@a.example');
  });

  it("releases every lane's running job at stop when the jobs do not stop in the grace", async () => {
    const { db } = database();
    const neverEnds = gate();
    const importJob = await enqueueJob(db, { kind: IMPORT_JOB_KIND, payload: {}, queueKey: randomUUID() });
    const emailJob = await enqueueJob(db, { kind: DELIVER_EMAIL_JOB, payload: {} });
    const worker = createWorker({
      db,
      logger,
      definitions: [
        jobIgnoringStop(IMPORT_JOB_KIND, neverEnds.opened),
        jobIgnoringStop(DELIVER_EMAIL_JOB, neverEnds.opened),
      ],
      pollIntervalMs: 10,
      housekeepingIntervalMs: 0,
      stopGraceMs: 50,
    });
    await expectStopHandsBack(db, worker, [importJob.id, emailJob.id]);
    neverEnds.open();
  });

  it('wakes the lane of a job enqueued in this process at once, not at its next poll', async () => {
    const { db } = database();
    setMailTransport(null);
    const runs: string[] = [];
    let claims = 0;
    const counting: KyselyPlugin = {
      transformQuery: ({ node }) => node,
      async transformResult({ result }) {
        claims += 1;
        return result;
      },
    };
    const worker = startWorker({
      db: db.withPlugin(counting),
      logger,
      definitions: [deliverEmailJob, customerJob(IMPORT_JOB_KIND, runs)],
      // Only a wake can start the jobs within the test.
      pollIntervalMs: 3_600_000,
      housekeepingIntervalMs: 0,
      customerLoops: 2,
    });
    workers.add(worker);
    // Each loop's first look (two of the customers lane, one of the email lane) found nothing: all
    // now wait.
    await expect.poll(() => claims, poll).toBe(3);

    const email = await queueDeliverEmail(db, 'user@example.com');
    await expect.poll(() => statusOf(db, email.id), poll).toBe('succeeded');
    const importJob = await enqueueJob(db, {
      kind: IMPORT_JOB_KIND,
      payload: { name: 'import' },
      queueKey: randomUUID(),
    });
    await expect.poll(() => statusOf(db, importJob.id), poll).toBe('succeeded');
    expect(runs).toEqual(['import started', 'import done']);
  });

  it('names its lanes and their kinds when it starts', async () => {
    const { logger: infoLogger, lines } = capturedLog();
    const worker = startWorker({
      db: database().db,
      logger: infoLogger,
      definitions: jobDefinitions,
      housekeepingIntervalMs: 0,
    });
    await worker.stop();
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'worker started',
        lanes: {
          customers: ['provision-customer', 'delete-customer', IMPORT_JOB_KIND],
          email: [DELIVER_EMAIL_JOB, 'send-password-reset', 'sign-up'],
        },
      }),
    );
  });

  it('drain() runs the queued jobs of every lane', async () => {
    const { db } = database();
    setMailTransport(null);
    const runs: string[] = [];
    await enqueueJob(db, { kind: IMPORT_JOB_KIND, payload: { name: 'import' }, queueKey: randomUUID() });
    const email = await queueDeliverEmail(db, 'user@example.com');
    const drained = await createWorker({
      db,
      logger,
      definitions: [deliverEmailJob, customerJob(IMPORT_JOB_KIND, runs)],
      housekeepingIntervalMs: 0,
    }).drain();
    expect(drained).toBe(2);
    expect(runs).toEqual(['import started', 'import done']);
    expect(await statusOf(db, email.id)).toBe('succeeded');
  });
});

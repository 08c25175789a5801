// `hub users import` with no server runs a worker of its own while it waits. On a PostgreSQL
// shared with servers and workers it took every kind of job: queued emails ended `stored` (the
// CLI has no SMTP_URL), never sent, and other customers' jobs ran in the CLI. It must run only
// its own customer's queue. A real CLI process on PostgreSQL, as an operator runs it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { insertOutboxEmail } from '../../src/db/repositories/outbox.ts';
import { enqueueJob, findJob } from '../../src/jobs/queue.ts';
import { ensureDeployment } from '../../src/services/bootstrap/ensure-deployment.ts';
import { DELIVER_EMAIL_JOB } from '../../src/services/email/email-service.ts';
import { createTestCustomer } from '../helpers/factories.ts';
import { adminUrl, dropDatabase, withDatabaseName } from '../helpers/postgres-admin.ts';

const target = inject('testDatabase');
const hubBin = fileURLToPath(new URL('../../bin/hub', import.meta.url));

function runHub(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [hubBin, ...argv], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(target.kind !== 'postgres')('the worker of a CLI import', { timeout: 120_000 }, () => {
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  let admin: Database | undefined;
  let database: Database | undefined;
  let url = '';
  let workDir = '';

  beforeAll(async () => {
    if (target.kind !== 'postgres') return;
    admin = await openDatabase({ kind: 'postgres', url: adminUrl(target.serverUrl), poolSize: 1 });
    await admin.withScriptConnection((run) => run(`create database ${name} template ${target.template}`));
    url = withDatabaseName(target.serverUrl, name);
    database = await openDatabase({ kind: 'postgres', url, poolSize: 3 });
    workDir = await mkdtemp(path.join(tmpdir(), 'hub-cli-worker-scope-'));
  });

  afterAll(async () => {
    await database?.close();
    if (admin) await dropDatabase(admin, name);
    await admin?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("runs the import but leaves a queued email and another customer's job to the workers", async () => {
    if (!database) throw new Error('Only inside tests');
    const { db } = database;
    const deployment = await ensureDeployment(db, undefined);
    const partnerId = deployment.defaultPartner.id;
    const customer = await createTestCustomer(db, partnerId, { provision: true });
    const other = await createTestCustomer(db, partnerId, { provision: true });
    // Queued before the import, as a sign-up's mail a server sent a moment before.
    const email = await insertOutboxEmail(db, {
      partnerId,
      customerId: null,
      to: 'someone@example.com',
      template: 'password_reset',
      subject: 'Reset your password',
      bodyText: 'Hello',
    });
    const emailJob = await enqueueJob(db, { kind: DELIVER_EMAIL_JOB, payload: { emailId: email.id } });
    const otherJob = await enqueueJob(db, {
      kind: 'provision-customer',
      payload: { customerId: other.id },
      queueKey: other.id,
    });
    await writeFile(
      path.join(workDir, 'users.csv'),
      'User ID/Email (Required),Webex Meetings\nanna@devries.example,TRUE\n',
    );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: url,
      HUB_DATA_DIR: workDir,
      LOG_LEVEL: 'warn',
    };
    delete env.SMTP_URL;

    const run = await runHub(
      ['users', 'import', 'users.csv', '--customer', customer.id, '--json'],
      env,
      workDir,
    );

    expect(run.code, run.stderr).toBe(0);
    // It ran (a row error or not): the import's own job is the CLI's to run.
    expect(['completed', 'completed_with_errors']).toContain(
      (JSON.parse(run.stdout) as { status: string }).status,
    );
    const outbox = await db
      .selectFrom('outbox_emails')
      .select('status')
      .where('id', '=', email.id)
      .executeTakeFirstOrThrow();
    expect(outbox.status).toBe('pending');
    for (const job of [emailJob, otherJob]) {
      const stored = await findJob(db, job.id);
      expect({ kind: stored?.kind, status: stored?.status, attempts: stored?.attempts }).toEqual({
        kind: job.kind,
        status: 'queued',
        attempts: 0,
      });
    }
  });
});

// On the embedded database one process holds the data dir (ADR 0052): a job still `running` when
// `hub serve` or `hub worker` opens it belonged to a process that died (kill -9, the OOM killer, a
// power cut). The restarted server waited JOB_LOCK_SECONDS (60 s by default) before it resumed
// such an import: measured, 67 s from the kill to done for a 10,000-row import. It now takes those
// jobs over at once, as the takeover they are (a new attempt, logged).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImportCliResult } from '../../src/cli/commands/users-import.ts';
import { openDatabase } from '../../src/db/client.ts';
import { runHubWithEnv } from '../cli/cli-harness.ts';
import { prepareMigratedDataDir } from '../cli/migrated-data-dir.ts';

const hubBin = fileURLToPath(new URL('../../bin/hub', import.meta.url));

let workDir = '';
let dataDir = '';
let importId = '';

const hub = (...argv: string[]) => runHubWithEnv({ HUB_DATA_DIR: dataDir }, workDir, argv);

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-embedded-restart-'));
  dataDir = path.join(workDir, 'data');
  await prepareMigratedDataDir(dataDir);
  const created = await hub(
    'customers',
    'create',
    '--name',
    'Restart BV',
    '--external-id',
    'RESTART-1',
    '--admin-email',
    'admin@restart.example',
    '--country',
    'NL',
    '--packages',
    'webex_meetings',
  );
  expect(created.exitCode, created.stderr).toBe(0);
  await writeFile(
    path.join(workDir, 'restart.csv'),
    'User ID/Email (Required),First Name,Last Name,Webex Meetings\nann@restart.example,Ann,Smit,TRUE\n',
  );
  const imported = await hub(
    'users',
    'import',
    'restart.csv',
    '--customer',
    'RESTART-1',
    '--no-wait',
    '--json',
  );
  expect(imported.exitCode, imported.stderr).toBe(0);
  importId = imported.json<ImportCliResult>().jobId ?? '';
}, 300_000);

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

it(
  "hub worker runs a dead process's job at once, not when its lock expires",
  { timeout: 180_000 },
  async () => {
    // As a server killed mid-import leaves it: the job locked for another hour, the import validating.
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    const db = database.db.withTables<{
      imports: { id: string; status: string; job_id: string | null };
      jobs: {
        id: string;
        status: string;
        locked_by: string | null;
        locked_until: Date | null;
        attempts: number;
      };
    }>();
    const row = await db.selectFrom('imports').select('job_id').where('id', '=', importId).executeTakeFirst();
    await db
      .updateTable('jobs')
      .set({
        status: 'running',
        locked_by: 'worker-killed',
        locked_until: new Date(Date.now() + 3_600_000),
        attempts: 1,
      })
      .where('id', '=', row?.job_id ?? '')
      .execute();
    await db.updateTable('imports').set({ status: 'validating' }).where('id', '=', importId).execute();
    await database.close();

    const env: NodeJS.ProcessEnv = { ...process.env, HUB_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
    delete env.DATABASE_URL;
    const worker = spawn(process.execPath, [hubBin, 'worker'], { cwd: workDir, env });
    let output = '';
    const succeeded = new Promise<void>((resolve) => {
      worker.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/"jobKind":"import-users".*"msg":"job succeeded"/.test(output)) resolve();
      });
    });
    // Without the fix the job waits an hour for its lock, and the test's timeout fails it.
    const stop = setTimeout(() => worker.kill('SIGTERM'), 150_000);
    await succeeded;
    clearTimeout(stop);
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
    expect(output).toContain('taken over now');
    expect(output).toMatch(/"previousWorker":"worker-killed".*"msg":"job taken over/);

    const status = await hub('users', 'import-status', importId, '--customer', 'RESTART-1', '--json');
    expect(status.json<ImportCliResult>().status).toMatch(/^completed/);
  },
);

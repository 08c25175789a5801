// A CLI waiting (with no server) for an import whose job another process holds locked looks at it
// at its own pace and says why it waits. It used to restart its worker's drain at once whenever the
// drain found nothing runnable, redrawing the bar every ~2 ms (3,581 times in 7.5 s).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImportCliResult } from '../../src/cli/commands/users-import.ts';
import { bufferedIo, type CliIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { openDatabase } from '../../src/db/client.ts';
import { runHubWithEnv } from './cli-harness.ts';
import { prepareMigratedDataDir } from './migrated-data-dir.ts';

/**
 * How long the other process's lock lasts: the CLI takes the job over once it expired. Long enough
 * to outlast the CLI's own start (opening the embedded database), which took over 3 s on a loaded
 * machine: a lock gone before the CLI's first look leaves it nothing to wait for or say.
 */
const LOCK_MS = 10_000;

let workDir = '';
let dataDir = '';
let importId = '';

const hub = (...argv: string[]) => runHubWithEnv({ HUB_DATA_DIR: dataDir }, workDir, argv);

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-import-paced-'));
  dataDir = path.join(workDir, 'data');
  await prepareMigratedDataDir(dataDir);
  const created = await hub(
    'customers',
    'create',
    '--name',
    'Paced BV',
    '--external-id',
    'PACED-1',
    '--admin-email',
    'admin@paced.example',
    '--country',
    'NL',
    '--packages',
    'webex_meetings',
  );
  expect(created.exitCode, created.stderr).toBe(0);
  await writeFile(
    path.join(workDir, 'paced.csv'),
    'User ID/Email (Required),First Name,Last Name,Webex Meetings\nann@paced.example,Ann,Smit,TRUE\n',
  );
  const imported = await hub('users', 'import', 'paced.csv', '--customer', 'PACED-1', '--dry-run', '--json');
  expect(imported.exitCode, imported.stderr).toBe(0);
  importId = imported.json<ImportCliResult>().jobId ?? '';
}, 300_000);

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

it('redraws its bar a few times a second while the lock holds, and says why it waits', async () => {
  // As a process that was running the job and died leaves it: the job locked, the import validating.
  const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
  const db = database.db.withTables<{
    imports: { id: string; status: string; job_id: string | null; rows_done: number };
    jobs: { id: string; status: string; locked_by: string | null; locked_until: Date | null };
  }>();
  const row = await db.selectFrom('imports').select('job_id').where('id', '=', importId).executeTakeFirst();
  await db
    .updateTable('jobs')
    .set({ status: 'running', locked_by: 'worker-gone', locked_until: new Date(Date.now() + LOCK_MS) })
    .where('id', '=', row?.job_id ?? '')
    .execute();
  await db.updateTable('imports').set({ status: 'validating' }).where('id', '=', importId).execute();
  await database.close();

  const io = bufferedIo(workDir);
  let bars = 0;
  const terminal: CliIo = {
    ...io,
    interactive: true,
    err(text) {
      if (text.startsWith('\r')) bars += 1;
      io.err(text);
    },
  };
  const saved = process.env.HUB_DATA_DIR;
  const savedUrl = process.env.DATABASE_URL;
  process.env.HUB_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const startedAt = performance.now();
  let exitCode: number;
  try {
    exitCode = await runCli(
      ['users', 'import-status', importId, '--customer', 'PACED-1', '--wait'],
      terminal,
    );
  } finally {
    if (saved === undefined) delete process.env.HUB_DATA_DIR;
    else process.env.HUB_DATA_DIR = saved;
    if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
  }
  const elapsedMs = performance.now() - startedAt;
  expect(exitCode, io.stderr).toBe(0);
  expect(io.stdout).toContain(`Import ${importId}: validated`);
  // One look (and bar) per 250 ms at most, whatever the machine's speed; a busy loop drew hundreds.
  expect(bars).toBeLessThanOrEqual(Math.ceil(elapsedMs / 250) + 3);
  expect(io.stderr).toMatch(
    /Waiting: the import's job is locked by another process until \d\d:\d\d:\d\d UTC/,
  );
}, 300_000);

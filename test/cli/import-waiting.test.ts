// An import a CLI waits for that does not move says why (queued behind another import of the
// customer, its job locked by another process), and `import-status --json` of a running import
// prints SPEC §9's object as far as the import got, plus its progress.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImportCliResult } from '../../src/cli/commands/users-import.ts';
import { importWaitReason } from '../../src/cli/import-wait-reason.ts';
import { useTestCli } from './cli-harness.ts';

const cli = useTestCli();
const imports: string[] = [];

type Tables = {
  imports: { id: string; status: string; job_id: string | null; rows_done: number };
  jobs: { id: string; status: string; locked_by: string | null; locked_until: Date | null };
};
const db = () => cli().runtime.database.db.withTables<Tables>();

async function jobOf(importId: string): Promise<string> {
  const row = await db().selectFrom('imports').select('job_id').where('id', '=', importId).executeTakeFirst();
  return row?.job_id ?? '';
}

beforeAll(async () => {
  const created = await cli().hub(
    'customers',
    'create',
    '--name',
    'Waiting BV',
    '--external-id',
    'WAIT-1',
    '--admin-email',
    'admin@wait.example',
    '--country',
    'NL',
    '--packages',
    'webex_meetings',
  );
  expect(created.exitCode, created.stderr).toBe(0);
  const file = path.join(cli().cwd, 'wait.csv');
  await writeFile(
    file,
    ['User ID/Email (Required),First Name,Last Name,Webex Meetings', 'ann@wait.example,Ann,Smit,TRUE'].join(
      '\n',
    ),
  );
  for (let index = 0; index < 2; index += 1) {
    const imported = await cli().hub('users', 'import', file, '--customer', 'WAIT-1', '--dry-run', '--json');
    expect(imported.exitCode, imported.stderr).toBe(0);
    imports.push(imported.json<ImportCliResult>().jobId ?? '');
  }
  // As a CLI killed mid-import leaves them: the first import's job locked by a process that is
  // gone, the second queued behind it.
  const lockedUntil = new Date(Date.now() + 3_600_000);
  await db()
    .updateTable('jobs')
    .set({ status: 'running', locked_by: 'worker-gone', locked_until: lockedUntil })
    .where('id', '=', await jobOf(imports[0] ?? ''))
    .execute();
  await db()
    .updateTable('imports')
    .set({ status: 'applying', rows_done: 1 })
    .where('id', '=', imports[0] ?? '')
    .execute();
  await db()
    .updateTable('jobs')
    .set({ status: 'queued', locked_by: null, locked_until: null })
    .where('id', '=', await jobOf(imports[1] ?? ''))
    .execute();
});

afterAll(async () => {
  for (const importId of imports)
    await db()
      .updateTable('jobs')
      .set({ status: 'succeeded', locked_by: null, locked_until: null })
      .where('id', '=', await jobOf(importId))
      .execute();
});

it('says that the job is locked by another process, and until when', async () => {
  const reason = await importWaitReason(cli().runtime.database.db, imports[0] ?? '', 'worker-here');
  expect(reason).toMatch(/^Waiting: the import's job is locked by another process until \d\d:\d\d:\d\d UTC/);
  // Inside a server its own worker holds the lock of the job it runs: no reason to say.
  expect(await importWaitReason(cli().runtime.database.db, imports[0] ?? '', null)).toBeNull();
});

it('says that the import is queued behind another import of the customer', async () => {
  const reason = await importWaitReason(cli().runtime.database.db, imports[1] ?? '', 'worker-here');
  expect(reason).toContain(`queued behind another import of this customer (${imports[0]})`);
  expect(reason).toContain('locked by another process until');
});

it('import-status --json of a running import prints SPEC §9 object so far, plus progress', async () => {
  const status = await cli().hub(
    'users',
    'import-status',
    imports[0] ?? '',
    '--customer',
    'WAIT-1',
    '--json',
  );
  expect(status.exitCode, status.stderr).toBe(0);
  const body = status.json<ImportCliResult & { progress: unknown }>();
  expect(Object.keys(body)).toEqual(['jobId', 'status', 'counts', 'fileWarnings', 'rows', 'progress']);
  expect(body).toMatchObject({ jobId: imports[0], status: 'applying', progress: { rowsDone: 1 } });
  expect(Object.keys(body.counts)).toEqual(['add', 'modify', 'remove', 'unchanged', 'error', 'warning']);
});

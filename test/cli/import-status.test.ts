// `hub users import-status <import> --customer C [--wait] [--json]`: the result of an import that a
// stopped CLI left running in the server (or one started through the API), in the same shape as
// `hub users import` prints it.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { ImportCliResult } from '../../src/cli/commands/users-import.ts';
import { useTestCli } from './cli-harness.ts';

const cli = useTestCli();
let file = '';

beforeAll(async () => {
  const created = await cli().hub(
    'customers',
    'create',
    '--name',
    'Status BV',
    '--external-id',
    'STATUS-1',
    '--admin-email',
    'admin@status.example',
    '--country',
    'NL',
    '--packages',
    'webex_meetings',
  );
  expect(created.exitCode, created.stderr).toBe(0);
  file = path.join(cli().cwd, 'status.csv');
  await writeFile(
    file,
    [
      'User ID/Email (Required),First Name,Last Name,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams',
      'ann@status.example,Ann,Smit,TRUE,status.webex.com,FALSE,FALSE',
      'bad-email,Bad,Row,TRUE,status.webex.com,FALSE,FALSE',
    ].join('\n'),
  );
});

it('prints a finished import as hub users import --json did, with or without --wait', async () => {
  const imported = await cli().hub('users', 'import', file, '--customer', 'STATUS-1', '--json');
  expect(imported.exitCode, imported.stderr).toBe(0);
  const result = imported.json<ImportCliResult>();
  expect(result.counts).toMatchObject({ add: 1, error: 1 });

  for (const wait of [[], ['--wait']]) {
    const status = await cli().hub(
      'users',
      'import-status',
      result.jobId ?? '',
      '--customer',
      'STATUS-1',
      '--json',
      ...wait,
    );
    expect(status.exitCode, status.stderr).toBe(0);
    expect(status.json<ImportCliResult>()).toEqual(result);
  }
});

it('says what a dry run would do, in words without --json', async () => {
  const dry = await cli().hub('users', 'import', file, '--customer', 'STATUS-1', '--dry-run', '--json');
  const jobId = dry.json<ImportCliResult>().jobId ?? '';
  const status = await cli().hub('users', 'import-status', jobId, '--customer', 'STATUS-1');
  expect(status.exitCode, status.stderr).toBe(0);
  expect(status.stdout).toContain(`Import ${jobId}: validated`);
  expect(status.stdout).toContain('unchanged 1, error 1');
});

it("refuses an import id that is not the customer's (exit 2), naming the option", async () => {
  const other = await cli().hub(
    'customers',
    'create',
    '--name',
    'Other BV',
    '--external-id',
    'STATUS-2',
    '--admin-email',
    'admin@status2.example',
    '--country',
    'NL',
  );
  expect(other.exitCode, other.stderr).toBe(0);
  const imported = await cli().hub('users', 'import', file, '--customer', 'STATUS-1', '--dry-run', '--json');
  const jobId = imported.json<ImportCliResult>().jobId ?? '';
  for (const [importId, customer] of [
    [jobId, 'STATUS-2'],
    ['not-an-import', 'STATUS-1'],
  ] as const) {
    const refused = await cli().hub('users', 'import-status', importId, '--customer', customer, '--json');
    expect(refused.exitCode).toBe(2);
    expect(refused.stdout).toBe('');
  }
});

it('exits 1 for an import cancelled before it finished, saying that what was applied stays', async () => {
  const dry = await cli().hub('users', 'import', file, '--customer', 'STATUS-1', '--dry-run', '--json');
  const jobId = dry.json<ImportCliResult>().jobId ?? '';
  // As POST …/imports/{id}/cancel leaves an applied one (applying clears dry_run) cancelled while
  // applying (the API's cancel is tested in test/imports; a dry run never applied: newcomer-audit).
  await cli()
    .runtime.database.db.withTables<{ imports: { id: string; status: string; dry_run: boolean } }>()
    .updateTable('imports')
    .set({ status: 'cancelled', dry_run: false })
    .where('id', '=', jobId)
    .execute();
  for (const json of [[], ['--json']]) {
    const status = await cli().hub('users', 'import-status', jobId, '--customer', 'STATUS-1', ...json);
    expect(status.exitCode).toBe(1);
    expect(status.stderr).toContain(`Import ${jobId} was cancelled before it finished`);
  }
});

// `hub users import … --no-wait`: a script uploads the file and gets the import's id at once (SPEC
// §9's object, no rows yet), then follows it with `import-status --wait`, instead of holding a
// process for the whole import.
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
    'No Wait BV',
    '--external-id',
    'NOWAIT-1',
    '--admin-email',
    'admin@nowait.example',
    '--country',
    'NL',
    '--packages',
    'webex_meetings',
  );
  expect(created.exitCode, created.stderr).toBe(0);
  file = path.join(cli().cwd, 'nowait.csv');
  await writeFile(
    file,
    [
      'User ID/Email (Required),First Name,Last Name,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams',
      'ann@nowait.example,Ann,Smit,TRUE,nowait.webex.com,FALSE,FALSE',
    ].join('\n'),
  );
});

it('uploads, prints the import with its id and how to follow it, exits 0; import-status --wait finishes it', async () => {
  const uploaded = await cli().hub('users', 'import', file, '--customer', 'NOWAIT-1', '--no-wait', '--json');
  expect(uploaded.exitCode, uploaded.stderr).toBe(0);
  const queued = uploaded.json<ImportCliResult>();
  expect(queued.jobId).toMatch(/^[\w-]+$/);
  expect(queued.rows).toEqual([]);
  expect(uploaded.stderr).toMatch(
    new RegExp(
      `not waited for\\..*Follow it with: hub users import-status ${queued.jobId} --customer \\S+ --wait\n$`,
    ),
  );

  const followed = await cli().hub(
    'users',
    'import-status',
    queued.jobId ?? '',
    '--customer',
    'NOWAIT-1',
    '--wait',
    '--json',
  );
  expect(followed.exitCode, followed.stderr).toBe(0);
  const result = followed.json<ImportCliResult>();
  expect(result, JSON.stringify(result.rows)).toMatchObject({
    jobId: queued.jobId,
    counts: { add: 1, error: 0 },
  });
});

it('refuses --no-wait with --error-report (exit 2): the report needs the finished import', async () => {
  const refused = await cli().hub(
    'users',
    'import',
    file,
    '--customer',
    'NOWAIT-1',
    '--no-wait',
    '--error-report',
    'errors.csv',
  );
  expect(refused.exitCode).toBe(2);
  expect(refused.stderr).toContain('--error-report needs the import to finish');
});

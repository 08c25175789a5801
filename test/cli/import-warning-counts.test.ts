// SPEC §9: `hub users import --json` counts under `warning` the rows with warnings, whatever their
// action. A Meetings row without a preferred Webex site has a warning (SPEC §6); when the same row
// is also in error it counts once under `error` and once under `warning`, and its status is `error`.
// Checked: counting only non-error rows with warnings (src/services/imports/import-results.ts) fails
// three of these tests.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportCliResult } from '../../src/cli/commands/users-import.ts';
import { FIXTURE_SETUP_COMMANDS } from '../helpers/fixture-setup-commands.ts';
import { useTestCli } from './cli-harness.ts';

const HEADER =
  'First Name,Last Name,User ID/Email (Required),Jabber with Webex Teams,Jabber Calling,Preferred Webex Site,Webex Meetings';
const FILE = [
  HEADER,
  // Row 2: added, no message.
  'Ok,Row,ok@devries.example,FALSE,FALSE,devries.webex.com,TRUE',
  // Row 3: added with a warning (no preferred site).
  'Warn,Only,warn@devries.example,FALSE,FALSE,,TRUE',
  // Row 4: error (a new user needs Jabber Calling) plus the missing-site warning.
  'Both,Jabber,both@devries.example,FALSE,,,TRUE',
  // Row 5: error (email repeats row 2) plus the missing-site warning.
  'Both,Repeat,ok@devries.example,FALSE,FALSE,,TRUE',
  // Row 6: error without a warning (site given).
  'Err,Only,err@devries.example,FALSE,,devries.webex.com,TRUE',
].join('\n');

const SITE_WARNING = /Preferred Webex Site: No Preferred Webex Site for Webex Meetings/;

describe('hub users import --json: the warning count', () => {
  const cli = useTestCli();
  const importJson = (file: string, ...flags: string[]) =>
    cli().hub('users', 'import', '--customer', 'DEVRIES-001', file, '--json', ...flags);

  it('sets up the fixture customer', async () => {
    for (const argv of FIXTURE_SETUP_COMMANDS) expect((await cli().hub(...argv)).exitCode).toBe(0);
    await writeFile(path.join(cli().cwd, 'warnings.csv'), `${FILE}\n`);
  });

  it('a dry run counts the rows with warnings, error rows included', async () => {
    const result = await importJson('warnings.csv', '--dry-run');
    expect(result.exitCode).toBe(0);
    const body = result.json<ImportCliResult>();
    expect(body.status).toBe('validated');
    expect(body.counts).toEqual({ add: 2, modify: 0, remove: 0, unchanged: 0, error: 3, warning: 3 });
  });

  it('the applied import counts the same, and each row has its own status', async () => {
    const result = await importJson('warnings.csv');
    expect(result.exitCode).toBe(0);
    const body = result.json<ImportCliResult>();
    expect(body.status).toBe('completed_with_errors');
    expect(body.counts).toEqual({ add: 2, modify: 0, remove: 0, unchanged: 0, error: 3, warning: 3 });
    expect(body.rows.map(({ row, email, action, status }) => ({ row, email, action, status }))).toEqual([
      { row: 2, email: 'ok@devries.example', action: 'add', status: 'ok' },
      { row: 3, email: 'warn@devries.example', action: 'add', status: 'warning' },
      { row: 4, email: 'both@devries.example', action: 'error', status: 'error' },
      { row: 5, email: 'ok@devries.example', action: 'error', status: 'error' },
      { row: 6, email: 'err@devries.example', action: 'error', status: 'error' },
    ]);
    const messages = new Map(body.rows.map((row) => [row.row, row.messages]));
    expect(messages.get(2)).toEqual([]);
    expect(messages.get(3)).toEqual([expect.stringMatching(SITE_WARNING)]);
    // The error rows keep their warning next to the error.
    expect(messages.get(4)).toEqual([
      expect.stringMatching(/^Row 4, Jabber Calling: /),
      expect.stringMatching(SITE_WARNING),
    ]);
    expect(messages.get(5)).toEqual([
      expect.stringMatching(/^Row 5, User ID\/Email \(Required\): .*row 2/),
      expect.stringMatching(SITE_WARNING),
    ]);
    expect(messages.get(6)).toEqual([expect.stringMatching(/^Row 6, Jabber Calling: /)]);
  });

  it('re-importing reports the warnings again', async () => {
    // Rows 2 and 3 are now stored: unchanged, row 3 with its warning again. Row 5 still repeats
    // row 2's email, but ok@ now has a stored site, so that row has no site warning any more.
    const body = (await importJson('warnings.csv')).json<ImportCliResult>();
    expect(body.counts).toEqual({ add: 0, modify: 0, remove: 0, unchanged: 2, error: 3, warning: 2 });
    expect(body.rows.map((row) => [row.action, row.status, row.messages.length])).toEqual([
      ['unchanged', 'ok', 0],
      ['unchanged', 'warning', 1],
      ['error', 'error', 2],
      ['error', 'error', 1],
      ['error', 'error', 1],
    ]);
  });
});

// `hub users import` in text mode prints the messages of the first 50 rows with errors or warnings
// and one line saying how many more and where they are (a 30,000-row file with errors printed
// 60,002 lines); --json keeps every row (SPEC §9).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestCli } from './cli-harness.ts';

const cli = useTestCli();
const ROWS = 120;

beforeAll(async () => {
  const customer = await cli().hub(
    'customers',
    'create',
    '--name',
    'Bad Rows',
    '--external-id',
    'BADROWS-001',
    '--admin-email',
    'it@badrows.example',
    '--country',
    'NL',
    '--packages',
    'webex_meetings',
    '--json',
  );
  expect(customer.exitCode, customer.stderr).toBe(0);
  // Every row in error: no address.
  const rows = Array.from({ length: ROWS }, (_, index) => `not-an-address-${index},N,M,TRUE,FALSE,FALSE`);
  const header =
    'User ID/Email (Required),First Name,Last Name,Webex Meetings,Jabber with Webex Teams,Jabber Calling';
  await writeFile(path.join(cli().cwd, 'bad.csv'), [header, ...rows, ''].join('\n'));
}, 300_000);

describe('hub users import output of many rows with errors', () => {
  it('prints the first 50 rows with errors and one line naming the error report and --json', async () => {
    const result = await cli().hub('users', 'import', 'bad.csv', '--customer', 'BADROWS-001');
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    const jobId = /^Import ([\w-]+): completed_with_errors$/.exec(lines[0] ?? '')?.[1];
    expect(jobId, lines[0]).toBeDefined();
    const errorLines = lines.filter((line) => line.startsWith('  error: '));
    expect(errorLines.length).toBeGreaterThanOrEqual(50);
    const more = lines.filter((line) => line.startsWith('  … and '));
    expect(more).toHaveLength(1);
    expect(more[0]).toMatch(
      new RegExp(
        `^ {2}… and ${ROWS - 50} more rows: see the error report \\(hub users error-report ${jobId} --customer [\\w-]+ --out errors\\.csv\\) or use --json \\(hub users import-status ${jobId} --customer [\\w-]+ --json\\)$`,
      ),
    );
    expect(lines.at(-2)).toBe(more[0]);
    // At most 50 rows' messages: each row here has the same number of messages.
    const json = await cli().hub(
      'users',
      'import-status',
      jobId ?? '',
      '--customer',
      'BADROWS-001',
      '--json',
    );
    expect(json.exitCode, json.stderr).toBe(0);
    const parsed = json.json<{ rows: { messages: string[] }[] }>();
    const inError = parsed.rows.filter((row) => row.messages.length > 0);
    expect(inError).toHaveLength(ROWS);
    const perRow = inError[0]?.messages.length ?? 0;
    expect(errorLines.length + lines.filter((line) => line.startsWith('  warning: ')).length).toBe(
      50 * perRow,
    );
  });

  it('--json still lists every row', async () => {
    const result = await cli().hub('users', 'import', 'bad.csv', '--customer', 'BADROWS-001', '--json');
    expect(result.exitCode, result.stderr).toBe(0);
    const parsed = result.json<{ rows: { status: string }[] }>();
    expect(parsed.rows.filter((row) => row.status === 'error')).toHaveLength(ROWS);
    expect(result.stdout).not.toContain('… and');
  });
});

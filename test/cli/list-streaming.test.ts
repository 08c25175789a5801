// `hub users list` of a customer with more users than a page writes its output a page at a time
// and waits for the reader in between (a whole list of 60,000 users built at once ran a server out
// of memory): the JSON stays one valid document with every user, as it was.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { useTestCli } from './cli-harness.ts';

const cli = useTestCli();
/** More than two pages of 200. */
const USERS = 450;

beforeAll(async () => {
  const customer = await cli().hub(
    'customers',
    'create',
    '--name',
    'Many Users',
    '--external-id',
    'MANY-001',
    '--admin-email',
    'it@many.example',
    '--country',
    'NL',
    '--packages',
    'webex_meetings',
    '--json',
  );
  expect(customer.exitCode, customer.stderr).toBe(0);
  const rows = Array.from(
    { length: USERS },
    (_, index) =>
      `user${String(index).padStart(4, '0')}@many.example,First${index},Last${index},TRUE,FALSE,FALSE`,
  );
  const header =
    'User ID/Email (Required),First Name,Last Name,Webex Meetings,Jabber with Webex Teams,Jabber Calling';
  await writeFile(path.join(cli().cwd, 'many.csv'), [header, ...rows, ''].join('\n'));
  const imported = await cli().hub('users', 'import', 'many.csv', '--customer', 'MANY-001', '--json');
  expect(imported.exitCode, imported.stderr).toBe(0);
  expect(imported.json<{ counts: { add: number } }>().counts.add).toBe(USERS);
}, 300_000);

/** Runs `hub …` as a server runs a forwarded call, recording each write and each wait for the reader. */
async function listWrites(...argv: string[]) {
  const steps: string[] = [];
  let stderr = '';
  const io: CliIo = {
    interactive: false,
    cwd: cli().cwd,
    out: (text) => void steps.push(text),
    err: (text) => void (stderr += text),
    drained: async () => void steps.push('<drained>'),
    awaiting: () => undefined,
  };
  const exitCode = await runCli(argv, io, { runtime: cli().runtime });
  const writes = steps.filter((step) => step !== '<drained>');
  return { exitCode, stderr, steps, writes, stdout: writes.join('') };
}

describe('hub users list over several pages', { timeout: 120_000 }, () => {
  it('--json prints one JSON document with every user, written page by page', async () => {
    const result = await listWrites('users', 'list', '--customer', 'MANY-001', '--json');
    expect(result.exitCode, result.stderr).toBe(0);
    const users = JSON.parse(result.stdout) as Array<{ email: string }>;
    expect(new Set(users.map((user) => user.email)).size).toBe(USERS);
    // The same text as the whole array printed at once.
    expect(result.stdout).toBe(`${JSON.stringify(users, null, 2)}\n`);
    // A write per page (and the closing bracket), none with every user.
    expect(result.writes.length).toBeGreaterThanOrEqual(3);
    for (const write of result.writes) expect(write.split('@many.example').length - 1).toBeLessThan(USERS);
    // The reader is waited for after each write, before the next page is written.
    result.steps.forEach((step, index) => {
      if (step !== '<drained>') expect(result.steps[index + 1]).toBe('<drained>');
    });
  });

  it('the human output has a line per user, written page by page', async () => {
    const result = await listWrites('users', 'list', '--customer', 'MANY-001');
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).filter((line) => line.includes('@many.example'))).toHaveLength(USERS);
    expect(result.writes.length).toBeGreaterThanOrEqual(3);
  });
});

describe('hub users import of many rows', { timeout: 300_000 }, () => {
  it('--json writes its rows as they are read, still one document of SPEC §9', async () => {
    const result = await listWrites(
      'users',
      'import',
      'many.csv',
      '--customer',
      'MANY-001',
      '--dry-run',
      '--json',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const parsed = JSON.parse(result.stdout) as { status: string; rows: Array<{ email: string }> };
    expect(parsed.status).toBe('validated');
    expect(new Set(parsed.rows.map((row) => row.email)).size).toBe(USERS);
    expect(Object.keys(parsed)).toEqual(['jobId', 'status', 'counts', 'fileWarnings', 'rows']);
    expect(result.stdout).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
    expect(result.writes.length).toBeGreaterThanOrEqual(3);
  });

  it('a dry run shows the first 50 changes and how many more', async () => {
    const rows = Array.from(
      { length: 120 },
      (_, index) => `new${String(index).padStart(4, '0')}@many.example,N,M,TRUE,FALSE,FALSE`,
    );
    const header =
      'User ID/Email (Required),First Name,Last Name,Webex Meetings,Jabber with Webex Teams,Jabber Calling';
    await writeFile(path.join(cli().cwd, 'more.csv'), [header, ...rows, ''].join('\n'));
    const result = await cli().hub('users', 'import', 'more.csv', '--customer', 'MANY-001', '--dry-run');
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^Import [\w-]+: validated$/);
    expect(lines[1]).toBe('  row 2: add new0000@many.example');
    expect(lines.filter((line) => /^ {2}row \d+: add /.test(line))).toHaveLength(50);
    expect(lines[51]).toMatch(
      /^ {2}… and 70 more rows: use --json \(hub users import-status [\w-]+ --customer [\w-]+ --json\)$/,
    );
    expect(lines[52]).toMatch(/^ {2}add 120, modify 0, remove 0, unchanged 0, error 0, with warnings 120$/);
    expect(lines.filter((line) => line.startsWith('  warning: '))).toHaveLength(50);
    expect(lines.at(-1)).toBe('');
  });
});

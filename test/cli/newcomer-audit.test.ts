// What a newcomer auditing `bin/hub` against SPEC §9 found: output a script reads (piped stdout)
// holds records only, advice that names a command that does what it says, and options that refuse
// a value the product cannot use (exit 2, naming the option).
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { bufferedIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { runHubWithEnv, useTestCli } from './cli-harness.ts';

const cli = useTestCli();

beforeAll(async () => {
  const created = await cli().hub(
    'customers',
    'create',
    '--name',
    'Audit One',
    '--external-id',
    'AUDIT-1',
    '--admin-email',
    'admin@audit.example',
    '--country',
    'NL',
    '--packages',
    'webex_meetings',
  );
  expect(created.exitCode, created.stderr).toBe(0);
});

describe('an empty list, piped', () => {
  // SPEC §9: messages go to stderr; README: piped, a list is one record per line. "No users." on
  // stdout was a record to `hub users list … | wc -l` (1) and to a `while read` loop.
  it.each([
    [['customers', 'list', '--search', 'no such customer']],
    [['users', 'list', '--customer', 'AUDIT-1']],
    [['locations', 'list', '--customer', 'AUDIT-1']],
    [['numbers', 'list', '--customer', 'AUDIT-1']],
    [['tokens', 'list', '--partner', 'Default partner']],
    [['scim', 'tokens', 'list', '--customer', 'AUDIT-1']],
  ])('hub %j writes no line on stdout and says it on stderr', async (argv) => {
    const result = await cli().hub(...argv);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^No [\w ]+\.\n$/);
  });

  it('on a terminal still says so where the table would be', async () => {
    // The buffer's own object: a copy's writes would land in the original.
    const io = Object.assign(bufferedIo(cli().cwd), { outColumns: 80 });
    const exitCode = await runCli(['users', 'list', '--customer', 'AUDIT-1'], io, {
      runtime: cli().runtime,
    });
    expect(exitCode).toBe(0);
    expect(io.stdout).toBe('No users.\n');
  });

  it('with --json is still an empty array', async () => {
    const result = await cli().hub('users', 'list', '--customer', 'AUDIT-1', '--json');
    expect(result.json()).toEqual([]);
    expect(result.stderr).toBe('');
  });
});

describe('hub users import-status of a dry run', () => {
  it('says how to apply it with a command that applies it', async () => {
    const file = path.join(cli().cwd, 'dry-run.csv');
    await writeFile(
      file,
      'First Name,Last Name,User ID/Email (Required),Webex Meetings,Preferred Webex Site\n' +
        'Dee,Ry,dee@audit.example,TRUE,audit.webex.com\n',
    );
    const dryRun = await cli().hub('users', 'import', file, '--customer', 'AUDIT-1', '--dry-run', '--json');
    expect(dryRun.exitCode, dryRun.stderr).toBe(0);
    const { jobId } = dryRun.json<{ jobId: string }>();
    const status = await cli().hub('users', 'import-status', jobId, '--customer', 'AUDIT-1');
    expect(status.exitCode, status.stderr).toBe(0);
    expect(status.stdout).toContain(`Import ${jobId}: validated`);
    // "Run the same command without --dry-run" told to run import-status again, which applies nothing.
    expect(status.stderr).not.toContain('the same command');
    expect(status.stderr).toContain('Dry run: nothing was changed.');
    expect(status.stderr).toContain('hub users import <file> --customer AUDIT-1');
  });
});

describe('hub partners create --default-language', () => {
  it.each(['xx', 'nl_XX', 'zz-ZZ'])('refuses "%s", which is no language, naming the option', async (tag) => {
    const result = await cli().hub(
      'partners',
      'create',
      '--name',
      `Partner ${tag}`,
      '--default-language',
      tag,
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`--default-language "${tag}"`);
    const listed = await cli().hub('partners', 'list', '--json');
    expect(listed.json<{ name: string }[]>().map((partner) => partner.name)).not.toContain(`Partner ${tag}`);
  });

  it.each([
    ['nl', 'nl'],
    ['nl_NL', 'nl_NL'],
    ['en-us', 'en_US'],
  ])('takes "%s" (stored as %s)', async (tag, stored) => {
    const result = await cli().hub(
      'partners',
      'create',
      '--name',
      `Partner ok ${tag}`,
      '--default-language',
      tag,
      '--json',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.json<{ defaultLanguage: string }>().defaultLanguage).toBe(stored);
  });
});

describe('an unknown --customer under --partner', () => {
  // "See: hub customers list" listed the default partner's customers, where the customer may be.
  it('points at the list of that partner', async () => {
    const partner = await cli().hub('partners', 'create', '--name', 'Audit Other Partner');
    expect(partner.exitCode, partner.stderr).toBe(0);
    for (const argv of [
      ['users', 'list', '--customer', 'AUDIT-1', '--partner', 'Audit Other Partner'],
      ['customers', 'get', 'AUDIT-1', '--partner', 'Audit Other Partner'],
      [
        'tokens',
        'create',
        '--role',
        'customer_full_admin',
        '--customer',
        'AUDIT-1',
        '--partner',
        'Audit Other Partner',
      ],
    ]) {
      const result = await cli().hub(...argv);
      expect(result.exitCode, argv.join(' ')).toBe(2);
      expect(result.stderr, argv.join(' ')).toContain(
        'no customer has this id or externalId. See: hub customers list --partner "Audit Other Partner"\n',
      );
    }
    // Without --partner, the hint stays as it was.
    const plain = await cli().hub('users', 'list', '--customer', 'NOPE');
    expect(plain.stderr).toContain('See: hub customers list\n');
  });

  it("points at the locations of that partner's customer", async () => {
    const result = await cli().hub(
      'numbers',
      'list',
      '--customer',
      'AUDIT-1',
      '--location',
      'Nowhere',
      '--partner',
      'Default partner',
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      'See: hub locations list --customer AUDIT-1 --partner "Default partner"\n',
    );
  });
});

describe('hub restore of a directory', () => {
  // Opening a directory succeeds on Linux; its read failed with a bare "EISDIR: illegal operation
  // on a directory, read" and exit 1, where a wrong path is rejected input.
  it('is rejected input (exit 2) that says the path is a directory', async () => {
    const workDir = await mkdtemp(path.join(tmpdir(), 'hub-cli-restore-dir-'));
    await mkdir(path.join(workDir, 'backups'));
    const result = await runHubWithEnv({ HUB_DATA_DIR: path.join(workDir, 'data') }, workDir, [
      'restore',
      'backups',
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('a directory, not a file');
    expect(result.stderr).not.toContain('EISDIR');
  });
});

describe('hub users import-status of a dry run that expired', () => {
  // An unapplied dry run expires after 24 h (SPEC §6; housekeeping cancels it). import-status said
  // "cancelled before it finished: rows applied before the cancel stay applied", of a dry run that
  // applied nothing.
  it('says nothing was changed, and how to apply the file', async () => {
    const file = path.join(cli().cwd, 'expiring.csv');
    await writeFile(
      file,
      'First Name,Last Name,User ID/Email (Required),Webex Meetings,Preferred Webex Site\n' +
        'Ex,Pired,expired@audit.example,TRUE,audit.webex.com\n',
    );
    const dryRun = await cli().hub('users', 'import', file, '--customer', 'AUDIT-1', '--dry-run', '--json');
    expect(dryRun.exitCode, dryRun.stderr).toBe(0);
    const { jobId } = dryRun.json<{ jobId: string }>();
    await sql`update imports set expires_at = now() - interval '1 hour' where id = ${jobId}`.execute(
      cli().runtime.database.db,
    );
    const housekeeping = await cli().hub('housekeeping', '--json');
    expect(housekeeping.json<{ expiredDryRuns: number }>().expiredDryRuns).toBeGreaterThanOrEqual(1);

    const status = await cli().hub('users', 'import-status', jobId, '--customer', 'AUDIT-1');
    expect(status.stdout).toContain(`Import ${jobId}: cancelled`);
    expect(status.stderr).not.toContain('stay applied');
    expect(status.stderr).toContain('nothing was changed');
    expect(status.stderr).toContain('hub users import <file> --customer AUDIT-1');
    // Not done (SPEC §9: exit 1), as any cancelled import.
    expect(status.exitCode).toBe(1);
    const users = await cli().hub('users', 'list', '--customer', 'AUDIT-1', '--json');
    expect(users.json<{ email: string }[]>().map((user) => user.email)).not.toContain(
      'expired@audit.example',
    );
  });
});

describe("a --customer that is another partner's", () => {
  // The operator sees every partner; "no customer has this id or externalId" of a customer that
  // another partner has left the newcomer without the --partner to add.
  it('names the partner that has it and the --partner to add (still exit 2)', async () => {
    const partner = await cli().hub('partners', 'create', '--name', 'Audit Elsewhere');
    expect(partner.exitCode, partner.stderr).toBe(0);
    const created = await cli().hub(
      'customers',
      'create',
      '--name',
      'Elsewhere One',
      '--external-id',
      'ELSEWHERE-1',
      '--admin-email',
      'admin@elsewhere.example',
      '--country',
      'NL',
      '--partner',
      'Audit Elsewhere',
    );
    expect(created.exitCode, created.stderr).toBe(0);
    for (const argv of [
      ['users', 'list', '--customer', 'ELSEWHERE-1'],
      ['customers', 'get', 'ELSEWHERE-1'],
    ]) {
      const result = await cli().hub(...argv);
      expect(result.exitCode, argv.join(' ')).toBe(2);
      expect(result.stderr, argv.join(' ')).toContain(
        'Partner "Audit Elsewhere" has a customer ELSEWHERE-1: add --partner "Audit Elsewhere".',
      );
    }
  });
});

// An import's error report from the CLI (SPEC §6, §9): `hub users import … --error-report FILE` for
// the job it runs, `hub users error-report JOB --customer C [--out FILE]` for one that ran. The same
// bytes as the API's error-report.csv, in this process (no server), run by a server (the harness
// lends its runtime as a server does) and forwarded over the server's real CLI listener.
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliListener } from '../../src/cli/cli-listener.ts';
import type { ImportCliResult } from '../../src/cli/commands/users-import.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { buildApp } from '../../src/http/app.ts';
import { discoveryFile, writeDiscovery } from '../../src/server-discovery.ts';
import { createApiToken } from '../helpers/factories.ts';
import { runHubWithEnv, useTestCli, type CliResult } from './cli-harness.ts';
import { prepareMigratedDataDir } from './migrated-data-dir.ts';

const cli = useTestCli();

const HEADER =
  'User ID/Email (Required);First Name;Last Name;Webex Meetings;Preferred Webex Site;Jabber Calling;Jabber with Webex Teams';
/** Semicolons and an accented name: the report keeps the upload's separator and its UTF-8 text. */
const WITH_ERRORS = [
  HEADER,
  'ann@report.example;Ann;Smit;TRUE;report.webex.com;FALSE;FALSE',
  'not-an-email;Zoë;Bakker;TRUE;report.webex.com;FALSE;FALSE',
  'also bad;Émile;Jansen;TRUE;report.webex.com;FALSE;FALSE',
  '',
].join('\n');
const WITHOUT_ERRORS = [HEADER, 'bob@report.example;Bob;Smit;TRUE;report.webex.com;FALSE;FALSE', ''].join(
  '\n',
);

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

function createCustomer(hub: (...argv: string[]) => Promise<CliResult>, externalId: string) {
  return hub(
    'customers',
    'create',
    '--name',
    `Report ${externalId}`,
    '--external-id',
    externalId,
    '--admin-email',
    `admin@${externalId.toLowerCase()}.example`,
    '--country',
    'NL',
    '--packages',
    'webex_meetings',
  );
}

/** GET …/error-report.csv of the API, on the harness's database, as bytes. */
async function apiReport(customerExternalId: string, jobId: string): Promise<Buffer> {
  const { runtime } = cli();
  const app = await buildApp({
    config: runtime.config,
    database: runtime.database,
    secret: runtime.deployment.secret,
  });
  try {
    const token = await createApiToken(runtime.database.db, {
      partnerId: runtime.deployment.defaultPartner.id,
      role: 'operator',
    });
    const customers = await app.inject({
      method: 'GET',
      url: `/v1/customers?search=${customerExternalId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    const customer = (customers.json() as { items: { id: string; externalId: string }[] }).items.find(
      (item) => item.externalId === customerExternalId,
    );
    const response = await app.inject({
      method: 'GET',
      url: `/v1/customers/${customer?.id}/imports/${jobId}/error-report.csv`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.rawPayload;
  } finally {
    await app.close();
  }
}

let jobWithErrors = '';
let jobWithoutErrors = '';
let reportBytes: Buffer = Buffer.alloc(0);

beforeAll(async () => {
  const created = await createCustomer(cli().hub, 'REPORT-1');
  expect(created.exitCode, created.stderr).toBe(0);
  await writeFile(path.join(cli().cwd, 'errors.csv'), WITH_ERRORS);
  await writeFile(path.join(cli().cwd, 'clean.csv'), WITHOUT_ERRORS);
}, 120_000);

describe('hub users import --error-report', () => {
  it('writes the finished job’s error report, the same bytes as the API, and says where', async () => {
    const result = await cli().hub(
      'users',
      'import',
      'errors.csv',
      '--customer',
      'REPORT-1',
      '--error-report',
      'report.csv',
      '--json',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const parsed = result.json<ImportCliResult>();
    expect(parsed.counts).toMatchObject({ add: 1, error: 2 });
    jobWithErrors = parsed.jobId ?? '';
    const target = path.join(cli().cwd, 'report.csv');
    expect(result.stderr).toContain(`(2 rows with errors) written to ${target}`);
    reportBytes = await apiReport('REPORT-1', jobWithErrors);
    expect(await readFile(target)).toEqual(reportBytes);
    const text = reportBytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(`${HEADER};Error;Line`);
    expect(text).toContain('not-an-email;Zoë;Bakker;TRUE');
    expect(text).toContain('also bad;Émile;Jansen;TRUE');
    expect(text).not.toContain('ann@report.example');
  });

  it('writes nothing when no row has an error, and says so', async () => {
    const target = path.join(cli().cwd, 'none.csv');
    const result = await cli().hub(
      'users',
      'import',
      'clean.csv',
      '--customer',
      'REPORT-1',
      '--error-report',
      'none.csv',
      '--json',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    jobWithoutErrors = result.json<ImportCliResult>().jobId ?? '';
    expect(result.stderr).toContain(`Import ${jobWithoutErrors} has no error report: no row has an error.`);
    expect(await exists(target)).toBe(false);
  });

  it('refuses a report path in a folder that does not exist before importing anything (exit 2)', async () => {
    const result = await cli().hub(
      'users',
      'import',
      'errors.csv',
      '--customer',
      'REPORT-1',
      '--error-report',
      'missing-folder/report.csv',
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--error-report: the directory');
    expect(result.stdout).toBe('');
  });
});

describe('hub users error-report', () => {
  it('prints the report of a job that ran on stdout, or writes it to --out', async () => {
    const printed = await cli().hub('users', 'error-report', jobWithErrors, '--customer', 'REPORT-1');
    expect(printed.exitCode, printed.stderr).toBe(0);
    expect(Buffer.from(printed.stdout, 'utf8')).toEqual(reportBytes);

    const written = await cli().hub(
      'users',
      'error-report',
      jobWithErrors,
      '--customer',
      'REPORT-1',
      '--out',
      'again.csv',
    );
    expect(written.exitCode, written.stderr).toBe(0);
    expect(written.stdout).toBe('');
    expect(await readFile(path.join(cli().cwd, 'again.csv'))).toEqual(reportBytes);
  });

  it('--json says what was written where; without --out the CSV is in it', async () => {
    const written = await cli().hub(
      'users',
      'error-report',
      jobWithErrors,
      '--customer',
      'REPORT-1',
      '--out',
      'json.csv',
      '--json',
    );
    expect(written.exitCode, written.stderr).toBe(0);
    expect(written.json()).toEqual({
      importId: jobWithErrors,
      file: path.join(cli().cwd, 'json.csv'),
      errorRows: 2,
    });
    expect(await readFile(path.join(cli().cwd, 'json.csv'))).toEqual(reportBytes);

    const inline = await cli().hub(
      'users',
      'error-report',
      jobWithErrors,
      '--customer',
      'REPORT-1',
      '--json',
    );
    expect(inline.exitCode, inline.stderr).toBe(0);
    expect(inline.json()).toEqual({
      importId: jobWithErrors,
      file: null,
      errorRows: 2,
      csv: reportBytes.toString('utf8'),
    });

    const none = await cli().hub(
      'users',
      'error-report',
      jobWithoutErrors,
      '--customer',
      'REPORT-1',
      '--json',
    );
    expect(none.exitCode, none.stderr).toBe(0);
    expect(none.json()).toEqual({ importId: jobWithoutErrors, file: null, errorRows: 0, csv: null });
    expect(none.stderr).toContain('has no error report');
  });

  it('writes nothing for a job without rows in error, and says so (exit 0)', async () => {
    const result = await cli().hub(
      'users',
      'error-report',
      jobWithoutErrors,
      '--customer',
      'REPORT-1',
      '--out',
      'nothing.csv',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain('has no error report');
    expect(await exists(path.join(cli().cwd, 'nothing.csv'))).toBe(false);
  });

  it('fails (exit 1) for a job still running: its report is not complete yet', async () => {
    const dry = await cli().hub(
      'users',
      'import',
      'errors.csv',
      '--customer',
      'REPORT-1',
      '--dry-run',
      '--json',
    );
    const jobId = dry.json<ImportCliResult>().jobId ?? '';
    // As a worker leaves it mid-way.
    await cli()
      .runtime.database.db.withTables<{ imports: { id: string; status: string } }>()
      .updateTable('imports')
      .set({ status: 'validating' })
      .where('id', '=', jobId)
      .execute();
    const result = await cli().hub('users', 'error-report', jobId, '--customer', 'REPORT-1');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Import ${jobId} is still validating`);
    expect(result.stderr).toContain(`hub users import-status ${jobId} --customer REPORT-1 --wait`);
  });

  it('is in the help of hub users import and hub users', async () => {
    const importHelp = await cli().hub('users', 'import', '--help');
    expect(importHelp.stdout).toContain('--error-report <file>');
    const usersHelp = await cli().hub('users', '--help');
    expect(usersHelp.stdout).toContain('error-report [options] <import>');
  });

  it('rejects an unknown job naming it, and bad arguments (exit 2)', async () => {
    const unknown = '0b5e2a4c-1d2e-4f00-9a7b-000000000000';
    for (const job of [unknown, 'not-a-job']) {
      const result = await cli().hub('users', 'error-report', job, '--customer', 'REPORT-1');
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain(`import "${job}": customer REPORT-1 has no import with this id.`);
      expect(result.stdout).toBe('');
    }
    const noCustomer = await cli().hub('users', 'error-report', jobWithErrors);
    expect(noCustomer.exitCode).toBe(2);
    const noFolder = await cli().hub(
      'users',
      'error-report',
      jobWithErrors,
      '--customer',
      'REPORT-1',
      '--out',
      'missing-folder/x.csv',
    );
    expect(noFolder.exitCode).toBe(2);
    expect(noFolder.stderr).toContain('--out: the directory');
  });
});

describe('forwarded to a running server over its CLI listener', () => {
  it('streams the report back byte for byte, and writes --error-report where the CLI runs', async () => {
    const { runtime, cwd } = cli();
    const listener = await startCliListener({
      cliSecret: 'report-secret',
      run: (argv, io) => runCli(argv, io, { runtime }),
    });
    // As `hub serve` records itself (a live pid that is not this process: the test's parent).
    await writeDiscovery(cwd, {
      pid: process.ppid,
      url: 'http://127.0.0.1:1',
      cliUrl: listener.url,
      cliSecret: 'report-secret',
    });
    try {
      const hub = (...argv: string[]) => runHubWithEnv({ HUB_DATA_DIR: cwd }, cwd, argv);
      const printed = await hub('users', 'error-report', jobWithErrors, '--customer', 'REPORT-1');
      expect(printed.exitCode, printed.stderr).toBe(0);
      expect(Buffer.from(printed.stdout, 'utf8')).toEqual(reportBytes);

      const imported = await hub(
        'users',
        'import',
        'errors.csv',
        '--customer',
        'REPORT-1',
        '--dry-run',
        '--error-report',
        'forwarded.csv',
      );
      expect(imported.exitCode, imported.stderr).toBe(0);
      expect(imported.stderr).toContain(`written to ${path.join(cwd, 'forwarded.csv')}`);
      const forwarded = await readFile(path.join(cwd, 'forwarded.csv'), 'utf8');
      expect(forwarded).toContain('not-an-email;Zoë;Bakker;TRUE');

      const unknown = await hub('users', 'error-report', 'not-a-job', '--customer', 'REPORT-1');
      expect(unknown.exitCode).toBe(2);
      expect(unknown.stderr).toContain('import "not-a-job"');
    } finally {
      await rm(discoveryFile(cwd), { force: true });
      await listener.close();
    }
  });
});

describe('without a server (the CLI opens the data dir itself)', () => {
  let workDir = '';
  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('imports with --error-report and prints the report of that job', { timeout: 300_000 }, async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'hub-error-report-'));
    // A migrated data dir: the first start of one is not what this tests.
    await prepareMigratedDataDir(path.join(workDir, 'data'));
    const hub = (...argv: string[]) =>
      runHubWithEnv({ HUB_DATA_DIR: path.join(workDir, 'data') }, workDir, argv);
    await writeFile(path.join(workDir, 'errors.csv'), WITH_ERRORS);
    expect((await createCustomer(hub, 'LOCAL-1')).exitCode).toBe(0);
    const imported = await hub(
      'users',
      'import',
      'errors.csv',
      '--customer',
      'LOCAL-1',
      '--json',
      '--error-report',
      'local.csv',
    );
    expect(imported.exitCode, imported.stderr).toBe(0);
    const jobId = imported.json<ImportCliResult>().jobId ?? '';
    const written = await readFile(path.join(workDir, 'local.csv'));
    expect(written.toString('utf8')).toContain('also bad;Émile;Jansen;TRUE');
    const printed = await hub('users', 'error-report', jobId, '--customer', 'LOCAL-1');
    expect(printed.exitCode, printed.stderr).toBe(0);
    expect(Buffer.from(printed.stdout, 'utf8')).toEqual(written);
  });
});

// `hub users import` / `hub users export` in-process: SPEC §9's JSON, exit codes, the fixtures.
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportCliResult } from '../../src/cli/commands/users-import.ts';
import { useTestCli } from '../cli/cli-harness.ts';
import { FIXTURES_DIR } from './import-setup.ts';
import { FIXTURE_SETUP_COMMANDS } from '../helpers/fixture-setup-commands.ts';

describe('hub users import / export', () => {
  const cli = useTestCli();

  it('sets up the fixture customer', async () => {
    const { hub } = cli();
    for (const argv of FIXTURE_SETUP_COMMANDS) expect((await hub(...argv)).exitCode).toBe(0);
    for (const name of ['01-add-basic.csv', '03-errors.csv'])
      await copyFile(path.join(FIXTURES_DIR, name), path.join(cli().cwd, name));
  });

  it('prints the SPEC §9 JSON and exits 0 for a job that ran', async () => {
    const result = await cli().hub(
      'users',
      'import',
      '--customer',
      'DEVRIES-001',
      '01-add-basic.csv',
      '--json',
    );
    expect(result.exitCode).toBe(0);
    const body = result.json<ImportCliResult>();
    expect(Object.keys(body)).toEqual(['jobId', 'status', 'counts', 'fileWarnings', 'rows']);
    expect(body.status).toBe('completed');
    expect(body.counts).toEqual({ add: 5, modify: 0, remove: 0, unchanged: 0, error: 0, warning: 1 });
    expect(body.rows[0]).toEqual({
      row: 2,
      email: 'anna@devries.example',
      action: 'add',
      status: 'ok',
      messages: [],
    });
    expect(body.rows[4]).toMatchObject({ row: 6, action: 'add', status: 'warning' });
  });

  it('exits 0 with row errors, each row naming row, column and reason', async () => {
    const result = await cli().hub('users', 'import', '--customer', 'DEVRIES-001', '03-errors.csv', '--json');
    expect(result.exitCode).toBe(0);
    const body = result.json<ImportCliResult>();
    expect(body.status).toBe('completed_with_errors');
    expect(body.rows.find((row) => row.row === 8)).toMatchObject({ action: 'error', status: 'error' });
    expect(body.rows.find((row) => row.row === 8)?.messages[0]).toMatch(
      /^Row 8, User ID\/Email \(Required\): "not-an-email"/,
    );
  });

  it('a dry run changes nothing', async () => {
    const result = await cli().hub(
      'users',
      'import',
      '--customer',
      'DEVRIES-001',
      '01-add-basic.csv',
      '--dry-run',
      '--behaviour',
      'add-remove',
      '--json',
    );
    expect(result.exitCode).toBe(0);
    expect(result.json<ImportCliResult>().status).toBe('validated');
  });

  it('exits 2 for a rejected file and for bad arguments', async () => {
    await writeFile(path.join(cli().cwd, 'no-email.csv'), 'First Name,Last Name\nA,B\n');
    const rejected = await cli().hub(
      'users',
      'import',
      '--customer',
      'DEVRIES-001',
      'no-email.csv',
      '--json',
    );
    expect(rejected.exitCode).toBe(2);
    expect(rejected.stderr).toContain('User ID/Email (Required)');
    expect(rejected.json<ImportCliResult>()).toEqual({
      jobId: null,
      status: 'failed',
      counts: { add: 0, modify: 0, remove: 0, unchanged: 0, error: 0, warning: 0 },
      fileWarnings: [],
      rows: [],
      fileError: expect.stringContaining('User ID/Email (Required)'),
    });
    expect((await cli().hub('users', 'import', '--customer', 'DEVRIES-001', 'missing.csv')).exitCode).toBe(2);
    expect(
      (
        await cli().hub(
          'users',
          'import',
          '--customer',
          'DEVRIES-001',
          '01-add-basic.csv',
          '--behaviour',
          'sometimes',
        )
      ).exitCode,
    ).toBe(2);
  });

  const importJson = (file: string) =>
    cli().hub('users', 'import', '--customer', 'DEVRIES-001', file, '--json');

  it('prints the JSON object for a binary file rejected at upload, exit 2', async () => {
    await writeFile(
      path.join(cli().cwd, 'binary.csv'),
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0xfe, 0x00, 0x01]),
    );
    const result = await importJson('binary.csv');
    expect(result.exitCode).toBe(2);
    const body = result.json<ImportCliResult>();
    expect(body).toMatchObject({ jobId: null, status: 'failed', rows: [], fileWarnings: [] });
    expect(body.fileError).toBeTruthy();
    expect(result.stderr).toContain(body.fileError);
  });

  it('prints the JSON object for a file over the size limit, exit 2', async () => {
    const { runtime } = cli();
    const config = runtime.config;
    await writeFile(
      path.join(cli().cwd, 'large.csv'),
      `User ID/Email (Required),First Name\n${'someone@devries.example,Someone\n'.repeat(100)}`,
    );
    // The limit of this one runtime only, put back after.
    Object.assign(runtime, { config: { ...config, importMaxBytes: 1000 } });
    try {
      const result = await importJson('large.csv');
      expect(result.exitCode).toBe(2);
      expect(result.json<ImportCliResult>()).toMatchObject({
        jobId: null,
        status: 'failed',
        counts: { add: 0, modify: 0, remove: 0, unchanged: 0, error: 0, warning: 0 },
        rows: [],
        fileError: expect.stringMatching(/larger than/),
      });
    } finally {
      Object.assign(runtime, { config });
    }
  });

  it('a file the job rejects prints the same shape, with its job', async () => {
    // The header passes the upload's check; a binary part after the first 1 MB chunk is found by the job.
    // The upload stores 1 MiB chunks: text fills the first exactly (one long first name, so the
    // job plans no row before it), and the second starts with NUL bytes.
    const text = `User ID/Email (Required),First Name\nnobody@devries.example,`;
    await writeFile(
      path.join(cli().cwd, 'late-binary.csv'),
      Buffer.concat([Buffer.from(text.padEnd(1024 * 1024, 'x')), Buffer.alloc(4096, 0)]),
    );
    const result = await importJson('late-binary.csv');
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toMatchObject({ exitCode: 2 });
    const body = result.json<ImportCliResult>();
    expect(Object.keys(body)).toEqual(['jobId', 'status', 'counts', 'fileWarnings', 'rows', 'fileError']);
    expect(body.jobId).toEqual(expect.any(String));
    expect(body.status).toBe('failed');
    expect(body.fileError).toBeTruthy();
  });

  it("help names the customer's setting as the default behaviour", async () => {
    const help = await cli().hub('users', 'import', '--help');
    // Commander wraps the help text: compare with the line breaks taken out.
    const text = (help.stdout + help.stderr).replace(/\s+/g, ' ');
    expect(text).toContain("default: the customer's default import behaviour");
    expect(text).not.toContain('add-only (default)');
  });

  it('exports, and the export re-imports as all unchanged', async () => {
    const exported = await cli().hub('users', 'export', '--customer', 'DEVRIES-001', '--out', 'export.csv');
    expect(exported.exitCode).toBe(0);
    const stdout = await cli().hub('users', 'export', '--customer', 'DEVRIES-001');
    expect(stdout.stdout).toContain('anna@devries.example');
    const again = (
      await cli().hub('users', 'import', '--customer', 'DEVRIES-001', 'export.csv', '--json')
    ).json<ImportCliResult>();
    expect(new Set(again.rows.map((row) => row.action))).toEqual(new Set(['unchanged']));
    expect(again.rows).toHaveLength(7);
  });
});

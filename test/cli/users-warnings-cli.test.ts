// The CLI's user writes tell their warnings as the admin API answers them (SPEC §9: messages on
// stderr, machine-readable output on stdout). `users add-batch` printed none on a terminal and, with
// --json, a bare description that named no field; `users set-package --json` named the planner's
// column (`attendant_console`) where the API names the request property (`attendantConsole`).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestCli } from './cli-harness.ts';

const cli = useTestCli();

beforeAll(async () => {
  const created = await cli().hub(
    'customers',
    'create',
    '--name',
    'Warn CLI',
    '--external-id',
    'WARN-CLI',
    '--admin-email',
    'it@warncli.example',
    '--country',
    'NL',
    '--packages',
    'webex_calling,webex_meetings,attendant_console',
    '--json',
  );
  expect(created.exitCode, created.stderr).toBe(0);
  const location = await cli().hub(
    'locations',
    'create',
    '--customer',
    'WARN-CLI',
    '--name',
    'Utrecht',
    '--country',
    'NL',
    '--timezone',
    'Europe/Amsterdam',
  );
  expect(location.exitCode, location.stderr).toBe(0);
});

const PLUS = '"31201234599" was read as +31201234599 (the leading + was missing).';

async function batchFile(name: string): Promise<string> {
  await writeFile(
    path.join(cli().cwd, name),
    JSON.stringify([
      {
        email: `${name}-plus@warncli.example`,
        package: 'webex_meetings',
        preferredWebexSite: 'warncli.webex.com',
        callerIdNumber: '31201234599',
      },
      {
        email: `${name}-quiet@warncli.example`,
        package: 'webex_meetings',
        preferredWebexSite: 'warncli.webex.com',
      },
    ]),
  );
  return name;
}

describe('hub users add-batch', () => {
  it('prints each warning on stderr, naming the user and the field', async () => {
    const result = await cli().hub('users', 'add-batch', await batchFile('text'), '--customer', 'WARN-CLI');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toBe(`warning: text-plus@warncli.example: callerIdNumber: ${PLUS}\n`);
    expect(result.stdout).not.toContain('warning');
  });

  it('with --json, names the field of each warning on stdout, as its errors do, and on stderr', async () => {
    const result = await cli().hub(
      'users',
      'add-batch',
      await batchFile('json'),
      '--customer',
      'WARN-CLI',
      '--json',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const { results } = result.json<{ results: { email: string; warnings: string[] }[] }>();
    expect(results.map(({ email, warnings }) => ({ email, warnings }))).toEqual([
      { email: 'json-plus@warncli.example', warnings: [`callerIdNumber: ${PLUS}`] },
      { email: 'json-quiet@warncli.example', warnings: [] },
    ]);
    expect(result.stderr).toBe(`warning: json-plus@warncli.example: callerIdNumber: ${PLUS}\n`);
  });
});

describe('hub users set-package', () => {
  it('with --json, names the request property of a warning, as PUT …/package answers it', async () => {
    const added = await cli().hub(
      'users',
      'add',
      '--customer',
      'WARN-CLI',
      '--email',
      'console@warncli.example',
      '--first-name',
      'Con',
      '--last-name',
      'Sole',
      '--package',
      'webex_calling',
      '--attendant-console',
      '--location',
      'Utrecht',
      '--extension',
      '2001',
      '--preferred-webex-site',
      'warncli.webex.com',
    );
    expect(added.exitCode, added.stderr).toBe(0);
    expect(added.stderr).toBe('');
    const changed = await cli().hub(
      'users',
      'set-package',
      '--customer',
      'WARN-CLI',
      '--user',
      'console@warncli.example',
      '--package',
      'webex_meetings',
      '--json',
    );
    expect(changed.exitCode, changed.stderr).toBe(0);
    const { warnings } = changed.json<{ warnings: { code: string; field?: string; params?: object }[] }>();
    expect(warnings.find((warning) => warning.code === 'add_on_dropped')).toMatchObject({
      field: 'attendantConsole',
      params: { addOn: 'attendant_console', package: 'webex_meetings' },
    });
    expect(changed.stderr).toContain('warning: ');
  });
});

// `hub scim sync status|enable|disable`: creating a SCIM token switches directory sync on, and
// while it is on users cannot be added by hand; the CLI can switch it off again, as the API can.
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
    'Sync Switch',
    '--external-id',
    'SYNC-1',
    '--admin-email',
    'admin@sync-switch.example',
    '--country',
    'NL',
    '--packages',
    'webex_meetings',
    '--json',
  );
  expect(created.exitCode, created.stderr).toBe(0);
  await writeFile(
    path.join(cli().cwd, 'one-user.json'),
    JSON.stringify([
      { email: 'hand@sync-switch.example', firstName: 'H', lastName: 'A', package: 'webex_meetings' },
    ]),
  );
});

const addByHand = () =>
  cli().hub('users', 'add-batch', path.join(cli().cwd, 'one-user.json'), '--customer', 'SYNC-1', '--json');

const syncState = async () => {
  const status = await cli().hub('scim', 'sync', 'status', '--customer', 'SYNC-1', '--json');
  expect(status.exitCode, status.stderr).toBe(0);
  return status.json<{ enabled: boolean; scimBasePath: string }>();
};

describe('hub scim sync', () => {
  it('switches directory sync off after a token switched it on, and users can be added by hand again', async () => {
    const token = await cli().hub('scim', 'tokens', 'create', '--customer', 'SYNC-1', '--json');
    expect(token.exitCode, token.stderr).toBe(0);
    expect((await syncState()).enabled).toBe(true);
    const refused = await addByHand();
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr + refused.stdout).toContain('directory synchronization');

    const disabled = await cli().hub('scim', 'sync', 'disable', '--customer', 'SYNC-1');
    expect(disabled.exitCode, disabled.stderr).toBe(0);
    expect(disabled.stdout).toMatch(/^directorySync: +off$/m);
    expect(disabled.stdout).toContain('Users are added by the web app, the API, CSV and the CLI.');
    for (const line of disabled.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(await syncState()).toMatchObject({
      enabled: false,
      scimBasePath: expect.stringMatching(/^\/scim\/v2\//),
    });
    expect((await addByHand()).exitCode).toBe(0);

    const enabled = await cli().hub('scim', 'sync', 'enable', '--customer', 'SYNC-1', '--json');
    expect(enabled.exitCode, enabled.stderr).toBe(0);
    expect(enabled.json<{ enabled: boolean }>().enabled).toBe(true);
  });

  it('names an unknown customer and exits 2', async () => {
    const result = await cli().hub('scim', 'sync', 'disable', '--customer', 'NO-SUCH-1');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('NO-SUCH-1');
  });
});

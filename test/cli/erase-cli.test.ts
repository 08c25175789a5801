// `hub erase --email E [--json]` (ADR 0024 "Operator erasure"): the operator's deployment-wide
// GDPR erasure from a terminal, as a server runs it for a forwarded invocation and as bin/hub runs
// it on the embedded database itself; exit codes of SPEC §9.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { withLifecycleTables } from '../../src/db/repositories/lifecycle-schema.ts';
import { tombstoneOf } from '../../src/services/privacy/erasure-engine.ts';
import { runHubWithEnv, useTestCli } from './cli-harness.ts';
import { prepareMigratedDataDir } from './migrated-data-dir.ts';

const cli = useTestCli();

async function freeAccountsNamed(email: string): Promise<number> {
  const rows = await withLifecycleTables(cli().runtime.database.db)
    .selectFrom('free_accounts')
    .select('id')
    .where('email', '=', email)
    .execute();
  return rows.length;
}

describe('hub erase', () => {
  it('erases a free account from the deployment and prints the counts as JSON', async () => {
    const email = 'gdpr1@free.example';
    const created = await cli().hub('accounts', 'create-free', '--email', email, '--first-name', 'Gerda');
    expect(created.exitCode, created.stderr).toBe(0);
    expect(await cli().hub('accounts', 'create-free', '--email', 'kept@free.example')).toMatchObject({
      exitCode: 0,
    });

    const erased = await cli().hub('erase', '--email', 'GDPR1@free.example', '--json');
    expect(erased.exitCode, erased.stderr).toBe(0);
    expect(erased.json()).toEqual({
      tombstone: tombstoneOf(email),
      erasedEvents: 1,
      erasedEmails: 0,
      deletedFreeAccounts: 1,
      erasedImportRows: 0,
      deletedImportFiles: 0,
      cancelledImports: 0,
      partners: 0,
      stillHeldBy: { users: 0, admins: 0 },
    });
    expect(await freeAccountsNamed(email)).toBe(0);
    expect(await freeAccountsNamed('kept@free.example')).toBe(1);
    const naming = await cli()
      .runtime.database.db.selectFrom('audit_events')
      .select('id')
      .where((eb) =>
        eb.or([eb(sql<string>`after::text`, 'ilike', `%${email}%`), eb('target_id', '=', email)]),
      )
      .execute();
    expect(naming).toEqual([]);
  });

  it('says in words what it erased, and warns about live accounts that keep the address', async () => {
    const customer = await cli().hub(
      'customers',
      'create',
      '--name',
      'Acme',
      '--external-id',
      'ACME',
      '--admin-email',
      'it@acme.example',
      '--country',
      'NL',
      '--packages',
      'webex_meetings',
      '--json',
    );
    expect(customer.exitCode, customer.stderr).toBe(0);
    const erased = await cli().hub('erase', '--email', 'it@acme.example');
    expect(erased.exitCode, erased.stderr).toBe(0);
    expect(erased.stdout).toContain(
      `Erased it@acme.example from the deployment as ${tombstoneOf('it@acme.example')}`,
    );
    expect(erased.stdout).toMatch(/in 1 partners/);
    expect(erased.stdout).toMatch(/0 import rows, 0 uploaded import files \(0 imports cancelled\)/);
    // The customer's primary admin was invited: the admin account keeps the address.
    expect(erased.stderr).toContain('Still in use by 0 users and 1 admins');
  });

  it('rejects an address that is no email with exit code 2, and a missing --email', async () => {
    expect((await cli().hub('erase', '--email', 'not-an-email')).exitCode).toBe(2);
    expect((await cli().hub('erase')).exitCode).toBe(2);
  });
});

describe('hub erase on the embedded database of a data dir', { timeout: 120_000 }, () => {
  let workDir = '';
  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('runs locally like every other command', async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'hub-erase-test-'));
    // A migrated data dir: the first start of one is not what this tests.
    await prepareMigratedDataDir(path.join(workDir, 'data'));
    const hub = (...argv: string[]) =>
      runHubWithEnv({ HUB_DATA_DIR: path.join(workDir, 'data') }, workDir, argv);
    expect((await hub('accounts', 'create-free', '--email', 'local@free.example')).exitCode).toBe(0);
    const erased = await hub('erase', '--email', 'local@free.example', '--json');
    expect(erased.exitCode, erased.stderr).toBe(0);
    expect(erased.json()).toMatchObject({ deletedFreeAccounts: 1, erasedEvents: 1 });
    const again = await hub('erase', '--email', 'local@free.example', '--json');
    expect(again.json()).toMatchObject({ deletedFreeAccounts: 0, erasedEvents: 0 });
  });
});

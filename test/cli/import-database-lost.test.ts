// A CLI waiting for its import when the database connection is lost (PostgreSQL restarted, a
// failover) says so, that the import goes on, and how to follow it; exit 1, no stack. It quit
// with a bare "Error: terminating connection due to administrator command". PostgreSQL only.
import { randomBytes } from 'node:crypto';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout } from 'node:timers/promises';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bufferedIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { findImportById } from '../../src/db/repositories/import-jobs.ts';
import type { Runtime } from '../../src/runtime.ts';
import { ensureDeployment } from '../../src/services/bootstrap/ensure-deployment.ts';
import { createTestCustomer } from '../helpers/factories.ts';
import { adminUrl, dropDatabase, withDatabaseName } from '../helpers/postgres-admin.ts';
import { startTcpProxy, type TcpProxy } from '../ops/tcp-proxy.ts';

const target = inject('testDatabase');

describe.skipIf(target.kind !== 'postgres')('hub users import when the database connection is lost', () => {
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  let admin: Database | undefined;
  let direct: Database | undefined;
  let throughProxy: Database | undefined;
  let proxy: TcpProxy | undefined;

  beforeAll(async () => {
    if (target.kind !== 'postgres') return;
    admin = await openDatabase({ kind: 'postgres', url: adminUrl(target.serverUrl), poolSize: 1 });
    await admin.withScriptConnection((run) => run(`create database ${name} template ${target.template}`));
    const url = new URL(withDatabaseName(target.serverUrl, name));
    direct = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    throughProxy = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 3 });
  });

  afterAll(async () => {
    await throughProxy?.close();
    await proxy?.close();
    await direct?.close();
    if (admin) {
      await dropDatabase(admin, name);
      await admin.close();
    }
  });

  it('says the connection was lost, that the import goes on, and how to follow it', async () => {
    if (!direct || !throughProxy || !proxy) throw new Error('Only inside tests');
    const cwd = await mkdtemp(path.join(tmpdir(), 'hub-cli-test-'));
    const deployment = await ensureDeployment(direct.db, undefined);
    const customer = await createTestCustomer(direct.db, deployment.defaultPartner.id, { provision: true });
    await writeFile(
      path.join(cwd, 'users.csv'),
      'User ID/Email (Required),Webex Meetings\nanna@devries.example,TRUE\n',
    );
    // No worker runs: the import waits, queued, while the CLI looks at it.
    const runtime: Runtime = {
      config: loadConfig({ HUB_DATA_DIR: cwd, LOG_LEVEL: 'silent' }),
      database: throughProxy,
      deployment,
      logger: pino({ level: 'silent' }),
      createdDatabase: false,
      close: async () => undefined,
    };
    const io = bufferedIo(cwd);
    const exited = runCli(['users', 'import', 'users.csv', '--customer', customer.id, '--json'], io, {
      runtime,
    });
    while (!io.stderr.includes('uploaded')) await setTimeout(20);
    await proxy.cut();
    const exitCode = await exited;
    await proxy.restore();

    expect(exitCode).toBe(1);
    const importId = /Import (\S+) uploaded/.exec(io.stderr)?.[1] ?? '';
    expect(io.stderr).toContain('Lost the connection to the database (');
    expect(io.stderr).toContain(`The import ${importId} is not done and was not failed`);
    expect(io.stderr).toContain(
      `Resume and follow it with: hub users import-status ${importId} --customer ${customer.id} --wait`,
    );
    expect(io.stderr).not.toMatch(/^\s+at /m);
    expect(io.stdout).toBe('');
    const stored = await findImportById(direct.db, importId);
    expect(stored?.status).toBe('queued');
  });
});

// A CLI waiting for its import when the database connection is lost (PostgreSQL restarted, a
// failover) says so, that the import goes on, and how to follow it; exit 1, no stack. It quit
// with a bare "Error: terminating connection due to administrator command". PostgreSQL only.
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
import { createDatabaseBehindProxy, type DatabaseBehindProxy } from '../ops/database-behind-proxy.ts';

const target = inject('testDatabase');

describe.skipIf(target.kind !== 'postgres')('hub users import when the database connection is lost', () => {
  let database: DatabaseBehindProxy | undefined;
  let direct: Database | undefined;
  let throughProxy: Database | undefined;

  beforeAll(async () => {
    if (target.kind !== 'postgres') return;
    database = await createDatabaseBehindProxy(target);
    direct = await openDatabase({ kind: 'postgres', url: database.directUrl, poolSize: 2 });
    throughProxy = await openDatabase({ kind: 'postgres', url: database.proxiedUrl, poolSize: 3 });
  });

  afterAll(async () => {
    await throughProxy?.close();
    await direct?.close();
    await database?.close();
  });

  it('says the connection was lost, that the import goes on, and how to follow it', async () => {
    if (!direct || !throughProxy || !database) throw new Error('Only inside tests');
    const { proxy } = database;
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

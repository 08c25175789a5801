// The real thing (PostgreSQL only: PGlite's data dir belongs to one process): a worker process is
// killed with SIGKILL in the middle of an import; a worker started afterwards takes the job over
// when its lock expires and finishes it; the end state equals an uninterrupted run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { findImportById } from '../../src/db/repositories/import-jobs.ts';
import { createImport } from '../../src/services/imports/create-import.ts';
import { adminUrl, dropDatabase, withDatabaseName } from '../helpers/postgres-admin.ts';
import { collectOutcome, drainJobs } from './import-helpers.ts';
import { bytesBody, createGeneratedCustomer } from './import-setup.ts';
import { generateUsersCsvBytes } from './generate-users-csv.ts';

const target = inject('testDatabase');
const ROWS = 10_000;

describe.runIf(target.kind === 'postgres')('import worker killed with SIGKILL (PostgreSQL)', () => {
  const opened: { admin: Database; name: string; database: Database }[] = [];
  afterAll(async () => {
    for (const entry of opened) {
      await entry.database.close();
      await dropDatabase(entry.admin, entry.name);
      await entry.admin.close();
    }
  });

  async function freshDatabase(): Promise<{ database: Database; url: string }> {
    if (target.kind !== 'postgres') throw new Error('PostgreSQL only');
    const name = `hub_kill_${randomBytes(5).toString('hex')}`;
    const admin = await openDatabase({ kind: 'postgres', url: adminUrl(target.serverUrl), poolSize: 1 });
    await admin.withScriptConnection((run) => run(`create database ${name} template ${target.template}`));
    const url = withDatabaseName(target.serverUrl, name);
    const database = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
    opened.push({ admin, name, database });
    return { database, url };
  }

  it('resumes after the kill and ends exactly like an uninterrupted run', async () => {
    const killed = await freshDatabase();
    const reference = await freshDatabase();
    const setup = { externalId: 'KILL', locationCount: 4, numbersPerLocation: Math.ceil(ROWS / 4) + 10 };
    const killedCustomer = await createGeneratedCustomer(killed.database, setup);
    const referenceCustomer = await createGeneratedCustomer(reference.database, setup);
    const file = generateUsersCsvBytes({ rows: ROWS, locations: killedCustomer.locations });

    const expected = await createImport(referenceCustomer.context, {
      customerRef: referenceCustomer.customerId,
      dryRun: false,
      body: bytesBody(file),
    });
    await drainJobs(reference.database);

    const crashed = await createImport(killedCustomer.context, {
      customerRef: killedCustomer.customerId,
      dryRun: false,
      body: bytesBody(file),
    });
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(path.dirname(fileURLToPath(import.meta.url)), 'kill-worker-child.ts'),
        killed.url,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Kill it once a few batches have committed, while it is still applying.
    let appliedAtKill = 0;
    for (let attempt = 0; attempt < 1200; attempt += 1) {
      const row = await findImportById(killed.database.db, crashed.id);
      if (row && row.applied_through_row >= 1500) {
        appliedAtKill = row.applied_through_row;
        break;
      }
      await sleep(50);
    }
    child.kill('SIGKILL');
    await exited;
    expect(appliedAtKill).toBeGreaterThan(0);
    const afterKill = await findImportById(killed.database.db, crashed.id);
    expect(afterKill?.status).toBe('applying');
    expect(afterKill?.applied_through_row).toBeLessThan(ROWS + 1);

    // A new worker takes the job over once the dead worker's lock (2 s) has expired.
    await sleep(2500);
    await drainJobs(killed.database);

    const got = await collectOutcome(killedCustomer.context, killedCustomer.customerId, crashed.id);
    const want = await collectOutcome(referenceCustomer.context, referenceCustomer.customerId, expected.id);
    expect(got.view.status).toBe('completed');
    expect(got.view.counts).toEqual(want.view.counts);
    expect(got.byRow).toEqual(want.byRow);
    const users = (database: Database, customerId: string) =>
      database.db
        .selectFrom('users as u')
        .leftJoin('locations as l', 'l.id', 'u.location_id')
        .select(['u.email', 'u.package', 'u.extension', 'u.phone_number', 'l.name as location'])
        .where('u.customer_id', '=', customerId)
        .orderBy('u.email')
        .execute();
    const [gotUsers, wantUsers] = [
      await users(killed.database, killedCustomer.customerId),
      await users(reference.database, referenceCustomer.customerId),
    ];
    expect(gotUsers).toHaveLength(ROWS);
    expect(gotUsers).toEqual(wantUsers);
    const audits = await killed.database.db
      .selectFrom('audit_events')
      .select('target_id')
      .where('job_id', '=', crashed.id)
      .execute();
    expect(audits).toHaveLength(ROWS); // one per user: no batch was applied twice
  });
});

// A fresh, migrated database for one test file, on PGlite or (with DATABASE_URL) PostgreSQL.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { adminUrl, dropDatabase, withDatabaseName } from './postgres-admin.ts';

let templateDump: Blob | undefined;

export async function createTestDatabase(): Promise<Database> {
  const target = inject('testDatabase');
  if (target.kind === 'pglite') {
    templateDump ??= new Blob([await readFile(target.dumpFile)]);
    return openDatabase({ kind: 'pglite', dataDir: null, loadDataDir: templateDump });
  }
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url: adminUrl(target.serverUrl), poolSize: 1 });
  await admin.withScriptConnection((run) => run(`create database ${name} template ${target.template}`));
  const database = await openDatabase({
    kind: 'postgres',
    url: withDatabaseName(target.serverUrl, name),
    poolSize: 5,
  });
  return {
    ...database,
    async close() {
      await database.close();
      await dropDatabase(admin, name);
      await admin.close();
    },
  };
}

/** One database for the whole test file, closed (and dropped) after its last test. */
export function useTestDatabase(): () => Database {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });
  return () => {
    if (!database) throw new Error('The test database exists only inside tests and hooks');
    return database;
  };
}

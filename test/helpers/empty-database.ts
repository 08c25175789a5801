// An empty database with no migrations applied, for the tests of migrations and upgrades: they put
// an earlier release's schema and data on it first.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { adminUrl, dropDatabase, withDatabaseName } from './postgres-admin.ts';

export interface EmptyPostgresDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the PostgreSQL server at serverUrl; drop() removes it. */
export async function createEmptyPostgresDatabase(serverUrl: string): Promise<EmptyPostgresDatabase> {
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url: adminUrl(serverUrl), poolSize: 1 });
  await admin.withScriptConnection((run) => run(`create database ${name}`));
  return {
    url: withDatabaseName(serverUrl, name),
    async drop() {
      await dropDatabase(admin, name);
      await admin.close();
    },
  };
}

/**
 * An empty database of the kind under test: in-memory PGlite, or a new PostgreSQL database that
 * close() also drops.
 */
export async function openEmptyDatabase(poolSize = 2): Promise<Database> {
  const target = inject('testDatabase');
  if (target.kind === 'pglite') return openDatabase({ kind: 'pglite', dataDir: null });
  const created = await createEmptyPostgresDatabase(target.serverUrl);
  const database = await openDatabase({ kind: 'postgres', url: created.url, poolSize });
  return {
    ...database,
    async close() {
      await database.close();
      await created.drop();
    },
  };
}

// Starting a release on a database another node or release has touched: two nodes that start at
// once on an empty PostgreSQL database must not collide while creating the bookkeeping table, and
// a release must refuse a database a newer release migrated (a newer backup restored, an older
// node restarted after a newer one migrated) instead of running its code on a schema it does not
// know.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import {
  DatabaseFromANewerRelease,
  listMigrations,
  migrate,
  MIGRATION_LOCK_KEY,
  migrationsFromANewerRelease,
} from '../../src/db/migrate.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { createEmptyPostgresDatabase } from '../helpers/empty-database.ts';
import { lockWaiters } from '../helpers/lock-waiters.ts';

const target = inject('testDatabase');
const cleanups: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('migrationsFromANewerRelease', () => {
  it.each([
    { applied: [], known: ['0001_a.sql'], newer: [] },
    { applied: ['0001_a.sql'], known: ['0001_a.sql', '0002_b.sql'], newer: [] },
    {
      applied: ['0001_a.sql', '0024_c.sql', '0030_d.sql'],
      known: ['0001_a.sql'],
      newer: ['0024_c.sql', '0030_d.sql'],
    },
    // Renamed or folded on main within minutes: recorded by a few dev databases, not a newer release.
    { applied: ['0007_import_rows_issue_index.sql', '0020_user_search_full_name.sql'], known: [], newer: [] },
  ])('$applied against $known: $newer', ({ applied, known, newer }) => {
    expect(migrationsFromANewerRelease(applied, known)).toEqual(newer);
  });
});

describe(`a database migrated by a newer release, on ${target.kind}`, () => {
  it('is refused at start with the migrations it does not know, and left as it was', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.close());
    await database.withScriptConnection((run) =>
      run(`insert into schema_migrations (name) values ('0020_user_search_full_name.sql')`),
    );
    expect(await migrate(database)).toEqual([]);

    await database.withScriptConnection((run) =>
      run(`insert into schema_migrations (name) values ('0099_from_a_newer_release.sql')`),
    );
    const refused = await migrate(database).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DatabaseFromANewerRelease);
    expect((refused as Error).message).toContain('0099_from_a_newer_release.sql');
    expect((refused as Error).message).toContain('restore a backup taken by this release');
    // The advisory lock was let go: the next start is not stuck behind the refused one.
    const [free] = await database.withScriptConnection((run) =>
      run(`select pg_try_advisory_lock(${MIGRATION_LOCK_KEY}) as free`),
    );
    expect(free?.free).toBe(true);
  });
});

describe.skipIf(target.kind !== 'postgres')(
  'two nodes starting at once on an empty PostgreSQL database',
  () => {
    /** The URL of a new, empty database on the test server. */
    async function emptyDatabaseUrl(): Promise<string> {
      if (target.kind !== 'postgres') throw new Error('PostgreSQL only');
      const created = await createEmptyPostgresDatabase(target.serverUrl);
      cleanups.push(() => created.drop());
      return created.url;
    }

    async function node(url: string): Promise<Database> {
      const database = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
      cleanups.push(() => database.close());
      return database;
    }

    it('the second waits for the first, then applies what is left', async () => {
      const url = await emptyDatabaseUrl();
      const first = await node(url);
      const second = await node(url);

      // The first node, midway through its start: it holds the migration lock and has created the
      // bookkeeping table in a transaction it has not committed yet.
      let commit = (): void => undefined;
      const committed = new Promise<void>((resolve) => (commit = resolve));
      let created = (): void => undefined;
      const tableCreated = new Promise<void>((resolve) => (created = resolve));
      const firstNode = first.withScriptConnection(async (run) => {
        await run(`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
        await run(
          'begin; create table schema_migrations (name text primary key, applied_at timestamptz not null default now())',
        );
        created();
        await committed;
        await run(`commit; select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
      });
      await tableCreated;

      const secondNode = migrate(second);
      void secondNode.catch(() => undefined);
      await lockWaiters(second, 1);
      commit();
      await firstNode;

      expect(await secondNode).toEqual(await listMigrations());
    });
  },
);

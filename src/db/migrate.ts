// Applies the numbered plain-SQL migrations in src/db/migrations once each, in order, on both
// databases, each in its own transaction. An advisory lock keeps two app nodes that start at once
// from racing: it is taken before anything else, creating the bookkeeping table included, because
// two nodes creating it at once on an empty database collide on PostgreSQL's catalog (a duplicate
// key error) whatever `if not exists` says.
import { readdir, readFile } from 'node:fs/promises';
import { MIGRATIONS_DIR } from '../project-paths.ts';
import type { Database } from './client.ts';

export const MIGRATION_LOCK_KEY = 727_001;

// Migration files that existed for minutes on main and were then renamed or folded into another
// (git history): a database that recorded one is not from a newer release.
const RETIRED_MIGRATIONS = new Set(['0007_import_rows_issue_index.sql', '0020_user_search_full_name.sql']);

export async function listMigrations(): Promise<string[]> {
  const files = await readdir(MIGRATIONS_DIR);
  return files.filter((name) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(name)).sort();
}

/** Applied migrations this release does not have: the database was migrated by a newer release. */
export function migrationsFromANewerRelease(applied: Iterable<string>, known: readonly string[]): string[] {
  const ours = new Set(known);
  return [...applied].filter((name) => !ours.has(name) && !RETIRED_MIGRATIONS.has(name)).sort();
}

/**
 * Refused start: this release's code would run on a schema it was not written for (a backup of a
 * newer release restored, or an older node started after a newer one migrated).
 */
export class DatabaseFromANewerRelease extends Error {
  constructor(readonly unknownMigrations: readonly string[]) {
    super(
      `The database was migrated by a newer release of Wholesale Hub: it has applied ${unknownMigrations.join(', ')}, ` +
        'which this release does not have. Run that release (or a later one) on it, or restore a backup taken ' +
        'by this release; nothing was changed.',
    );
    this.name = 'DatabaseFromANewerRelease';
  }
}

export async function migrate(database: Database): Promise<string[]> {
  return database.withScriptConnection(async (runScript) => {
    await runScript(`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await runScript(
        'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
      );
      const done = new Set(
        (await runScript('select name from schema_migrations')).map((row) => String(row.name)),
      );
      const known = await listMigrations();
      const newer = migrationsFromANewerRelease(done, known);
      if (newer.length > 0) throw new DatabaseFromANewerRelease(newer);
      const applied: string[] = [];
      for (const name of known) {
        if (done.has(name)) continue;
        const script = await readFile(MIGRATIONS_DIR + name, 'utf8');
        try {
          await runScript(
            `begin;\n${script}\n;\ninsert into schema_migrations (name) values ('${name}');\ncommit;`,
          );
        } catch (error) {
          await runScript('rollback').catch(() => undefined);
          throw new Error(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
        }
        applied.push(name);
      }
      return applied;
    } finally {
      await runScript(`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  });
}

// A database as a deployment had it before a migration: every earlier migration applied and
// recorded, as `migrate` would have left it, so a migration test can put the data it must handle
// in place and then run the real migrations.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../src/db/client.ts';
import { listMigrations } from '../../src/db/migrate.ts';

const MIGRATIONS = fileURLToPath(new URL('../../src/db/migrations/', import.meta.url));

export async function applyMigrationsBefore(database: Database, first: string): Promise<void> {
  const earlier = (await listMigrations()).filter((name) => name < first);
  await database.withScriptConnection(async (run) => {
    await run(
      'create table schema_migrations (name text primary key, applied_at timestamptz not null default now())',
    );
    for (const name of earlier) {
      await run(await readFile(MIGRATIONS + name, 'utf8'));
      await run(`insert into schema_migrations (name) values ('${name}')`);
    }
  });
}

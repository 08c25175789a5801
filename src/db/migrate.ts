// Applies the numbered plain-SQL migrations in src/db/migrations once each, in order, on both
// databases, each in its own transaction. An advisory lock keeps two app nodes that start at once
// from racing.
import { readdir, readFile } from 'node:fs/promises';
import { MIGRATIONS_DIR } from '../project-paths.ts';
import type { Database } from './client.ts';

const LOCK_KEY = 727_001;

export async function listMigrations(): Promise<string[]> {
  const files = await readdir(MIGRATIONS_DIR);
  return files.filter((name) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(name)).sort();
}

export async function migrate(database: Database): Promise<string[]> {
  return database.withScriptConnection(async (runScript) => {
    await runScript(
      `create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now());
       select pg_advisory_lock(${LOCK_KEY});`,
    );
    try {
      const done = new Set(
        (await runScript('select name from schema_migrations')).map((row) => String(row.name)),
      );
      const applied: string[] = [];
      for (const name of await listMigrations()) {
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
      await runScript(`select pg_advisory_unlock(${LOCK_KEY})`);
    }
  });
}

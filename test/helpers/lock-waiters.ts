// For tests that hold a lock in one connection and must know another statement is waiting for it
// before going on (deterministic races on PostgreSQL, no sleeps that guess).
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../src/db/client.ts';
import type { DB } from '../../src/db/schema.ts';

/** Waits until `count` statements of this database wait for a lock (bounded: 10 s). */
export async function lockWaiters(database: Database, count: number): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const { rows } = await sql<{ waiting: number }>`
      select count(*)::int as waiting from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(database.db);
    if ((rows[0]?.waiting ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`fewer than ${count} statements ever waited for a lock`);
}

/**
 * Runs `take` (statements that take a lock) in a transaction of its own and holds that
 * transaction open, with its locks, until `release` is called.
 */
export async function holdLockInTransaction(
  database: Database,
  take: (trx: Transaction<DB>) => Promise<unknown>,
): Promise<{ release(): Promise<void> }> {
  let release = (): void => undefined;
  let held = (): void => undefined;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const done = database.db.transaction().execute(async (trx) => {
    await take(trx);
    held();
    await new Promise<void>((resolve) => (release = resolve));
  });
  await Promise.race([holding, done]);
  return {
    async release() {
      release();
      await done;
    },
  };
}

/** Whether a statement of this database waits for a lock before `work` settles. */
export async function waitsForALock(database: Database, work: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void work.finally(() => (settled = true)).catch(() => undefined);
  while (!settled) {
    const { rows } = await sql<{ waiting: number }>`
      select count(*)::int as waiting from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(database.db);
    if ((rows[0]?.waiting ?? 0) > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

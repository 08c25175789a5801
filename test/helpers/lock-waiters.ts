// For tests that hold a lock in one connection and must know another statement is waiting for it
// before going on (deterministic races on PostgreSQL, no sleeps that guess).
import { sql } from 'kysely';
import type { Database } from '../../src/db/client.ts';

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

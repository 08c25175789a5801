// SQL for the shared rate-limit counters (migration 0009). One statement per hit: the upsert
// starts a window, counts within it, or restarts it once it has ended, atomically on both
// databases, so two nodes counting the same client at once never lose a hit.
import { sql } from 'kysely';
import type { Executor } from '../../services/context.ts';

// A type alias (not an interface) so it satisfies withTables' record constraint.
type RateLimitTables = {
  rate_limit_hits: { key: string; hits: number; window_ends_at: Date };
};

export interface HitCount {
  /** Hits in the current window, this one included. */
  readonly hits: number;
  /** Milliseconds until the window ends. */
  readonly ttlMs: number;
}

export async function countHit(executor: Executor, key: string, windowMs: number): Promise<HitCount> {
  const window = sql`make_interval(secs => ${windowMs / 1000})`;
  const result = await sql<{ hits: number; ttl_ms: number }>`
    insert into rate_limit_hits as counter (key, hits, window_ends_at)
    values (${key}, 1, now() + ${window})
    on conflict (key) do update set
      hits = case when counter.window_ends_at <= now() then 1 else counter.hits + 1 end,
      window_ends_at = case when counter.window_ends_at <= now() then excluded.window_ends_at
                            else counter.window_ends_at end
    returning hits, greatest(0, ceil(extract(epoch from (window_ends_at - now())) * 1000))::int as ttl_ms`.execute(
    executor,
  );
  const row = result.rows[0];
  if (!row) throw new Error('rate_limit_hits upsert returned no row');
  return { hits: Number(row.hits), ttlMs: Number(row.ttl_ms) };
}

/** Drops counters whose window ended; a client that comes back starts afresh either way. */
export async function deleteEndedHits(executor: Executor): Promise<number> {
  const result = await executor
    .withTables<RateLimitTables>()
    .deleteFrom('rate_limit_hits')
    .where('window_ends_at', '<=', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

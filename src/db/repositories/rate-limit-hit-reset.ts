// Ends one counter of the shared rate limits (rate_limit_hits, migration 0009) before its window
// does: a successful sign-in starts its email's count of failures afresh (ADR 0082).
import type { Executor } from '../../services/context.ts';

// A type alias (not an interface) so it satisfies withTables' record constraint.
type RateLimitTables = {
  rate_limit_hits: { key: string; hits: number; window_ends_at: Date };
};

export async function forgetHits(executor: Executor, key: string): Promise<void> {
  await executor.withTables<RateLimitTables>().deleteFrom('rate_limit_hits').where('key', '=', key).execute();
}

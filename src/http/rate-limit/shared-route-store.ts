// The rate-limit plugin's store (ADR 0056). Limits set on a route (sign-in, sign-up, password
// reset, consent: per IP, SPEC §10) are counted in the database, so every app node sharing it
// sees the same count. Their keys name their bucket (per-client-limit.ts), so the route is not
// part of the key: two paths of one step count together. The per-request API limit
// (createRateLimit, no route) stays in this process's memory: a database round trip on every API
// request would cost more than the request itself.
import type {
  FastifyRateLimitOptions,
  FastifyRateLimitStore,
  FastifyRateLimitStoreCtor,
} from '@fastify/rate-limit';
import LocalStore from '@fastify/rate-limit/store/LocalStore.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { countHit } from '../../db/repositories/rate-limit-hits.ts';

type HitCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * The plugin passes `child` the merged limit options with `routeInfo`: the route for a limit set
 * on a route, `{}` for one made by createRateLimit. Its declared type says otherwise, so look.
 */
function isRouteLimit(options: object): boolean {
  const info = 'routeInfo' in options ? options.routeInfo : undefined;
  return typeof info === 'object' && info !== null && 'url' in info && typeof info.url === 'string';
}

function memoryStore(options: object): FastifyRateLimitStore {
  return new LocalStore(
    'continueExceeding' in options && options.continueExceeding === true,
    'exponentialBackoff' in options && options.exponentialBackoff === true,
  );
}

/** Ended windows are swept by housekeeping (ADR 0057). */
class DatabaseStore implements FastifyRateLimitStore {
  constructor(private readonly db: Kysely<DB>) {}

  incr(key: string, callback: HitCallback, timeWindow: number): void {
    this.count(key, timeWindow).then(
      (result) => callback(null, result),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  }

  private async count(key: string, timeWindow: number): Promise<{ current: number; ttl: number }> {
    const { hits, ttlMs } = await countHit(this.db, key, timeWindow);
    return { current: hits, ttl: ttlMs };
  }

  child(): FastifyRateLimitStore {
    return this;
  }
}

export function sharedRouteRateLimitStore(db: Kysely<DB>): FastifyRateLimitStoreCtor {
  return class SharedRouteStore implements FastifyRateLimitStore {
    private readonly memory: FastifyRateLimitStore;

    constructor(options: FastifyRateLimitOptions) {
      this.memory = memoryStore(options);
    }

    incr(key: string, callback: HitCallback, timeWindow: number, max: number): void {
      this.memory.incr(key, callback, timeWindow, max);
    }

    child(options: object): FastifyRateLimitStore {
      return isRouteLimit(options) ? new DatabaseStore(db) : memoryStore(options);
    }
  };
}

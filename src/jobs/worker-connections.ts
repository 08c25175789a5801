// How many database connections a worker's loops hold, and whether DB_POOL_SIZE leaves room for
// them (ADR 0093, update). A loop holds about one connection while its job works (an import's
// read-ahead lookups take a second one for a moment), housekeeping one while it runs; a worker in
// the server's process (the inline worker) shares the pool with the HTTP requests, which need a
// few of their own or every request waits for a job's query to end.

/** Connections left to HTTP requests at the least when the worker runs inline (helper-160's 5 with one customers loop). */
export const HTTP_RESERVED_CONNECTIONS = 2;

export interface WorkerConnectionNeeds {
  /** Claim loops of every lane (the customers lane's loops count each). */
  readonly loops: number;
  readonly housekeeping: boolean;
  readonly sharesPoolWithHttp: boolean;
}

/** Connections the worker's loops may hold at once. */
export function workerConnections(needs: WorkerConnectionNeeds): number {
  return needs.loops + (needs.housekeeping ? 1 : 0);
}

/** The smallest DB_POOL_SIZE that leaves room for the worker's loops (and HTTP when inline). */
export function suggestedPoolSize(needs: WorkerConnectionNeeds): number {
  return workerConnections(needs) + (needs.sharesPoolWithHttp ? HTTP_RESERVED_CONNECTIONS : 0);
}

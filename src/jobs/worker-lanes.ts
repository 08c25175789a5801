// A worker's lanes (ADR 0093): each lane is one claim loop for a set of job kinds, so that a
// backlog in one (a burst of invite emails against a slow mail server; a 1M-row import) never
// holds up the jobs of another. A customer's jobs stay in enqueue order whatever their lanes: the
// claim's `not exists older` looks at every kind (queue.ts).
//
// Kinds by name, not by importing their definitions: the CLI imports this module without the
// job handlers (ADR 0014). registry's test checks that every registered kind has its lane.

export interface WorkerLane {
  /** In the logs (`lane`) and in ADR 0093. */
  readonly name: string;
  readonly kinds: readonly string[];
}

/** The lane of a customer's work: it runs several loops (WORKER_CUSTOMER_LOOPS, worker.ts). */
export const CUSTOMERS_LANE = 'customers';

/**
 * Loops per lane in every worker (inline or `hub worker`): WORKER_CUSTOMER_LOOPS for `customers`,
 * one for each other lane. Each loop holds about one database connection at a time for its job
 * (plus its heartbeat), so a worker uses about one connection of DB_POOL_SIZE per loop, and one
 * more while housekeeping runs (worker-connections.ts, docs/operations.md).
 */
export const WORKER_LANES: readonly WorkerLane[] = [
  // A customer's work, each kind with the customer as its queue_key: what a partner admin waits
  // for (the import's progress bar, SPEC §6; a new customer's status).
  { name: CUSTOMERS_LANE, kinds: ['provision-customer', 'delete-customer', 'import-users'] },
  // Emails and the account work that writes them, none with a queue_key: what a person waits for
  // in their inbox (a password reset, a sign-up's link, an invite). The sends can be slow.
  { name: 'email', kinds: ['deliver-email', 'send-password-reset', 'sign-up'] },
];

/** The lane of kinds no lane names (tests' own kinds; none of the registered ones). */
export const OTHER_LANE = 'other';

/**
 * The lanes that run `kinds` (a worker's definitions): each lane with those of its kinds given,
 * lanes with none left out, and a last `other` lane for kinds no lane names.
 */
export function lanesFor(
  kinds: readonly string[],
  lanes: readonly WorkerLane[] = WORKER_LANES,
): WorkerLane[] {
  const chosen = lanes
    .map((lane) => ({ name: lane.name, kinds: lane.kinds.filter((kind) => kinds.includes(kind)) }))
    .filter((lane) => lane.kinds.length > 0);
  const named = new Set(lanes.flatMap((lane) => lane.kinds));
  const rest = kinds.filter((kind) => !named.has(kind));
  return rest.length > 0 ? [...chosen, { name: OTHER_LANE, kinds: rest }] : chosen;
}

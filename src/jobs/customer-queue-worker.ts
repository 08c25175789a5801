// The worker a CLI runs while it waits for one customer's job with no server to run it (`hub
// users import` on its own). It takes only that customer's queue (the job waited for, and the
// customer's earlier jobs it queues behind): on a shared PostgreSQL the other jobs (emails,
// sign-ups, other customers' imports) belong to the running servers and workers, which have the
// configuration (SMTP_URL, …) to run them.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../db/schema.ts';
import { jobDefinitions } from './registry.ts';
import { createWorker, type Worker } from './worker.ts';

export function createCustomerQueueWorker(options: {
  readonly db: Kysely<DB>;
  readonly logger: Logger;
  readonly customerId: string;
}): Worker {
  return createWorker({
    db: options.db,
    logger: options.logger,
    definitions: jobDefinitions,
    queueKey: options.customerId,
  });
}

// A background job is data: a kind, a version and a payload schema, handled by an ordinary
// function. Handlers must be idempotent: a job can run again after a crash or a takeover.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Logger } from 'pino';
import type { DB, JobRow } from '../db/schema.ts';

export interface JobRuntime {
  readonly db: Kysely<DB>;
  readonly job: JobRow;
  readonly logger: Logger;
  /** Extends the job's lock; false when another worker has taken the job over (stop then). */
  readonly heartbeat: () => Promise<boolean>;
  /** Aborted when the worker shuts down: stop at the next safe point. */
  readonly signal: AbortSignal;
}

export interface JobDefinition<Schema extends z.ZodType = z.ZodType> {
  readonly kind: string;
  readonly version: number;
  readonly payloadSchema: Schema;
  readonly maxAttempts?: number;
  handle(payload: z.infer<Schema>, runtime: JobRuntime): Promise<void>;
}

export function defineJob<Schema extends z.ZodType>(
  definition: JobDefinition<Schema>,
): JobDefinition<Schema> {
  return definition;
}

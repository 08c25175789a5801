// What every use case receives: the database, who acts, and the request (or job) it serves.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from './access/actor.ts';

export type Locale = 'en' | 'nl';

export type Executor = Kysely<DB> | Transaction<DB>;

export interface ServiceContext {
  readonly db: Kysely<DB>;
  readonly actor: Actor;
  /** The request's trackingId, or the job's id when a worker acts. */
  readonly requestId: string;
  readonly locale: Locale;
  /** Set when a background job performs the change (import jobs audit with it). */
  readonly jobId?: string;
}

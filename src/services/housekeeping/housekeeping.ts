// Housekeeping (ADR 0057): expires forgotten dry runs and removes what no request or job can use
// any more: uploaded files of finished imports, expired sessions, lapsed single-use tokens, old
// finished jobs, ended rate-limit windows. The worker runs it every hour; `hub housekeeping`
// runs it now. Every step is idempotent, so two nodes running it at once do no harm.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  deleteExpiredSessions,
  deleteFilesOfFinishedImports,
  deleteLapsedActionTokens,
  deleteOldFinishedJobs,
  expireAllDryRuns,
} from '../../db/repositories/housekeeping.ts';
import { deleteEndedHits } from '../../db/repositories/rate-limit-hits.ts';

export interface HousekeepingReport {
  readonly expiredDryRuns: number;
  readonly importFileChunksDeleted: number;
  readonly sessionsDeleted: number;
  readonly actionTokensDeleted: number;
  readonly jobsDeleted: number;
  readonly rateLimitCountersDeleted: number;
}

export async function runHousekeeping(db: Kysely<DB>): Promise<HousekeepingReport> {
  // Dry runs first: the files of the ones that expire now go in the next step.
  const expiredDryRuns = await expireAllDryRuns(db);
  return {
    expiredDryRuns,
    importFileChunksDeleted: await deleteFilesOfFinishedImports(db),
    sessionsDeleted: await deleteExpiredSessions(db),
    actionTokensDeleted: await deleteLapsedActionTokens(db),
    jobsDeleted: await deleteOldFinishedJobs(db),
    rateLimitCountersDeleted: await deleteEndedHits(db),
  };
}

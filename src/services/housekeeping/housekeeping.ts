// Housekeeping (ADR 0057): expires forgotten dry runs and removes what no request or job can use
// any more: uploaded files of finished imports, expired sessions, lapsed single-use tokens, old
// finished jobs, ended rate-limit windows, uploads a stopped process left without their job. The worker runs it every hour; `hub housekeeping`
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
import { deleteAllAbandonedUploads } from '../../db/repositories/abandoned-uploads.ts';
import { ABANDONED_UPLOAD_HOURS } from '../imports/create-import.ts';

export interface HousekeepingReport {
  readonly expiredDryRuns: number;
  readonly importFileChunksDeleted: number;
  readonly sessionsDeleted: number;
  readonly actionTokensDeleted: number;
  readonly jobsDeleted: number;
  readonly rateLimitCountersDeleted: number;
  /** Uploads without a job begun ABANDONED_UPLOAD_HOURS ago, and their chunks (ADR 0084). */
  readonly abandonedUploadsDeleted: number;
  readonly abandonedUploadChunksDeleted: number;
}

export async function runHousekeeping(db: Kysely<DB>): Promise<HousekeepingReport> {
  // Dry runs first: the files of the ones that expire now go in the next step.
  const expiredDryRuns = await expireAllDryRuns(db);
  const abandoned = await deleteAllAbandonedUploads(db, ABANDONED_UPLOAD_HOURS);
  return {
    expiredDryRuns,
    importFileChunksDeleted: await deleteFilesOfFinishedImports(db),
    sessionsDeleted: await deleteExpiredSessions(db),
    actionTokensDeleted: await deleteLapsedActionTokens(db),
    jobsDeleted: await deleteOldFinishedJobs(db),
    rateLimitCountersDeleted: await deleteEndedHits(db),
    abandonedUploadsDeleted: abandoned.imports,
    abandonedUploadChunksDeleted: abandoned.chunks,
  };
}

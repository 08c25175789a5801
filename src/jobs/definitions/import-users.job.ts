// The CSV import job: validates, then (unless a dry run) applies the file in batches. Resumable:
// a run after a crash or a takeover continues after the last committed batch.
import { z } from 'zod';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findImportById, updateImport } from '../../db/repositories/import-jobs.ts';
import { IMPORT_JOB_KIND } from '../../services/imports/import-job-kind.ts';
import { ImportInterrupted, runImport } from '../../services/imports/run-import.ts';
import { isDatabaseConnectionLost } from '../connection-loss.ts';
import { defineJob } from '../job-definition.ts';
import { importRowsProcessedTotal } from '../job-metrics.ts';

export const importUsersJob = defineJob({
  kind: IMPORT_JOB_KIND,
  version: 1,
  payloadSchema: z.object({ importId: z.string().uuid() }),
  maxAttempts: 5,
  async handle({ importId }, { db, job, signal, heartbeat, logger }) {
    // rows_done counts the rows the apply phase committed, and a resumed run starts from the count
    // it left: the difference is what this run processed, also when it ends in an error or a shutdown.
    const rowsDoneBefore = await rowsDone(db, importId);
    try {
      await runImport(db, importId, { signal, heartbeat, logger });
    } catch (error) {
      // Cancelled by a user: the job is done. Shutdown or takeover: let the worker see the abort.
      if (error instanceof ImportInterrupted && !signal.aborted) return;
      if (
        !(error instanceof ImportInterrupted) &&
        !isDatabaseConnectionLost(error) &&
        job.attempts >= job.max_attempts
      ) {
        // The queue gives up after this attempt: the import must not stay "applying" forever. A
        // lost database connection uses no attempt: the worker hands the job back to the queue.
        const failure = error instanceof Error ? error.message : String(error);
        await updateImport(db, importId, { status: 'failed', failure, finished_at: sql`now()` }, [
          'queued',
          'validating',
          'applying',
        ]);
      }
      throw error;
    } finally {
      const applied = (await rowsDone(db, importId).catch(() => rowsDoneBefore)) - rowsDoneBefore;
      if (applied > 0) importRowsProcessedTotal.inc(applied);
    }
  },
});

async function rowsDone(db: Kysely<DB>, importId: string): Promise<number> {
  return (await findImportById(db, importId))?.rows_done ?? 0;
}

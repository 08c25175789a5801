// SQL of housekeeping: what the database no longer needs once its time has passed. Each
// statement is idempotent and touches only rows that no request or job can still use.
import { sql } from 'kysely';
import type { Executor } from '../../services/context.ts';
import { withImportTables } from './import-schema.ts';

/** Import states after which the stored file is never read again (apply deletes it itself). */
const FINAL_IMPORT_STATES = ['completed', 'completed_with_errors', 'failed', 'cancelled'] as const;

/** SPEC §6: an unapplied dry run expires after 24 h; this catches customers nobody looks at. */
export async function expireAllDryRuns(executor: Executor): Promise<number> {
  const result = await withImportTables(executor)
    .updateTable('imports')
    .set({ status: 'cancelled', failure: 'expired', finished_at: sql`now()`, updated_at: sql`now()` })
    .where('status', '=', 'validated')
    .where('expires_at', '<', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The uploaded files of finished, failed and cancelled imports: results keep the cells they need. */
export async function deleteFilesOfFinishedImports(executor: Executor): Promise<number> {
  const imports = withImportTables(executor);
  const result = await imports
    .deleteFrom('import_file_chunks')
    .where(
      'import_id',
      'in',
      imports.selectFrom('imports').select('id').where('status', 'in', FINAL_IMPORT_STATES),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(executor: Executor): Promise<number> {
  const result = await executor
    .deleteFrom('sessions')
    .where('expires_at', '<', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Invite, reset, verification and consent tokens a week after they expired: until then a click on
 * an old link still says why it no longer works.
 */
export async function deleteLapsedActionTokens(executor: Executor): Promise<number> {
  const result = await executor
    .deleteFrom('action_tokens')
    .where('expires_at', '<', sql<Date>`now() - interval '7 days'`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Finished jobs after 30 days; queued and running ones are never touched. */
export async function deleteOldFinishedJobs(executor: Executor): Promise<number> {
  const result = await executor
    .deleteFrom('jobs')
    .where('status', 'in', ['succeeded', 'failed', 'cancelled'])
    .where('finished_at', '<', sql<Date>`now() - interval '30 days'`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

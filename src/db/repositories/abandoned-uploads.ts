// Uploads a process that stopped mid-upload left behind, for every customer at once: housekeeping
// deletes them so they do not wait for the customer's next upload (ADR 0084, ADR 0057).
import { sql } from 'kysely';
import type { Executor } from '../../services/context.ts';

export interface AbandonedUploadsDeleted {
  readonly imports: number;
  readonly chunks: number;
}

/**
 * Imports without a job whose upload began `olderThanHours` ago, with their chunks (the foreign key
 * cascades): the rule of `discardAbandonedUploads`, so an upload in progress (recent) is never
 * touched. One statement: the chunks are counted from the snapshot the delete started from.
 */
export async function deleteAllAbandonedUploads(
  executor: Executor,
  olderThanHours: number,
): Promise<AbandonedUploadsDeleted> {
  const result = await sql<{ imports: number; chunks: number }>`
    with gone as (
      delete from imports
      where job_id is null
        and status in ('queued', 'cancelled')
        and created_at < now() - make_interval(hours => ${olderThanHours})
      returning id
    )
    select
      (select count(*)::int from gone) as imports,
      (select count(*)::int from import_file_chunks where import_id in (select id from gone)) as chunks
  `.execute(executor);
  const row = result.rows[0];
  return { imports: Number(row?.imports ?? 0), chunks: Number(row?.chunks ?? 0) };
}

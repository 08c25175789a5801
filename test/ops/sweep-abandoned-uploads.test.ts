// Housekeeping deletes uploads a stopped process left without their job (ADR 0084), for every
// customer, without waiting for the customer's next upload; an upload still in progress stays.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { insertImport, insertUploadChunk } from '../../src/db/repositories/import-jobs.ts';
import { withImportTables } from '../../src/db/repositories/import-schema.ts';
import { runHousekeeping } from '../../src/services/housekeeping/housekeeping.ts';
import { ABANDONED_UPLOAD_HOURS } from '../../src/services/imports/create-import.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const testApp = useTestApp();

/** The first steps of an upload (import row, then chunks) with no job: what a stopped process leaves. */
async function uploadWithoutJob(
  customerId: string,
  partnerId: string,
  startedHoursAgo: number,
): Promise<string> {
  const db = testApp().database.db;
  const row = await insertImport(db, {
    partner_id: partnerId,
    customer_id: customerId,
    behaviour: 'add-only',
    dry_run: false,
    file_name: 'cut-off.csv',
    locale: 'en',
    actor: JSON.stringify({ kind: 'system' }),
  });
  for (const seq of [0, 1]) {
    expect(await insertUploadChunk(db, row.id, seq, new TextEncoder().encode(`chunk ${seq}`))).toBe(true);
  }
  await withImportTables(db)
    .updateTable('imports')
    .set({ created_at: sql<Date>`now() - make_interval(mins => ${Math.round(startedHoursAgo * 60)})` })
    .where('id', '=', row.id)
    .execute();
  return row.id;
}

async function stored(importId: string): Promise<{ import: boolean; chunks: number }> {
  const db = withImportTables(testApp().database.db);
  const row = await db.selectFrom('imports').select('id').where('id', '=', importId).executeTakeFirst();
  const chunks = await db
    .selectFrom('import_file_chunks')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('import_id', '=', importId)
    .executeTakeFirstOrThrow();
  return { import: row !== undefined, chunks: Number(chunks.count) };
}

describe('housekeeping sweeps abandoned uploads', () => {
  it('deletes uploads without a job begun more than the abandoned-upload hours ago, and keeps recent ones', async () => {
    const { database, partnerId } = testApp();
    const first = await createTestCustomer(database.db, partnerId);
    const second = await createTestCustomer(database.db, partnerId);
    const abandoned = await uploadWithoutJob(first.id, partnerId, ABANDONED_UPLOAD_HOURS + 1);
    const abandonedElsewhere = await uploadWithoutJob(second.id, partnerId, ABANDONED_UPLOAD_HOURS + 0.5);
    const inProgress = await uploadWithoutJob(first.id, partnerId, 0);
    const nearlyStale = await uploadWithoutJob(second.id, partnerId, ABANDONED_UPLOAD_HOURS - 0.5);

    const report = await runHousekeeping(database.db);

    expect(report).toMatchObject({ abandonedUploadsDeleted: 2, abandonedUploadChunksDeleted: 4 });
    expect(await stored(abandoned)).toEqual({ import: false, chunks: 0 });
    expect(await stored(abandonedElsewhere)).toEqual({ import: false, chunks: 0 });
    expect(await stored(inProgress)).toEqual({ import: true, chunks: 2 });
    expect(await stored(nearlyStale)).toEqual({ import: true, chunks: 2 });
    // The upload in progress can still store its next chunk.
    expect(await insertUploadChunk(database.db, inProgress, 2, new TextEncoder().encode('chunk 2'))).toBe(
      true,
    );

    expect(await runHousekeeping(database.db)).toMatchObject({
      abandonedUploadsDeleted: 0,
      abandonedUploadChunksDeleted: 0,
    });
  });
});

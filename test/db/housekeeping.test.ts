// Housekeeping (ADR 0057) removes only what nothing can use any more, and nothing twice.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { withImportTables } from '../../src/db/repositories/import-schema.ts';
import { countHit } from '../../src/db/repositories/rate-limit-hits.ts';
import { jobDefinitions } from '../../src/jobs/registry.ts';
import { startWorker } from '../../src/jobs/worker.ts';
import { runHousekeeping } from '../../src/services/housekeeping/housekeeping.ts';
import { createImport } from '../../src/services/imports/create-import.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer, operatorContext } from '../helpers/factories.ts';
import { bytesBody } from '../imports/import-setup.ts';

const testApp = useTestApp();
const CSV = 'User ID/Email (Required),First Name,Last Name\nann@hk.example,Ann,Smith\n';

async function upload(customerId: string, dryRun: boolean): Promise<string> {
  const { database, partnerId } = testApp();
  const created = await createImport(operatorContext(database.db, partnerId), {
    customerRef: customerId,
    behaviour: 'add-only',
    dryRun,
    fileName: 'hk.csv',
    body: bytesBody(new TextEncoder().encode(CSV)),
  });
  return created.id;
}

async function chunksOf(importId: string): Promise<number> {
  const row = await withImportTables(testApp().database.db)
    .selectFrom('import_file_chunks')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('import_id', '=', importId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

async function statusOf(importId: string): Promise<{ status: string; failure: string | null }> {
  return withImportTables(testApp().database.db)
    .selectFrom('imports')
    .select(['status', 'failure'])
    .where('id', '=', importId)
    .executeTakeFirstOrThrow();
}

async function insertSession(adminId: string, expiresIn: string): Promise<string> {
  const tokenHash = randomBytes(16).toString('hex');
  await testApp()
    .database.db.insertInto('sessions')
    .values({
      token_hash: tokenHash,
      admin_id: adminId,
      csrf_token: 'csrf',
      expires_at: sql<Date>`now() + ${expiresIn}::interval`,
    })
    .execute();
  return tokenHash;
}

async function insertActionToken(expiresIn: string): Promise<string> {
  const tokenHash = randomBytes(16).toString('hex');
  await testApp()
    .database.db.insertInto('action_tokens')
    .values({
      token_hash: tokenHash,
      purpose: 'password_reset',
      subject_id: '00000000-0000-4000-8000-000000000001',
      expires_at: sql<Date>`now() + ${expiresIn}::interval`,
    })
    .execute();
  return tokenHash;
}

async function insertJob(
  status: 'queued' | 'succeeded' | 'failed',
  finishedAgo: string | null,
): Promise<string> {
  const row = await testApp()
    .database.db.insertInto('jobs')
    .values({
      kind: 'housekeeping-test',
      payload: '{}',
      status,
      run_at: sql<Date>`now() + interval '1 year'`,
      finished_at: finishedAgo === null ? null : sql<Date>`now() - ${finishedAgo}::interval`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function exists(table: 'sessions' | 'action_tokens', tokenHash: string): Promise<boolean> {
  const row = await testApp()
    .database.db.selectFrom(table)
    .select('token_hash')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row !== undefined;
}

async function jobExists(id: string): Promise<boolean> {
  return (
    (await testApp().database.db.selectFrom('jobs').select('id').where('id', '=', id).executeTakeFirst()) !==
    undefined
  );
}

describe('housekeeping', () => {
  it('expires forgotten dry runs, drops files and lapsed rows, and keeps everything still in use', async () => {
    const { database, partnerId } = testApp();
    const db = database.db;
    const customer = await createTestCustomer(db, partnerId, { provision: true });
    const admin = await db
      .insertInto('admin_accounts')
      .values({ partner_id: partnerId, email: 'hk-admin@partner.example', role: 'partner_full_admin' })
      .returning('id')
      .executeTakeFirstOrThrow();

    // A dry run left for more than 24 h, one still fresh, and a cancelled upload: all have files.
    const forgotten = await upload(customer.id, true);
    const fresh = await upload(customer.id, true);
    await testApp().drainJobs();
    await withImportTables(db)
      .updateTable('imports')
      .set({ expires_at: sql<Date>`now() - interval '1 hour'` })
      .where('id', '=', forgotten)
      .execute();
    const cancelled = await upload(customer.id, false);
    await withImportTables(db)
      .updateTable('imports')
      .set({ status: 'cancelled' })
      .where('id', '=', cancelled)
      .execute();
    expect(await chunksOf(forgotten)).toBeGreaterThan(0);
    expect(await chunksOf(cancelled)).toBeGreaterThan(0);

    const expiredSession = await insertSession(admin.id, '-1 minute');
    const liveSession = await insertSession(admin.id, '1 hour');
    const lapsedToken = await insertActionToken('-8 days');
    const recentlyExpiredToken = await insertActionToken('-1 day');
    const oldJob = await insertJob('succeeded', '31 days');
    const oldFailedJob = await insertJob('failed', '40 days');
    const recentJob = await insertJob('succeeded', '1 day');
    const queuedJob = await insertJob('queued', null);
    await countHit(db, 'hk ended', 1);
    await countHit(db, 'hk live', 60_000);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the 1 ms window has ended

    const report = await runHousekeeping(db);

    expect(report.expiredDryRuns).toBe(1);
    expect(await statusOf(forgotten)).toEqual({ status: 'cancelled', failure: 'expired' });
    expect(await statusOf(fresh)).toMatchObject({ status: 'validated' });
    expect(await chunksOf(forgotten)).toBe(0);
    expect(await chunksOf(cancelled)).toBe(0);
    expect(await chunksOf(fresh)).toBeGreaterThan(0);
    expect(report.importFileChunksDeleted).toBeGreaterThanOrEqual(2);

    expect(await exists('sessions', expiredSession)).toBe(false);
    expect(await exists('sessions', liveSession)).toBe(true);
    expect(await exists('action_tokens', lapsedToken)).toBe(false);
    expect(await exists('action_tokens', recentlyExpiredToken)).toBe(true);
    expect(await jobExists(oldJob)).toBe(false);
    expect(await jobExists(oldFailedJob)).toBe(false);
    expect(await jobExists(recentJob)).toBe(true);
    expect(await jobExists(queuedJob)).toBe(true);
    expect(report.rateLimitCountersDeleted).toBeGreaterThanOrEqual(1);
    expect((await countHit(db, 'hk live', 60_000)).hits).toBe(2);

    // Nothing left to do the second time.
    expect(await runHousekeeping(db)).toMatchObject({
      expiredDryRuns: 0,
      importFileChunksDeleted: 0,
      sessionsDeleted: 0,
      actionTokensDeleted: 0,
      jobsDeleted: 0,
    });
  });

  it('runs in the worker between jobs', async () => {
    const { database } = testApp();
    const admin = await database.db
      .insertInto('admin_accounts')
      .values({
        partner_id: testApp().partnerId,
        email: 'hk-worker@partner.example',
        role: 'partner_full_admin',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const expiredSession = await insertSession(admin.id, '-1 minute');
    const worker = startWorker({
      db: database.db,
      logger: pino({ level: 'silent' }),
      definitions: jobDefinitions,
      pollIntervalMs: 20,
    });
    try {
      await vi.waitFor(async () => expect(await exists('sessions', expiredSession)).toBe(false), {
        timeout: 10_000,
        interval: 50,
      });
    } finally {
      await worker.stop();
    }
  });
});

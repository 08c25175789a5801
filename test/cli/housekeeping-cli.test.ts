// `hub housekeeping` runs the worker's hourly clean-up now and reports what it removed.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { HousekeepingReport } from '../../src/services/housekeeping/housekeeping.ts';
import { useTestCli } from './cli-harness.ts';

const cli = useTestCli();

describe('hub housekeeping', () => {
  it('deletes an expired session and says so, in JSON and in words', async () => {
    const db = cli().runtime.database.db;
    const partner = await db.selectFrom('partners').select('id').executeTakeFirstOrThrow();
    const admin = await db
      .insertInto('admin_accounts')
      .values({ partner_id: partner.id, email: 'hk-cli@partner.example', role: 'partner_full_admin' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('sessions')
      .values({
        token_hash: randomBytes(16).toString('hex'),
        admin_id: admin.id,
        csrf_token: 'csrf',
        expires_at: sql<Date>`now() - interval '1 minute'`,
      })
      .execute();

    const json = await cli().hub('housekeeping', '--json');
    expect(json.exitCode).toBe(0);
    expect(json.json<HousekeepingReport>()).toMatchObject({ sessionsDeleted: 1, expiredDryRuns: 0 });

    const words = await cli().hub('housekeeping');
    expect(words.exitCode).toBe(0);
    expect(words.stdout).toMatch(/Expired sessions deleted:\s+0/);
  });
});

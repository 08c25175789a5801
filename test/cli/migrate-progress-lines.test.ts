// `hub migrate-to` says on stderr what it is copying (a 460k-row copy ran 270 s without a word):
// without a terminal, a line when each table begins, a "so far" line every 100 batches of a large
// table, and each table's total; --json's stdout stays the one result object.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import type { MigrateToResult } from '../../src/services/backup/migrate-to-postgres.ts';
import { runHubWithEnv } from './cli-harness.ts';

const SERVER = process.env.HUB_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function serverAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: SERVER, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const available = await serverAnswers();
if (!available) console.warn(`migrate-to progress test skipped: no PostgreSQL server answers at ${SERVER}`);

describe.skipIf(!available)('hub migrate-to progress on stderr', { timeout: 300_000 }, () => {
  const name = `hub_migrate_progress_${randomBytes(5).toString('hex')}`;
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const targetUrl = url.toString();
  let workDir = '';
  let admin: Database | undefined;
  const embedded = (...argv: string[]) =>
    runHubWithEnv({ HUB_DATA_DIR: path.join(workDir, 'data') }, workDir, argv);

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'hub-migrate-progress-'));
    admin = await openDatabase({ kind: 'postgres', url: SERVER, poolSize: 1 });
    await admin.withScriptConnection((run) => run(`create database ${name}`));
  });

  afterAll(async () => {
    await admin?.withScriptConnection((run) => run(`drop database if exists ${name} with (force)`));
    await admin?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('prints per table when it begins, its rows so far and its total (not a terminal)', async () => {
    const customer = await embedded(
      ...['customers', 'create', '--name', 'Progress BV', '--external-id', 'PROG-001'],
      ...['--admin-email', 'it@progress.example', '--country', 'NL', '--packages', 'webex_calling'],
    );
    expect(customer.exitCode, customer.stderr).toBe(0);
    const location = await embedded(
      ...['locations', 'create', '--customer', 'PROG-001', '--name', 'HQ', '--country', 'NL'],
      ...['--city', 'Utrecht', '--address1', 'Oudegracht 1', '--timezone', 'Europe/Amsterdam'],
    );
    expect(location.exitCode, location.stderr).toBe(0);
    const numbers = await embedded(
      ...['numbers', 'add', '--customer', 'PROG-001', '--location', 'HQ', '+31301234500-+31301234749'],
    );
    expect(numbers.exitCode, numbers.stderr).toBe(0);

    // One row per batch: the 250 numbers are 250 batches, so two "so far" lines.
    const migrated = await embedded('migrate-to', '--database-url', targetUrl, '--batch-size', '1', '--json');
    expect(migrated.exitCode, migrated.stderr).toBe(0);
    const result = migrated.json<MigrateToResult>();
    const lines = migrated.stderr.split('\n');
    for (const copy of result.tables) {
      expect(lines).toContain(`  ${copy.table}: copying…`);
      expect(lines).toContain(`  ${copy.table}: ${copy.rows} row(s)`);
    }
    const phone = lines.filter((line) => line.startsWith('  phone_numbers: '));
    expect(phone).toEqual([
      '  phone_numbers: copying…',
      '  phone_numbers: 100 row(s) so far',
      '  phone_numbers: 200 row(s) so far',
      '  phone_numbers: 250 row(s)',
    ]);
    expect(migrated.stderr).not.toContain('\r');
  });
});

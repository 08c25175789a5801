// `hub migrate-to`: an embedded deployment copied into a fresh PostgreSQL database made for this
// test, then used through the CLI with DATABASE_URL. Needs the PostgreSQL server of the CI
// (postgres://postgres@127.0.0.1:5432); skipped, saying so, only when no server answers there.
// Also: `hub migrate-to` says on stderr what it is copying (a 460k-row copy ran 270 s without a
// word): without a terminal, a line when each table begins, a "so far" line every 100 batches of a
// large table, and each table's total; --json's stdout stays the one result object.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { BackupResult } from '../../src/services/backup/embedded-backup.ts';
import type { MigrateToResult } from '../../src/services/backup/migrate-to-postgres.ts';
import type { UserView } from '../../src/services/users/user-view.ts';
import { runHubWithEnv } from './cli-harness.ts';
import { prepareMigratedDataDir } from './migrated-data-dir.ts';

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
if (!available) console.warn(`migrate-to test skipped: no PostgreSQL server answers at ${SERVER}`);

function databaseUrl(name: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

describe.skipIf(!available)('hub migrate-to (embedded → PostgreSQL)', { timeout: 300_000 }, () => {
  const name = `hub_migrate_${randomBytes(5).toString('hex')}`;
  const targetUrl = databaseUrl(name);
  let workDir = '';
  let dataDir = '';
  let admin: Database | undefined;
  const embedded = (...argv: string[]) => runHubWithEnv({ HUB_DATA_DIR: dataDir }, workDir, argv);
  const onTarget = (...argv: string[]) =>
    runHubWithEnv({ HUB_DATA_DIR: dataDir, DATABASE_URL: targetUrl }, workDir, argv);
  const chunk = (seq: number) => Buffer.from([0, 255, 92, 120, seq, 39, 34, 10]);

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'hub-migrate-test-'));
    dataDir = path.join(workDir, 'data');
    admin = await openDatabase({ kind: 'postgres', url: SERVER, poolSize: 1 });
    await admin.withScriptConnection((run) => run(`create database ${name}`));
  });

  afterAll(async () => {
    await admin?.withScriptConnection((run) => run(`drop database if exists ${name} with (force)`));
    await admin?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('copies every table, keeps ids and sequences, and verifies the counts', async () => {
    const steps = [
      [
        'customers',
        'create',
        '--name',
        'Bakkerij De Vries',
        '--external-id',
        'DEVRIES-001',
        '--admin-email',
        'beheer@devries.example',
        '--country',
        'NL',
        '--packages',
        'webex_calling,webex_meetings',
      ],
      [
        'locations',
        'create',
        '--customer',
        'DEVRIES-001',
        '--name',
        'Amsterdam HQ',
        '--country',
        'NL',
        '--city',
        'Amsterdam',
        '--address1',
        'Damrak 1',
        '--timezone',
        'Europe/Amsterdam',
      ],
      [
        'numbers',
        'add',
        '--customer',
        'DEVRIES-001',
        '--location',
        'Amsterdam HQ',
        '+31201234500-+31201234599',
      ],
      [
        'users',
        'add',
        '--customer',
        'DEVRIES-001',
        '--email',
        'anna@devries.example',
        '--first-name',
        'Anna',
        '--last-name',
        'O\'Neil "AJ"',
        '--package',
        'webex_calling',
        '--location',
        'Amsterdam HQ',
        '--extension',
        '1001',
        '--phone-number',
        '+31201234501',
        '--preferred-webex-site',
        'devries.webex.com',
      ],
      [
        'users',
        'add',
        '--customer',
        'DEVRIES-001',
        '--email',
        'carla@devries.example',
        '--first-name',
        'Carla',
        '--last-name',
        'Bakker',
        '--package',
        'webex_meetings',
        '--preferred-webex-site',
        'devries.webex.com',
      ],
    ];
    for (const [index, argv] of steps.entries()) {
      const result = await embedded(...argv);
      // The first command makes the data dir, and says so.
      expect(result.stderr).toBe(
        index === 0
          ? `Started a new embedded database in ${dataDir} (HUB_DATA_DIR, default ./data of the current folder).\n`
          : '',
      );
      expect(result.exitCode).toBe(0);
    }
    // An import with its file chunks: bytea and jsonb arrays must survive the copy byte for byte.
    const source = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    try {
      const customer = await source.db
        .selectFrom('customers')
        .select(['id', 'partner_id'])
        .executeTakeFirstOrThrow();
      const importRow = await sql<{ id: string }>`
        insert into imports (partner_id, customer_id, behaviour, actor, headers)
        values (${customer.partner_id}, ${customer.id}, 'add-only', '{"type":"cli"}', '["Email","First Name"]')
        returning id`.execute(source.db);
      const importId = importRow.rows[0]?.id as string;
      for (let seq = 0; seq < 10; seq += 1) {
        await sql`insert into import_file_chunks (import_id, seq, data) values (${importId}, ${seq}, ${chunk(seq)})`.execute(
          source.db,
        );
      }
    } finally {
      await source.close();
    }
    const users = (await embedded('users', 'list', '--customer', 'DEVRIES-001', '--json')).json<UserView[]>();

    const migrated = await embedded('migrate-to', '--database-url', targetUrl, '--batch-size', '7', '--json');
    expect(migrated.exitCode).toBe(0);
    expect(migrated.stderr).toContain('phone_numbers: 100 row(s)');
    const result = migrated.json<MigrateToResult>();
    const rowsOf = (table: string) => result.tables.find((copy) => copy.table === table)?.rows;
    expect(rowsOf('customers')).toBe(1);
    expect(rowsOf('phone_numbers')).toBe(100);
    expect(rowsOf('users')).toBe(2);
    expect(rowsOf('import_file_chunks')).toBe(10);
    expect(rowsOf('partners')).toBe(1);
    expect(rowsOf('audit_events')).toBeGreaterThanOrEqual(5);
    expect(rowsOf('jobs')).toBeGreaterThanOrEqual(1);
    expect(result.tables.map((copy) => copy.table)).not.toContain('schema_migrations');
    const order = result.tables.map((copy) => copy.table);
    expect(order.indexOf('partners')).toBeLessThan(order.indexOf('customers'));
    expect(order.indexOf('phone_numbers')).toBeLessThan(order.indexOf('users'));

    // The target serves the same data, under the same ids, through the CLI.
    const there = await onTarget('users', 'list', '--customer', 'DEVRIES-001', '--json');
    expect(there.exitCode).toBe(0);
    expect(there.json<UserView[]>()).toEqual(users);

    const target = await openDatabase({ kind: 'postgres', url: targetUrl, poolSize: 1 });
    try {
      const chunks = await sql<{ seq: number; data: Uint8Array }>`
        select seq, data from import_file_chunks order by seq`.execute(target.db);
      expect(chunks.rows.map((row) => Buffer.from(row.data))).toEqual(
        Array.from({ length: 10 }, (_, seq) => chunk(seq)),
      );
      const headers = await sql<{ headers: unknown }>`select headers from imports`.execute(target.db);
      expect(headers.rows[0]?.headers).toEqual(['Email', 'First Name']);
      // Sequences continue after the copied rows instead of colliding with them.
      const audit = await sql<{ max: number; next: number }>`
        select (select max(id) from audit_events)::int as max, nextval('audit_events_id_seq')::int as next`.execute(
        target.db,
      );
      expect(audit.rows[0]?.next).toBeGreaterThan(audit.rows[0]?.max ?? Infinity);
      const jobs = await sql<{ max: number; next: number }>`
        select (select max(seq) from jobs)::int as max, nextval('jobs_seq_seq')::int as next`.execute(
        target.db,
      );
      expect(jobs.rows[0]?.next).toBeGreaterThan(jobs.rows[0]?.max ?? Infinity);
    } finally {
      await target.close();
    }

    // A write on the target after the move works (new audit row, new ids).
    const added = await onTarget(
      'users',
      'add',
      '--customer',
      'DEVRIES-001',
      '--email',
      'dirk@devries.example',
      '--first-name',
      'Dirk',
      '--last-name',
      'Visser',
      '--package',
      'webex_meetings',
      '--preferred-webex-site',
      'devries.webex.com',
      '--json',
    );
    expect(added.stderr).toBe('');
    expect(added.exitCode).toBe(0);
  });

  it('refuses a target that is not empty (exit 2: rejected input)', async () => {
    const again = await embedded('migrate-to', '--database-url', targetUrl);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('is not empty');
    expect(again.stderr).toContain('Table customers has rows.');
  });

  it('leaves the target without rows when the copy fails half-way (exit 1)', async () => {
    const other = `${name}_b`;
    await admin?.withScriptConnection((run) => run(`create database ${other}`));
    const otherUrl = databaseUrl(other);
    try {
      // The target's schema is in place and refuses one of the users: the copy fails after the
      // partners, customers, locations and numbers went in, inside the one transaction.
      const prepared = await openDatabase({ kind: 'postgres', url: otherUrl, poolSize: 1 });
      try {
        await migrate(prepared);
        await sql`alter table users add constraint no_carla check (email <> 'carla@devries.example')`.execute(
          prepared.db,
        );
      } finally {
        await prepared.close();
      }
      const failed = await embedded('migrate-to', '--database-url', otherUrl);
      expect(failed.exitCode).toBe(1);
      expect(failed.stderr).toContain('no_carla');
      const check = await openDatabase({ kind: 'postgres', url: otherUrl, poolSize: 1 });
      try {
        const counts = await sql<{ partners: number; numbers: number; users: number }>`
          select (select count(*) from partners)::int as partners,
                 (select count(*) from phone_numbers)::int as numbers,
                 (select count(*) from users)::int as users`.execute(check.db);
        expect(counts.rows[0]).toEqual({ partners: 0, numbers: 0, users: 0 });
      } finally {
        await check.close();
      }
    } finally {
      await admin?.withScriptConnection((run) => run(`drop database if exists ${other} with (force)`));
    }
  });

  it('backs up the PostgreSQL deployment with pg_dump, or says to use it (exit 2)', async () => {
    const result = await onTarget('backup', '--out', 'hub.dump', '--json');
    if (spawnSync('pg_dump', ['--version']).error) {
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('back it up with pg_dump');
      return;
    }
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const backup = result.json<BackupResult>();
    expect(backup).toMatchObject({ database: 'postgres', format: 'pg_dump-custom' });
    const bytes = await readFile(backup.file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('PGDMP');
    expect(bytes.length).toBe(backup.bytes);
    // The dump holds password and token hashes: the owner's alone, whatever the umask.
    expect((await stat(backup.file)).mode & 0o777).toBe(0o600);
  });

  it('rejects a URL that is not PostgreSQL and a run on PostgreSQL (exit 2)', async () => {
    const bad = await embedded('migrate-to', '--database-url', 'mysql://root@localhost/hub');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--database-url must be a postgres://');
    const missing = await embedded('migrate-to', '--database-url', databaseUrl(`${name}_missing`));
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain(`the database "${name}_missing" does not exist`);
    expect(missing.stderr).toContain(`createdb -h ${new URL(SERVER).hostname}`);
    const onPostgres = await onTarget('migrate-to', '--database-url', targetUrl);
    expect(onPostgres.exitCode).toBe(2);
    expect(onPostgres.stderr).toContain('already runs on PostgreSQL');
  });
});

describe.skipIf(!available)('hub migrate-to progress on stderr', { timeout: 300_000 }, () => {
  const name = `hub_migrate_progress_${randomBytes(5).toString('hex')}`;
  const targetUrl = databaseUrl(name);
  let workDir = '';
  let admin: Database | undefined;
  const embedded = (...argv: string[]) =>
    runHubWithEnv({ HUB_DATA_DIR: path.join(workDir, 'data') }, workDir, argv);

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'hub-migrate-progress-'));
    // A migrated data dir: its first start is tested above.
    await prepareMigratedDataDir(path.join(workDir, 'data'));
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

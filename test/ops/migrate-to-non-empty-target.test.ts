// `hub migrate-to` into a database that is not empty is refused as rejected input (exit 2, SPEC §9:
// the --database-url names a destination the command cannot take, as `hub restore` into a data dir
// that holds a database and `hub backup --out` over a file are); most often a server was
// started on it first (the start creates the deployment's rows, so the operator sees tables they
// never filled). The refusal did not say so, nor how to get an empty database again.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHubWithEnv } from '../cli/cli-harness.ts';
import { prepareMigratedDataDir } from '../cli/migrated-data-dir.ts';

const SERVER = process.env.HUB_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function onServer(query: string, url = SERVER): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query(query);
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const available = await onServer('select 1');
if (!available) console.warn(`migrate-to non-empty target test skipped: no PostgreSQL server at ${SERVER}`);

describe.skipIf(!available)('hub migrate-to into a database that is not empty', { timeout: 300_000 }, () => {
  const name = `hub_not_empty_${randomBytes(5).toString('hex')}`;
  const target = new URL(SERVER);
  target.pathname = `/${name}`;
  let workDir = '';

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'hub-migrate-not-empty-'));
    await prepareMigratedDataDir(path.join(workDir, 'data'));
    await onServer(`create database ${name}`);
    await onServer('create table partners (id int); insert into partners values (1)', target.toString());
  });

  afterAll(async () => {
    await onServer(`drop database if exists ${name} with (force)`);
    await rm(workDir, { recursive: true, force: true });
  });

  it('is refused with exit code 2, saying why it may hold rows and how to empty it', async () => {
    const result = await runHubWithEnv({ HUB_DATA_DIR: path.join(workDir, 'data') }, workDir, [
      'migrate-to',
      '--database-url',
      target.toString(),
    ]);
    expect(result.exitCode, result.stderr).toBe(2);
    expect(result.stderr).toContain('Was a server started on it?');
    expect(result.stderr).toContain('is not empty');
    expect(result.stderr).toContain('Table partners has rows.');
    expect(result.stderr).toContain(
      `dropdb -h 127.0.0.1 -p 5432 -U postgres ${name} && createdb -h 127.0.0.1 -p 5432 -U postgres ${name}`,
    );
  });
});

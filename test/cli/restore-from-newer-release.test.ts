// `hub restore` of a backup a newer release took: its schema_migrations lists a migration this
// release does not have. Refused before the data dir is replaced (exit 2, as the other restore
// refusals), not left for the next start to refuse with the current database already moved aside.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runHubWithEnv } from './cli-harness.ts';
import { prepareMigratedDataDir } from './migrated-data-dir.ts';

const FUTURE_MIGRATION = '9999_from_a_newer_release.sql';

let workDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-restore-newer-'));
}, 60_000);

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

it(
  'refuses a backup from a newer release before it replaces the data dir (exit 2)',
  { timeout: 300_000 },
  async () => {
    const newerDataDir = path.join(workDir, 'newer');
    await prepareMigratedDataDir(newerDataDir);
    const pglite = await PGlite.create({ dataDir: path.join(newerDataDir, 'pglite') });
    try {
      await pglite.query('insert into schema_migrations (name) values ($1)', [FUTURE_MIGRATION]);
    } finally {
      await pglite.close();
    }
    const backup = await runHubWithEnv({ HUB_DATA_DIR: newerDataDir }, workDir, [
      'backup',
      '--out',
      'newer.tar.gz',
    ]);
    expect(backup.exitCode, backup.stderr).toBe(0);

    const currentDataDir = path.join(workDir, 'current');
    await prepareMigratedDataDir(currentDataDir);
    const before = await readdir(currentDataDir);
    const restore = await runHubWithEnv({ HUB_DATA_DIR: currentDataDir }, workDir, [
      'restore',
      'newer.tar.gz',
      '--force',
    ]);
    expect(restore.exitCode, restore.stderr).toBe(2);
    expect(restore.stderr).toContain('newer release');
    expect(restore.stderr).toContain(FUTURE_MIGRATION);
    expect(restore.stderr).toContain('nothing was restored');
    // Neither moved aside (.replaced-…) nor a staging dir (.restore-…) left behind.
    expect(await readdir(currentDataDir)).toEqual(before);
    const status = await runHubWithEnv({ HUB_DATA_DIR: currentDataDir }, workDir, [
      'customers',
      'list',
      '--json',
    ]);
    expect(status.exitCode, status.stderr).toBe(0);
  },
);

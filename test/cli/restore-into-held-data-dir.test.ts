// `hub restore` into a data dir that holds a database is refused (exit 2) with --force as the way
// out. Its message repeated the path in a detail labelled with the API's field name
// ("  - dataDir: /…/pglite"), which names no option or variable of the CLI: it now says the path
// once and names HUB_DATA_DIR, the variable that chooses the data dir.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runHubWithEnv } from './cli-harness.ts';
import { prepareMigratedDataDir } from './migrated-data-dir.ts';

let workDir = '';
let dataDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-restore-held-'));
  dataDir = path.join(workDir, 'data');
  await prepareMigratedDataDir(dataDir);
  const backup = await runHubWithEnv({ HUB_DATA_DIR: dataDir }, workDir, ['backup', '--out', 'hub.tar.gz']);
  expect(backup.exitCode, backup.stderr).toBe(0);
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

it('is refused (exit 2), naming the data dir once, HUB_DATA_DIR and --force', async () => {
  const result = await runHubWithEnv({ HUB_DATA_DIR: dataDir }, workDir, ['restore', 'hub.tar.gz']);
  expect(result.exitCode).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.split(dataDir).length - 1).toBe(1);
  expect(result.stderr).not.toContain('dataDir');
  expect(result.stderr).toContain('HUB_DATA_DIR');
  expect(result.stderr).toContain('--force');
});

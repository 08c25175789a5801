// Run from another folder, `./data` names another (new, empty) embedded database: the CLI says it
// started one, and where, before any "no customer has this id" could mislead (a reviewer lost the
// demo data that way).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runHubWithEnv } from './cli-harness.ts';

let workDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-new-data-dir-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

it('says where it started a new embedded database, once', { timeout: 120_000 }, async () => {
  const dataDir = path.join(workDir, 'data');
  const first = await runHubWithEnv({ HUB_DATA_DIR: dataDir }, workDir, ['customers', 'list', '--json']);
  expect(first.exitCode).toBe(0);
  expect(first.stderr).toBe(
    `Started a new embedded database in ${dataDir} (HUB_DATA_DIR, default ./data of the current folder).\n`,
  );
  expect(first.json()).toEqual([]);

  const again = await runHubWithEnv({ HUB_DATA_DIR: dataDir }, workDir, ['customers', 'list', '--json']);
  expect([again.exitCode, again.stderr]).toEqual([0, '']);
});

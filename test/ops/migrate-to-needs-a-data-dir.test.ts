// `hub migrate-to` run with the wrong HUB_DATA_DIR (another folder's ./data, a typo) copied a brand
// new empty embedded database it had just created into PostgreSQL, said "row counts verified" and
// exited 0: the operator believed the deployment moved, and the target, no longer empty, refused
// the real copy afterwards. It now refuses (exit 2) and creates nothing, as `hub backup` does.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runHubWithEnv } from '../cli/cli-harness.ts';

describe('hub migrate-to without an embedded database', () => {
  let workDir = '';

  beforeEach(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'hub-migrate-no-data-'));
  });

  afterEach(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('refuses with exit code 2, naming HUB_DATA_DIR, and creates no database', async () => {
    const dataDir = path.join(workDir, 'data');
    const result = await runHubWithEnv({ HUB_DATA_DIR: dataDir }, workDir, [
      'migrate-to',
      '--database-url',
      // Never reached: the refusal comes before any connection.
      'postgres://postgres@127.0.0.1:1/hub_never_created',
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`There is no embedded database in ${dataDir}`);
    expect(result.stderr).toContain('HUB_DATA_DIR');
    expect(await readdir(workDir)).toEqual([]);
  });
});

// A HUB_DATA_DIR the process cannot create (under a file, under /proc) stopped the start with
// `Error: Cannot create /etc/passwd/pglite: ENOTDIR …`: no word of the setting behind the path,
// where every other wrong setting is named (docs/operations.md, Configuration). It now names
// HUB_DATA_DIR and what it takes, as a start-up error (exit 1, no "Error: " prefix).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStartupConfigurationError, loadConfig } from '../../src/config.ts';
import { openRuntime } from '../../src/runtime.ts';

describe('an embedded data dir that cannot be made', () => {
  let workDir = '';

  beforeEach(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'hub-data-dir-unusable-'));
  });

  afterEach(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('stops the start naming HUB_DATA_DIR and why', async () => {
    const file = path.join(workDir, 'a-file');
    await writeFile(file, 'not a folder');
    const dataDir = path.join(file, 'data');
    const config = loadConfig({ HUB_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const failure = await openRuntime(config, pino({ level: 'silent' })).then(
      async (runtime) => {
        await runtime.close();
        return null;
      },
      (error: unknown) => error,
    );
    expect(isStartupConfigurationError(failure)).toBe(true);
    const message = (failure as Error).message;
    expect(message).toContain(`HUB_DATA_DIR=${dataDir}`);
    expect(message).toContain('a part of that path is a file, not a folder');
    expect(message).toContain('a folder this user can create and write');
  });
});

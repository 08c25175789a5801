// `HUB_WORKER=off hub serve` on the embedded database started, and no job ever ran: a `hub worker`
// is refused while the server holds the data dir (one process per data dir, ADR 0052), so new
// customers stayed `provisioning`, imports `queued` and emails unsent, without a word at start;
// a CLI that timed out waiting even asked "is a hub worker process running?". The start is now
// refused (exit 2) before the database opens, naming HUB_WORKER and the two settings that work.
import { spawn } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXIT_REJECTED } from '../../src/cli/exit-codes.ts';
import { ConfigError, loadConfig, requireWorkerForEmbeddedDatabase } from '../../src/config.ts';

const hubBin = fileURLToPath(new URL('../../bin/hub', import.meta.url));

let workDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-worker-off-embedded-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

it.each([
  [{ HUB_WORKER: 'off' }, true],
  [{ HUB_WORKER: 'off', DATABASE_URL: 'postgres://hub@db.internal:5432/hub' }, false],
  [{ HUB_WORKER: 'inline' }, false],
  [{}, false],
])('%j refused: %s', (environment, refused) => {
  const check = () => requireWorkerForEmbeddedDatabase(loadConfig({ HUB_DATA_DIR: workDir, ...environment }));
  if (refused) expect(check).toThrow(ConfigError);
  else expect(check).not.toThrow();
});

it(
  'HUB_WORKER=off hub serve on the embedded database exits 2 and says what works',
  { timeout: 120_000 },
  async () => {
    const dataDir = path.join(workDir, 'data');
    const env: NodeJS.ProcessEnv = { ...process.env, HUB_DATA_DIR: dataDir, HUB_WORKER: 'off', PORT: '0' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [hubBin, 'serve'], { cwd: workDir, env });
    // A server that started would run until stopped: stop it, and the test fails on its exit code.
    const stop = setTimeout(() => child.kill('SIGTERM'), 60_000);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(stop);
    expect(code, output).toBe(EXIT_REJECTED);
    expect(output).toContain('HUB_WORKER="off" is not valid without DATABASE_URL');
    expect(output).toContain('HUB_WORKER=inline');
    expect(output).not.toMatch(/^\s+at /m);
    await expect(access(dataDir)).rejects.toThrow();
  },
);

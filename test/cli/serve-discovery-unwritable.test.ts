// `hub serve` that cannot write its discovery file (data/server.json) at start-up stops: its
// listeners close, it prints which file and why, and exits 1. It used to leave the HTTP and CLI
// listeners open after the error, so the process lingered, unusable by any CLI.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoveryFile, writeDiscovery } from '../../src/server-discovery.ts';
import { prepareMigratedDataDir } from './migrated-data-dir.ts';

const hubBin = fileURLToPath(new URL('../../bin/hub', import.meta.url));

let workDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-discovery-unwritable-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('hub serve whose discovery file cannot be written', { timeout: 180_000 }, () => {
  it('closes its listeners, names the file and the reason, and exits 1', async () => {
    const dataDir = path.join(workDir, 'data');
    // A migrated data dir: the server gets to its discovery file without an initdb and migrations.
    await prepareMigratedDataDir(dataDir);
    // A directory where the file goes: unwritable for any user, root included.
    await mkdir(discoveryFile(dataDir), { recursive: true });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HUB_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [hubBin, 'serve'], { cwd: workDir, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Without the fix the process never exits, and the test's timeout fails it.
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, output).toBe(1);
    expect(output).toContain(
      `Error: Cannot write the server discovery file ${discoveryFile(dataDir)}: a directory is in the way at that path.`,
    );
    expect(output).not.toContain('is running at');
  });
});

describe('writeDiscovery', () => {
  it.each([
    ['a directory in the way', 'a directory is in the way at that path', true],
    ['a data dir that does not exist', 'its directory does not exist', false],
  ])('names the file and the reason: %s', async (_name, reason, directoryInTheWay) => {
    const dataDir = path.join(workDir, `write-${directoryInTheWay ? 'dir' : 'missing'}`);
    if (directoryInTheWay) await mkdir(discoveryFile(dataDir), { recursive: true });
    await expect(
      writeDiscovery(dataDir, { pid: 1, url: 'http://127.0.0.1:1', cliSecret: 's' }),
    ).rejects.toThrow(`Cannot write the server discovery file ${discoveryFile(dataDir)}: ${reason}.`);
  });
});

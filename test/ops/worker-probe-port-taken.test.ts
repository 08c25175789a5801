// `hub worker --probe-port` on a port that is already taken said only Node's
// `Error: listen EADDRINUSE: address already in use 0.0.0.0:9464`, where `hub serve` names the
// setting to change. It now says which port, that another process has it, and to give
// --probe-port a free one (exit code 1, as serve), and runs no job first.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareMigratedDataDir } from '../cli/migrated-data-dir.ts';

const hubBin = fileURLToPath(new URL('../../bin/hub', import.meta.url));

let workDir = '';
let taken: Server;
let port = 0;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-probe-port-taken-'));
  await prepareMigratedDataDir(path.join(workDir, 'data'));
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const address = taken.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  await new Promise((resolve) => taken.close(resolve));
  await rm(workDir, { recursive: true, force: true });
});

describe('hub worker with a taken --probe-port', { timeout: 180_000 }, () => {
  it('exits with code 1 naming the port and the option to change', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HUB_DATA_DIR: path.join(workDir, 'data'),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [hubBin, 'worker', '--probe-port', String(port)], {
      cwd: workDir,
      env,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain(
      `Cannot listen on 127.0.0.1:${port}: port ${port} is already in use by another process. Stop that process, or give --probe-port a free port`,
    );
    expect(output).not.toContain('is running');
  });
});

// `hub serve` on a port that is already taken stops with the error and exit code 1. It used to
// start the background worker before listening: the failed start left the worker polling a
// closed database ("driver has already been destroyed" twice a second), and the process ran on.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeListenFailure } from '../../src/cli/commands/serve.ts';
import { prepareMigratedDataDir } from './migrated-data-dir.ts';

const hubBin = fileURLToPath(new URL('../../bin/hub', import.meta.url));

let workDir = '';
let taken: Server;
let port = 0;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-port-taken-'));
  // A migrated data dir: the server gets to its listen without an initdb and migrations first.
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

describe('hub serve on a taken port', { timeout: 180_000 }, () => {
  it('exits with code 1 and says why', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HUB_DATA_DIR: path.join(workDir, 'data'),
      PORT: String(port),
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
    expect(code).toBe(1);
    expect(output).toContain(
      `Cannot listen on 127.0.0.1:${port}: port ${port} is already in use by another process. Stop that process, or set PORT to a free port`,
    );
    expect(output).not.toContain('driver has already been destroyed');
  });
});

describe('a failed listen names the setting to change', () => {
  const failure = (code: string) => Object.assign(new Error(`listen ${code}`), { code });

  it.each([
    [
      'EADDRINUSE',
      '0.0.0.0',
      3000,
      'Cannot listen on 0.0.0.0:3000: port 3000 is already in use',
      'PORT=3001',
    ],
    ['EACCES', '0.0.0.0', 80, 'may not listen on port 80', 'PORT=3000'],
    ['EADDRNOTAVAIL', '10.9.9.9', 3000, 'HOST=10.9.9.9 is not an address of this machine', 'HOST=0.0.0.0'],
    ['ENOTFOUND', '999.1.1.1', 3000, 'HOST=999.1.1.1 is not a name or address', 'HOST=127.0.0.1'],
  ])('%s', (code, host, port, reason, remedy) => {
    const described = describeListenFailure(failure(code), host, port) as Error;
    expect(described.message).toContain(reason);
    expect(described.message).toContain(remedy);
  });

  it('leaves any other failure as it is', () => {
    const other = failure('EMFILE');
    expect(describeListenFailure(other, '0.0.0.0', 3000)).toBe(other);
  });
});

// `hub worker` on an embedded data dir that a running `hub serve` holds is refused (one process at
// a time on the data dir), and the message says why no worker is needed there: the server runs the
// jobs itself. It told the user to "use the running server", which a worker cannot: the CLI sends
// commands to the server, not a worker. Other commands keep their wording.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHub, startServer } from './hub-child.ts';
import { prepareMigratedDataDir } from './migrated-data-dir.ts';

const JOBS_IN_SERVER = 'runs the jobs itself';

let workDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-worker-beside-server-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('hub worker beside a running hub serve', { timeout: 180_000 }, () => {
  it('says the server runs the jobs itself, naming it by pid and command', async () => {
    const dataDir = path.join(workDir, 'served');
    await prepareMigratedDataDir(dataDir);
    const server = await startServer({ dataDir, cwd: workDir });
    try {
      const worker = await runHub(['worker'], { dataDir, cwd: workDir });
      expect(worker.code, worker.stderr).toBe(1);
      expect(worker.stderr).toContain(`in use by another process (pid ${server.child.pid}: hub serve).`);
      expect(worker.stderr).toContain(JOBS_IN_SERVER);
      expect(worker.stderr).toContain('no "hub worker" is needed beside it');
      expect(worker.stderr).not.toContain('use the running server');
    } finally {
      server.child.kill('SIGTERM');
      await server.ended;
    }
  });
});

// The holder as the lock file records it (this test process stands in for it: a live pid).
describe('by what the lock file records', { timeout: 180_000 }, () => {
  async function lockedDataDir(name: string, holderCommand: string): Promise<string> {
    const dataDir = path.join(workDir, name);
    await prepareMigratedDataDir(dataDir);
    await writeFile(
      path.join(dataDir, 'pglite.lock'),
      holderCommand ? `${process.pid}\n${holderCommand}` : String(process.pid),
    );
    return dataDir;
  }

  it('a worker beside another worker is told to stop it, as before', async () => {
    const dataDir = await lockedDataDir('worker-held', 'hub worker');
    const worker = await runHub(['worker'], { dataDir, cwd: workDir });
    expect(worker.code, worker.stderr).toBe(1);
    expect(worker.stderr).toContain(
      `in use by another process (pid ${process.pid}: hub worker). Stop it first.`,
    );
    expect(worker.stderr).not.toContain(JOBS_IN_SERVER);
  });

  it('a worker beside a lock that records no command hears both ways out', async () => {
    const dataDir = await lockedDataDir('pid-only', '');
    const worker = await runHub(['worker'], { dataDir, cwd: workDir });
    expect(worker.code, worker.stderr).toBe(1);
    expect(worker.stderr).toContain(
      `in use by another process (pid ${process.pid}). If it is a server ("hub serve")`,
    );
    expect(worker.stderr).toContain(JOBS_IN_SERVER);
    expect(worker.stderr).toContain('Otherwise stop it first.');
  });

  it('a second server is still told to use the running server', async () => {
    const dataDir = await lockedDataDir('server-held', 'hub serve');
    const second = await runHub(['serve'], {
      dataDir,
      cwd: workDir,
      env: { PORT: '0', HOST: '127.0.0.1' },
    });
    expect(second.code, second.stderr).toBe(1);
    expect(second.stderr).toContain(`in use by another process (pid ${process.pid}: hub serve).`);
    expect(second.stderr).toContain('or use the running server');
    expect(second.stderr).not.toContain(JOBS_IN_SERVER);
  });
});

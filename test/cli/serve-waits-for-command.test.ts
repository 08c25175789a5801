// The other half of a start-up race: `hub serve` started while a one-shot command (`hub tokens
// create`, spawned by the same script a moment later but quicker to open the data dir) holds the
// embedded database stopped at once with exit 1, "in use by another process (…: hub tokens create).
// Stop it first." Such a command holds it for seconds: the server now says so and waits for it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readDiscovery, type ServerDiscovery } from '../../src/server-discovery.ts';
import { startHub, type HubChild } from './hub-child.ts';
import { prepareMigratedDataDir } from './migrated-data-dir.ts';

let workDir = '';
let dataDir = '';
let command: ChildProcess | undefined;
let server: HubChild | undefined;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-serve-waits-'));
  dataDir = path.join(workDir, 'data');
  await prepareMigratedDataDir(dataDir);
  // The one-shot command: a live process, named in the lock file as data-dir-lock.ts writes it.
  command = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await writeFile(path.join(dataDir, 'pglite.lock'), `${command.pid}\nhub tokens create`, { mode: 0o600 });
});

afterAll(async () => {
  command?.kill();
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.ended;
  }
  await rm(workDir, { recursive: true, force: true });
});

it('waits for the command to end, then serves', { timeout: 180_000 }, async () => {
  server = startHub(['serve'], { dataDir, cwd: workDir, env: { PORT: '0', HOST: '127.0.0.1' } });
  let ended = false;
  void server.ended.then(() => (ended = true));
  while (!ended && !server.stderr().includes('waiting for it to end')) await sleep(50);
  expect(server.stderr()).toContain(
    `The embedded database in ${path.join(dataDir, 'pglite')} is in use by pid ${command?.pid} (hub tokens create); waiting for it to end`,
  );
  command?.kill();
  let discovery: ServerDiscovery | null = null;
  while (!ended && discovery === null) {
    await sleep(100);
    discovery = await readDiscovery(dataDir);
  }
  expect(discovery?.pid, server.stderr()).toBe(server.child.pid);
});

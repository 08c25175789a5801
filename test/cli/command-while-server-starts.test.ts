// A server that is starting holds the embedded database (its lock file) seconds before it writes the
// discovery file the CLI finds it by: it runs the migrations and opens its listeners in between
// (8.5 s measured from `hub serve` on a loaded two-core machine). A command run in that window, e.g.
// by a script that starts the server and then provisions, failed with exit 1 and "use the running
// server (the CLI sends its commands to it)", which it had not done. It now waits for the server and
// sends the command to it (SPEC §9). The "server" here is a stand-in: a live process named in the
// lock file as `hub serve`, and an HTTP listener that answers the CLI endpoint as a server does.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runHubWithEnv } from './cli-harness.ts';
import { prepareMigratedDataDir } from './migrated-data-dir.ts';

let workDir = '';
let standIn: ChildProcess | undefined;
let listener: Server | undefined;
let cliUrl = '';
const secret = randomBytes(16).toString('hex');
const received: string[][] = [];

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-server-starting-'));
  // The stand-in server's process: alive for as long as the tests need a pid that is not this one.
  standIn = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  listener = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.headers['x-hub-cli-secret'] !== secret) {
        response.writeHead(403).end();
        return;
      }
      received.push((JSON.parse(body) as { argv: string[] }).argv);
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      response.end(`${JSON.stringify({ out: 'run by the server\n' })}\n${JSON.stringify({ exitCode: 0 })}\n`);
    });
  });
  await new Promise<void>((resolve) => listener?.listen(0, '127.0.0.1', resolve));
  cliUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
});

afterAll(async () => {
  standIn?.kill();
  await new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve()));
  await rm(workDir, { recursive: true, force: true });
});

afterEach(() => {
  delete process.env.HUB_CLI_TIMEOUT_SECONDS;
  received.length = 0;
});

/** A data dir whose lock a live process holds as `command` (data-dir-lock.ts writes "pid\ncommand"). */
async function heldDataDir(name: string, command: string): Promise<string> {
  const dataDir = path.join(workDir, name);
  await mkdir(path.join(dataDir, 'pglite'), { recursive: true });
  await writeFile(path.join(dataDir, 'pglite.lock'), `${standIn?.pid}\n${command}`, { mode: 0o600 });
  return dataDir;
}

/** What the server writes once it listens (server-discovery.ts). */
async function serverListens(dataDir: string): Promise<void> {
  const discovery = { pid: standIn?.pid, url: cliUrl, cliUrl, cliSecret: secret };
  await writeFile(path.join(dataDir, 'server.json'), JSON.stringify(discovery), { mode: 0o600 });
}

describe('a command run while a server starts on the embedded database', () => {
  it('waits for the server and sends the command to it', async () => {
    const dataDir = await heldDataDir('starting', 'hub serve');
    const command = runHubWithEnv({ HUB_DATA_DIR: dataDir }, workDir, ['partners', 'list']);
    // The server writes its discovery file while the command already waits for it.
    setTimeout(() => void serverListens(dataDir), 300);
    const result = await command;
    expect(result.stderr).toContain(
      `A server (pid ${standIn?.pid}) holds this data dir but takes no commands yet`,
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toBe('run by the server\n');
    expect(received).toEqual([['partners', 'list']]);
  });

  it('fails (exit 1) when the server is still not listening after HUB_CLI_TIMEOUT_SECONDS', async () => {
    const dataDir = await heldDataDir('stuck', 'hub serve');
    process.env.HUB_CLI_TIMEOUT_SECONDS = '1';
    const result = await runHubWithEnv({ HUB_DATA_DIR: dataDir }, workDir, ['partners', 'list', '--json']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`the server (pid ${standIn?.pid}) still takes no commands after 1 s`);
    expect(result.stderr).toContain('HUB_CLI_TIMEOUT_SECONDS');
    expect(received).toEqual([]);
  });

  it('runs the command here when that server stops instead (its lock is then free)', async () => {
    const dataDir = path.join(workDir, 'stopping');
    await prepareMigratedDataDir(dataDir);
    const stopping = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await writeFile(path.join(dataDir, 'pglite.lock'), `${stopping.pid}\nhub serve`, { mode: 0o600 });
    const command = runHubWithEnv({ HUB_DATA_DIR: dataDir }, workDir, ['partners', 'list', '--json']);
    setTimeout(() => stopping.kill(), 300);
    const result = await command;
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.json<{ isDefault: boolean }[]>()).toEqual([expect.objectContaining({ isDefault: true })]);
    expect(received).toEqual([]);
  });

  it('does not wait for a process that is no server (it takes no commands)', async () => {
    const dataDir = await heldDataDir('import', 'hub users import');
    const result = await runHubWithEnv({ HUB_DATA_DIR: dataDir }, workDir, ['partners', 'list']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`in use by another process (pid ${standIn?.pid}: hub users import)`);
    expect(result.stderr).not.toContain('takes no commands yet');
  });
});

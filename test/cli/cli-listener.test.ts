// `hub serve` runs forwarded CLI commands on a listener of its own (ADR 0081): bound to loopback on
// a port the OS picks, named in the discovery file as `cliUrl`. The main HTTP app, on HOST and
// perhaps behind a reverse proxy, has no such route. Shutdown waits for the commands it runs, also
// those whose CLI left, before the database closes.
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCliListener, type CliListener } from '../../src/cli/cli-listener.ts';
import { EXIT_OK } from '../../src/cli/exit-codes.ts';
import { isLoopbackAddress } from '../../src/cli/forwarded-cli-route.ts';
import { forwardToServer } from '../../src/cli/forward-to-server.ts';
import { bufferedIo } from '../../src/cli/io.ts';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { writeDiscovery } from '../../src/server-discovery.ts';
import { createTestDatabase } from '../helpers/database.ts';

const SECRET = 'the-discovery-file-secret';

let dataDir = '';
const closers: Array<() => Promise<unknown>> = [];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hub-cli-listener-'));
});

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await rm(dataDir, { recursive: true, force: true });
});

async function listener(run: (argv: readonly string[]) => Promise<number>): Promise<CliListener> {
  const started = await startCliListener({ cliSecret: SECRET, run: (argv) => run(argv) });
  closers.push(() => started.close());
  return started;
}

/** A few turns of the event loop: what is already settled has run its callbacks by then. */
async function turns(count = 5): Promise<void> {
  for (let turn = 0; turn < count; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('the main HTTP app', () => {
  it('answers 404 to POST /internal/cli, even from this machine with a secret', async () => {
    const database = await createTestDatabase();
    const app = await buildApp({
      config: loadConfig({ HUB_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
      database,
      secret: 'test-secret',
    });
    closers.push(async () => (await app.close(), await database.close()));
    const response = await app.inject({
      method: 'POST',
      url: '/internal/cli',
      remoteAddress: '127.0.0.1',
      headers: { 'x-hub-cli-secret': SECRET },
      payload: { argv: ['customers', 'list'], cwd: dataDir },
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).not.toContain('ndjson');
  });
});

describe('the CLI listener', () => {
  it('is bound to a loopback address, on a port of its own, and says so in its URL', async () => {
    const cli = await listener(async () => EXIT_OK);
    expect(isLoopbackAddress(cli.address.address)).toBe(true);
    expect(cli.address.port).toBeGreaterThan(0);
    expect(cli.url).toBe(`http://127.0.0.1:${cli.address.port}`);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

  it.skipIf(external === undefined)("cannot be reached at this machine's other addresses", async () => {
    const cli = await listener(async () => EXIT_OK);
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: external, port: cli.address.port });
      socket.once('connect', () => (socket.destroy(), resolve('connected')));
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    expect(outcome).toBe('ECONNREFUSED');
  });

  it('answers nothing but the CLI route', async () => {
    const cli = await listener(async () => EXIT_OK);
    for (const url of ['/readyz', '/healthz', '/v1/customers', '/docs']) {
      expect((await fetch(`${cli.url}${url}`)).status).toBe(404);
    }
  });

  it("runs a command for bin/hub's client, which dials the discovery file's cliUrl, not its url", async () => {
    const ran: string[][] = [];
    const cli = await listener(async (argv) => {
      ran.push([...argv]);
      return EXIT_OK;
    });
    // `url` names a port nothing listens on: only the CLI listener can have answered.
    await writeDiscovery(dataDir, {
      pid: process.ppid,
      url: 'http://127.0.0.1:9',
      cliUrl: cli.url,
      cliSecret: SECRET,
    });
    const io = bufferedIo(dataDir);
    const exitCode = await forwardToServer(loadConfig({ HUB_DATA_DIR: dataDir }), ['customers', 'list'], io);
    expect(io.stderr).toBe('');
    expect(exitCode).toBe(EXIT_OK);
    expect(ran).toEqual([['customers', 'list']]);
  });

  it('refuses a caller without the secret', async () => {
    const ran: string[][] = [];
    const cli = await listener(async (argv) => (ran.push([...argv]), EXIT_OK));
    const response = await fetch(`${cli.url}/internal/cli`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-cli-secret': 'guess' },
      body: JSON.stringify({ argv: ['customers', 'list'], cwd: dataDir }),
    });
    expect(response.status).toBe(403);
    expect(ran).toEqual([]);
  });

  it('is closed by close(): a CLI then finds nothing there', async () => {
    const cli = await startCliListener({ cliSecret: SECRET, run: async () => EXIT_OK });
    await cli.close();
    await expect(fetch(`${cli.url}/internal/cli`, { method: 'POST' })).rejects.toThrow();
  });
});

describe('shutting the CLI listener down', () => {
  it('drains a forwarded command whose CLI left: it ends before drain() says so', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    const cli = await startCliListener({
      cliSecret: SECRET,
      run: async () => {
        started();
        await gate;
        order.push('command ended');
        return EXIT_OK;
      },
    });

    // The CLI sends the command and leaves (Ctrl+C) as soon as the server answers.
    await new Promise<void>((resolve, reject) => {
      const call = request(`${cli.url}/internal/cli`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-cli-secret': SECRET },
      });
      call.on('error', reject);
      call.on('response', () => {
        call.destroy();
        resolve();
      });
      call.end(JSON.stringify({ argv: ['users', 'import', 'users.csv'], cwd: dataDir }));
    });
    await running;

    await cli.close();
    const drained = cli.drain(600_000).then((done) => (order.push('drained'), done));
    await turns();
    expect(order).toEqual([]);
    release();
    expect(await drained).toBe(true);
    expect(order).toEqual(['command ended', 'drained']);
  });

  it('says false when a command still runs after the wait', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const cli = await startCliListener({
      cliSecret: SECRET,
      run: async () => (await gate, EXIT_OK),
    });
    const response = fetch(`${cli.url}/internal/cli`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-cli-secret': SECRET },
      body: JSON.stringify({ argv: ['customers', 'list'], cwd: dataDir }),
    });
    const body = (await response).text();
    const closed = cli.close();
    expect(await cli.drain(1)).toBe(false);
    release();
    expect(await body).toContain('{"exitCode":0}');
    await closed;
    expect(await cli.drain(600_000)).toBe(true);
  });
});

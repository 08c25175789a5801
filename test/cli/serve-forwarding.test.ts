// End to end: a real `node bin/hub serve` holds the embedded database while a real
// `node bin/hub …` (same HUB_DATA_DIR) sends its commands to it, so both work at once (SPEC §9).
// The commands go to a listener of the server's own on 127.0.0.1 (ADR 0081), not to its main HTTP
// listener, which answers 404 for them. SIGTERM stops the server and removes its discovery file;
// the CLI then opens the data dir itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerView } from '../../src/services/customers/customer-view.ts';
import type { ServerDiscovery } from '../../src/server-discovery.ts';
import { prepareMigratedDataDir } from './migrated-data-dir.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hubBin = path.join(root, 'bin', 'hub');

let workDir = '';
let dataDir = '';
let server: ChildProcess | undefined;
let serverOutput = '';

function environment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HUB_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  return env;
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function hub(...argv: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [hubBin, ...argv], { cwd: workDir, env: environment() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function readServerFile(): Promise<ServerDiscovery | null> {
  try {
    return JSON.parse(await readFile(path.join(dataDir, 'server.json'), 'utf8')) as ServerDiscovery;
  } catch {
    return null;
  }
}

/** Waits (bounded) for the server to write its discovery file: the port is chosen by the OS. */
async function waitForDiscovery(child: ChildProcess): Promise<ServerDiscovery> {
  for (let attempt = 0; attempt < 1800; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`hub serve exited with ${child.exitCode}:\n${serverOutput}`);
    const found = await readServerFile();
    if (found) return found;
    await sleep(100);
  }
  throw new Error(`hub serve wrote no server.json:\n${serverOutput}`);
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-serve-test-'));
  dataDir = path.join(workDir, 'data');
  // A migrated data dir: the first start of one (initdb, migrations) is not what this tests.
  await prepareMigratedDataDir(dataDir);
});

afterAll(async () => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  await rm(workDir, { recursive: true, force: true });
});

describe('hub serve with the CLI at the same time', { timeout: 300_000 }, () => {
  let discovery: ServerDiscovery;

  it('starts a server on a port of its own choosing and records it in server.json', async () => {
    server = spawn(process.execPath, [hubBin, 'serve'], {
      cwd: workDir,
      env: { ...environment(), PORT: '0', HOST: '127.0.0.1' },
    });
    server.stdout?.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
    discovery = await waitForDiscovery(server);
    expect(discovery.pid).toBe(server.pid);
    expect(discovery.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(discovery.cliUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(discovery.cliUrl ?? '').port).not.toBe(new URL(discovery.url).port);
    const ready = await fetch(`${discovery.url}/readyz`);
    expect(ready.status).toBe(200);
    // It names the host it listens on (HOST=127.0.0.1), not localhost (which may be ::1).
    for (let attempt = 0; attempt < 600 && !serverOutput.includes('is running at'); attempt += 1)
      await sleep(100);
    expect(serverOutput).toContain(`Wholesale Hub is running at ${discovery.url} (`);
  });

  it('answers 404 on its main listener to a forwarded command, even from this machine with the secret', async () => {
    const main = await fetch(`${discovery.url}/internal/cli`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-cli-secret': discovery.cliSecret },
      body: JSON.stringify({ argv: ['customers', 'list', '--json'], cwd: workDir }),
    });
    expect(main.status).toBe(404);
    // The CLI listener serves that route only: the API is not there.
    expect((await fetch(`${discovery.cliUrl}/readyz`)).status).toBe(404);
    const cli = await fetch(`${discovery.cliUrl}/internal/cli`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-cli-secret': discovery.cliSecret },
      body: JSON.stringify({ argv: ['customers', 'list', '--json'], cwd: workDir }),
    });
    expect(cli.status).toBe(200);
    expect(await cli.text()).toContain('{"exitCode":0}');
  });

  it('refuses a second server on the same data dir, and leaves the first one its server.json', async () => {
    const second = await new Promise<Run>((resolve, reject) => {
      const child = spawn(process.execPath, [hubBin, 'serve'], {
        cwd: workDir,
        env: { ...environment(), PORT: '0', HOST: '127.0.0.1' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`in use by another process (pid ${server?.pid}: hub serve)`);
    expect(second.stderr).toContain('or use the running server');
    expect(await readServerFile()).toEqual(discovery);
  });

  it('answers CLI commands through the server while it holds the database', async () => {
    const created = await hub(
      'customers',
      'create',
      '--name',
      'Bakkerij De Vries',
      '--external-id',
      'DEVRIES-001',
      '--admin-email',
      'beheer@devries.example',
      '--country',
      'NL',
      '--json',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ externalId: 'DEVRIES-001', status: 'provisioned' });

    const listed = await hub('customers', 'list', '--json');
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as CustomerView[]).map((customer) => customer.externalId)).toEqual([
      'DEVRIES-001',
    ]);

    // The same rows through the server's HTTP API, with a token the CLI made through the server.
    const token = await hub('tokens', 'create', '--role', 'partner_full_admin', '--json');
    expect(token.code).toBe(0);
    const bearer = (JSON.parse(token.stdout) as { token: string }).token;
    const response = await fetch(`${discovery.url}/v1/customers`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: CustomerView[] };
    expect(body.items.map((customer) => customer.externalId)).toEqual(['DEVRIES-001']);
    expect(server?.exitCode).toBeNull();
  });

  it("streams a forwarded command's output as it is written, progress bar included", async () => {
    await writeFile(
      path.join(workDir, 'users.csv'),
      [
        'User ID/Email (Required),Webex Meetings,Jabber with Webex Teams,Jabber Calling,Preferred Webex Site',
        ...['anna', 'bram', 'carla'].map(
          (name) => `${name}@devries.example,TRUE,FALSE,FALSE,devries.webex.com`,
        ),
      ].join('\n'),
    );
    // What bin/hub sends when its stderr is a terminal.
    const response = await fetch(`${discovery.cliUrl}/internal/cli`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-cli-secret': discovery.cliSecret },
      body: JSON.stringify({
        argv: ['users', 'import', '--customer', 'DEVRIES-001', 'users.csv'],
        cwd: workDir,
        interactive: true,
      }),
    });
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    const events = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { out?: string; err?: string; exitCode?: number });
    expect(events.at(-1)).toEqual({ exitCode: 0 });
    const bars = events.flatMap((event) => (event.err?.startsWith('\r') ? [event.err] : []));
    expect(bars.at(-1)).toMatch(/^\rcompleted.*\] 3\/3 rows$/);
    // The customer was sold no package: every row is an error, and the job still ran (exit 0).
    const summary = events.map((event) => event.out ?? '').join('');
    expect(summary).toMatch(/Import [\w-]+: completed_with_errors\n {2}add 0, .* error 3,/);

    // Not a terminal: no bar, the same summary.
    const piped = await hub('users', 'import', '--customer', 'DEVRIES-001', 'users.csv');
    expect(piped.code).toBe(0);
    expect(piped.stderr).toMatch(/^Import [\w-]+ uploaded; waiting for it \(Ctrl\+C stops waiting\)\.\n$/);
    expect(piped.stdout.replace(/Import [\w-]+/, '')).toBe(summary.replace(/Import [\w-]+/, ''));
  });

  it('rejected input through the server keeps its exit code 2', async () => {
    const result = await hub('locations', 'create', '--customer', 'DEVRIES-001', '--name', 'HQ');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("required options '--country <code>', '--timezone <zone>' not specified");
  });

  it('backs up through the server while it holds the data dir', async () => {
    const result = await hub('backup', '--out', 'backup.tar.gz', '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const backup = JSON.parse(result.stdout) as { file: string; bytes: number; database: string };
    expect(backup).toMatchObject({ file: path.join(workDir, 'backup.tar.gz'), database: 'embedded' });
    const written = await readFile(backup.file);
    expect(written.length).toBe(backup.bytes);
    expect([...written.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    // The server was not disturbed: it answers on.
    expect((await hub('customers', 'list', '--json')).code).toBe(0);
  });

  it('stops on SIGTERM, removes server.json, and leaves the data to the CLI', async () => {
    const exited = new Promise<number | null>((resolve) => server?.once('exit', (code) => resolve(code)));
    server?.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(access(path.join(dataDir, 'server.json'))).rejects.toThrow();
    const listed = await hub('customers', 'list', '--json');
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as CustomerView[]).map((customer) => customer.externalId)).toEqual([
      'DEVRIES-001',
    ]);
  });
});

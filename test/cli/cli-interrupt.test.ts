// Ctrl+C on a CLI whose command a running server executes (ADR 0051) ends only the wait: the
// command goes on in the server. The CLI says so on stderr, and for an import names it and where
// to follow it, instead of exiting 130 without a word.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDiscovery } from '../../src/server-discovery.ts';
import { runHub } from './hub-child.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hubBin = path.join(root, 'bin', 'hub');

let dataDir = '';
let server: Server | undefined;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hub-cli-interrupt-'));
});

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

/** A server that runs the forwarded command "forever": it sends `events`, then only keep-alives. */
async function serverSending(events: readonly object[]): Promise<string> {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      response.write(events.map((event) => `${JSON.stringify(event)}\n`).join(''));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  const url = `http://127.0.0.1:${address.port}`;
  // The discovery file names a live process (this test's parent) as the server.
  await writeDiscovery(dataDir, { pid: process.ppid, url, cliSecret: 'secret' });
  return url;
}

/** Runs bin/hub, sends it `signal` once its stderr shows `ready`, and answers how it ended. */
function interruptWhen(ready: string, argv: readonly string[], signal: NodeJS.Signals = 'SIGINT') {
  return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, HUB_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [hubBin, ...argv], { cwd: dataDir, env });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && stderr.includes(ready)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stdout.resume();
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

describe('Ctrl+C on a forwarded command', { timeout: 300_000 }, () => {
  it('says that the import keeps running in the server, with its id and where to follow it; exit 130', async () => {
    const url = await serverSending([
      { err: '', awaiting: { kind: 'import', id: 'IMPORT-1', customerId: 'CUSTOMER-1' } },
      { err: 'waiting for the import\n' },
    ]);
    const result = await interruptWhen('waiting for the import', [
      'users',
      'import',
      'big.csv',
      '--customer',
      'BIG-001',
    ]);
    expect(result.code).toBe(130);
    expect(result.stderr).toContain(
      `Stopped waiting. The import IMPORT-1 keeps running in the server (pid ${process.ppid}) and will finish there.`,
    );
    expect(result.stderr).toContain('hub users import-status IMPORT-1 --customer CUSTOMER-1 --wait');
    expect(result.stderr).toContain(`GET ${url}/v1/customers/CUSTOMER-1/imports/IMPORT-1`);
  });

  it('does the same at SIGTERM, with exit 143', async () => {
    await serverSending([
      { err: '', awaiting: { kind: 'import', id: 'IMPORT-2', customerId: 'CUSTOMER-1' } },
      { err: 'waiting for the import\n' },
    ]);
    const result = await interruptWhen(
      'waiting for the import',
      ['users', 'import', 'big.csv', '--customer', 'BIG-001'],
      'SIGTERM',
    );
    expect(result.code).toBe(143);
    expect(result.stderr).toContain('Stopped waiting. The import IMPORT-2 keeps running in the server');
    expect(result.stderr).toContain('hub users import-status IMPORT-2 --customer CUSTOMER-1 --wait');
  });

  it("names a customer's provisioning that goes on in the server and how to check on it; --json an object", async () => {
    await serverSending([
      {
        err: '',
        waitingFor: {
          kind: 'customer-provisioning',
          customerId: 'C-1',
          externalId: 'ACME 1',
          partner: 'Acme',
        },
      },
      { err: 'provisioning\n' },
    ]);
    const result = await runHub(['customers', 'create', '--name', 'X', '--json'], {
      dataDir,
      cwd: dataDir,
      signal: { send: 'SIGTERM', ready: /provisioning/ },
    });
    expect(result.code).toBe(143);
    expect(result.stderr).toBe(
      'provisioning\n' +
        `Stopped waiting. Customer ACME 1 is still provisioning in the server (pid ${process.ppid}), which finishes it. ` +
        "Check on it with: hub customers get 'ACME 1' --partner Acme\n",
    );
    expect(JSON.parse(result.stdout)).toEqual({
      stoppedWaiting: true,
      signal: 'SIGTERM',
      work: { kind: 'customer-provisioning', customerId: 'C-1', externalId: 'ACME 1', partner: 'Acme' },
      continuesInBackground: true,
      check: "hub customers get 'ACME 1' --partner Acme",
    });
  });

  it('reads work of a kind it does not know as none named (a newer server)', async () => {
    await serverSending([{ err: '', waitingFor: { kind: 'sync', id: 'S-1' } }, { err: 'syncing\n' }]);
    const result = await runHub(['scim', 'sync', '--json'], {
      dataDir,
      cwd: dataDir,
      signal: { send: 'SIGINT', ready: /syncing/ },
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Stopped waiting. "hub scim sync --json" keeps running in the server');
    expect(JSON.parse(result.stdout)).toMatchObject({ stoppedWaiting: true, work: null, check: null });
  });

  it('says that any other command may still finish in the server', async () => {
    await serverSending([{ err: 'provisioning\n' }]);
    const result = await interruptWhen('provisioning', ['customers', 'create', '--name', 'X']);
    expect(result.code).toBe(130);
    expect(result.stderr).toContain(
      `Stopped waiting. "hub customers create --name X" keeps running in the server (pid ${process.ppid}) and may still finish`,
    );
  });
});

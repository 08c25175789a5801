// A forwarded CLI command that is itself paused (Ctrl+Z then fg, SIGSTOP/SIGCONT, a laptop asleep)
// while its server answers must not blame the server on waking: its timer is overdue, but the
// answer is waiting in the socket (ADR 0070). A real `node bin/hub` is stopped and continued.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { writeDiscovery } from '../../src/server-discovery.ts';

const hubBin = fileURLToPath(new URL('../../bin/hub', import.meta.url));
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Waits (bounded) until the kernel reports the process stopped (state T). */
async function waitUntilStopped(pid: number): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('T')) return;
    await sleep(10);
  }
  throw new Error(`process ${pid} did not stop`);
}

describe.skipIf(process.platform !== 'linux')(
  'a forwarded CLI command paused while its server answers',
  () => {
    it.each([
      ['before the answer', false],
      ['mid-stream', true],
    ])(
      'paused %s for well over HUB_CLI_TIMEOUT_SECONDS, it prints the answer and exits 0',
      async (_case, midStream) => {
        const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-cli-paused-'));
        let answer: (response: ServerResponse) => void = () => undefined;
        const asked = new Promise<ServerResponse>((resolve) => (answer = resolve));
        const server = createServer((request, response) => {
          request.resume();
          request.on('end', () => answer(response));
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        const address = server.address();
        if (typeof address !== 'object' || !address) throw new Error('no port');
        cleanups.push(async () => {
          server.closeAllConnections();
          await new Promise((resolve) => server.close(resolve));
          await rm(dataDir, { recursive: true, force: true });
        });
        await writeDiscovery(dataDir, {
          pid: process.pid,
          url: `http://127.0.0.1:${address.port}`,
          cliSecret: 's',
        });

        const env: NodeJS.ProcessEnv = {
          ...process.env,
          HUB_DATA_DIR: dataDir,
          HUB_CLI_TIMEOUT_SECONDS: '1',
        };
        delete env.DATABASE_URL;
        const cli = spawn(process.execPath, [hubBin, 'customers', 'list', '--json'], { env });
        cleanups.push(async () => {
          if (cli.exitCode === null && cli.signalCode === null) {
            cli.kill('SIGCONT');
            cli.kill('SIGKILL');
          }
        });
        let stdout = '';
        let stderr = '';
        cli.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const exited = new Promise<number | null>((resolve) => cli.once('close', resolve));

        const response = await asked;
        const head = () => response.writeHead(200, { 'content-type': 'application/x-ndjson' });
        if (midStream) {
          head();
          response.write(`${JSON.stringify({ out: '[' })}\n`);
          await sleep(100);
        }
        cli.kill('SIGSTOP');
        await waitUntilStopped(cli.pid as number);
        // The server answers at once, while the CLI is stopped…
        if (!midStream) head();
        response.end(
          `${JSON.stringify({ out: midStream ? ']\n' : '[]\n' })}\n${JSON.stringify({ exitCode: 0 })}\n`,
        );
        // …and the CLI wakes long after its 1 s timer was due: at least 1 s late, five times the
        // lateness (STALL_TOLERANCE_MS) that tells a stopped CLI from a silent server.
        await sleep(2_000);
        cli.kill('SIGCONT');

        expect({ code: await exited, stderr }).toEqual({ code: 0, stderr: '' });
        expect(JSON.parse(stdout)).toEqual([]);
      },
      120_000,
    );
  },
);

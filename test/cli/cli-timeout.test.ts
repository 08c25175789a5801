// A CLI command sent to the running server (ADR 0051) gives up on a server that stops answering,
// with a clear error and exit 1, after HUB_CLI_TIMEOUT_SECONDS without a sign of life; a long
// command whose server keeps sending keep-alives runs to its end however long it takes.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_FAILED, EXIT_OK } from '../../src/cli/exit-codes.ts';
import { startCliListener } from '../../src/cli/cli-listener.ts';
import { forwardedCommandStream } from '../../src/cli/forwarded-command-stream.ts';
import { forwardToServer } from '../../src/cli/forward-to-server.ts';
import { bufferedIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { loadConfig } from '../../src/config.ts';
import { productVersion } from '../../src/project-paths.ts';
import { writeDiscovery } from '../../src/server-discovery.ts';

let dataDir = '';
const closers: Array<() => Promise<void>> = [];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hub-cli-timeout-'));
});

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await rm(dataDir, { recursive: true, force: true });
});

async function listening(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return address.port;
}

/** The CLI of a data dir whose discovery file names a live process (this test's parent) at `port`. */
async function forward(port: number, timeoutSeconds: string, argv = ['customers', 'list']) {
  await writeDiscovery(dataDir, { pid: process.ppid, url: `http://127.0.0.1:${port}`, cliSecret: 'secret' });
  const config = loadConfig({ HUB_DATA_DIR: dataDir, HUB_CLI_TIMEOUT_SECONDS: timeoutSeconds });
  const io = bufferedIo(dataDir);
  const exitCode = await forwardToServer(config, argv, io);
  return { exitCode, stdout: io.stdout, stderr: io.stderr };
}

function httpServer(
  handle: (request: IncomingMessage, response: ServerResponse, body: string) => void,
): Server {
  return createHttpServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => handle(request, response, body));
  });
}

describe('a CLI command sent to a running server', () => {
  it('fails with exit 1 and says so when the server accepts the connection and never answers', async () => {
    const port = await listening(createServer(() => undefined));
    const result = await forward(port, '1');
    expect(result.exitCode).toBe(EXIT_FAILED);
    expect(result.stderr).toBe(
      `Error: the running server (pid ${process.ppid}) at http://127.0.0.1:${port} did not answer within 1 s.\n` +
        'Is it overloaded or stuck? See its log. To wait longer, set HUB_CLI_TIMEOUT_SECONDS (now 1).\n',
    );
  });

  it('fails with exit 1 when the server goes silent mid-command, saying the command may still run there', async () => {
    const port = await listening(
      httpServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/x-ndjson' });
        response.write(`${JSON.stringify({ out: 'Creating customer…\n' })}\n`);
      }),
    );
    const result = await forward(port, '1');
    expect(result.exitCode).toBe(EXIT_FAILED);
    expect(result.stdout).toBe('Creating customer…\n');
    expect(result.stderr).toContain('stopped answering: nothing for 1 s. The command may still be running');
  });

  it('waits out a long, quiet command as long as the server sends keep-alives', async () => {
    let asked: { keepAliveMs?: number } = {};
    const port = await listening(
      httpServer((_request, response, body) => {
        asked = JSON.parse(body) as { keepAliveMs?: number };
        response.writeHead(200, { 'content-type': 'application/x-ndjson' });
        const keepAlive = setInterval(() => response.write('\n'), asked.keepAliveMs);
        // Quiet for well over the CLI's 1 s timeout, as an import waiting for its job.
        void sleep(2_500).then(() => {
          clearInterval(keepAlive);
          response.end(`${JSON.stringify({ out: 'done\n' })}\n${JSON.stringify({ exitCode: 0 })}\n`);
        });
      }),
    );
    const result = await forward(port, '1');
    expect(asked.keepAliveMs).toBe(334);
    expect(result).toEqual({ exitCode: EXIT_OK, stdout: 'done\n', stderr: '' });
  });

  it.each([
    [
      'a line that is not JSON',
      'Welcome!',
      { 'x-hub-version': '9.9.9' },
      `The server is version 9.9.9, this CLI ${productVersion()}: different versions?`,
    ],
    [
      'an event this CLI does not know',
      '{"progress":0.5}',
      {},
      `The server did not say its version, this CLI ${productVersion()}: different versions?`,
    ],
    [
      'a half-written line of the same version',
      '{"out":"Creat',
      { 'x-hub-version': productVersion() },
      `The server and this CLI are both version ${productVersion()}: see the server's log.`,
    ],
  ])(
    'fails with exit 1 on %s, saying the server sent what it cannot read',
    async (_case, line, headers, says) => {
      const port = await listening(
        httpServer((_request, response) => {
          response.writeHead(200, { 'content-type': 'application/x-ndjson', ...headers });
          response.end(`${JSON.stringify({ out: 'Creating customer…\n' })}\n${line}\n`);
        }),
      );
      const result = await forward(port, '5');
      expect(result.exitCode).toBe(EXIT_FAILED);
      expect(result.stdout).toBe('Creating customer…\n');
      expect(result.stderr).toContain(
        `Error: the running server (pid ${process.ppid}) sent something this CLI cannot read: ${JSON.stringify(line)}\n`,
      );
      expect(result.stderr).toContain(says);
      expect(result.stderr).not.toContain('did not answer');
      expect(result.stderr).not.toContain('server.json');
    },
  );
});

describe("hub serve's listener for forwarded commands", () => {
  it("keeps a long, quiet command alive at the CLI's interval: exit 0 and its --json, with a 1 s timeout", async () => {
    let ran: readonly string[] = [];
    const listener = await startCliListener({
      cliSecret: 'secret',
      // Quiet for well over the CLI's 1 s timeout (the server's default keep-alive is 10 s).
      run: async (argv, io) => {
        ran = argv;
        await sleep(2_500);
        io.out(`${JSON.stringify({ imported: 3 })}\n`);
        return EXIT_OK;
      },
    });
    closers.push(() => listener.close());
    const result = await forward(listener.address.port, '1', ['users', 'import', 'users.csv', '--json']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(EXIT_OK);
    expect(JSON.parse(result.stdout)).toEqual({ imported: 3 });
    expect(ran).toEqual(['users', 'import', 'users.csv', '--json']);
  });

  it('refuses a caller without the secret of the discovery file', async () => {
    const listener = await startCliListener({ cliSecret: 'secret', run: async () => EXIT_OK });
    closers.push(() => listener.close());
    const response = await fetch(`${listener.url}/internal/cli`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-cli-secret': 'guess' },
      body: JSON.stringify({ argv: ['customers', 'list'], cwd: dataDir }),
    });
    expect(response.status).toBe(403);
  });
});

describe("the server's side of a forwarded command", () => {
  it('sends keep-alive lines while the command runs, then its output and exit code', async () => {
    const stream = forwardedCommandStream(
      async (io) => {
        await sleep(600);
        io.out('created\n');
        return 0;
      },
      { cwd: dataDir, interactive: false, keepAliveMs: 100 },
    );
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    const lines = text.split('\n');
    const firstEvent = lines.findIndex((line) => line !== '');
    expect(firstEvent).toBeGreaterThan(0);
    expect(lines.slice(firstEvent)).toEqual(['{"out":"created\\n"}', '{"exitCode":0}', '']);
  });

  it('ends with the error and exit 1 when the command throws', async () => {
    const stream = forwardedCommandStream(
      async () => {
        throw new Error('boom');
      },
      { cwd: dataDir, interactive: false },
    );
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    expect(text).toBe('{"err":"Error: boom\\n"}\n{"exitCode":1}\n');
  });
});

describe('HUB_CLI_TIMEOUT_SECONDS', () => {
  it('is named in the environment section of hub --help', async () => {
    const io = bufferedIo(dataDir);
    expect(await runCli(['--help'], io)).toBe(EXIT_OK);
    expect(io.stdout).toMatch(/^ {2}HUB_CLI_TIMEOUT_SECONDS\n.*sign of life \(default: 30\)\n.*exit code 1/m);
  });

  it.each([
    [undefined, 30_000],
    ['5', 5_000],
  ])('%s waits %i ms', (value, expected) => {
    expect(loadConfig(value ? { HUB_CLI_TIMEOUT_SECONDS: value } : {}).cliTimeoutMs).toBe(expected);
  });

  it.each(['0', '3601', '1.5', '30s'])('refuses %s with a readable error', (value) => {
    expect(() => loadConfig({ HUB_CLI_TIMEOUT_SECONDS: value })).toThrow(
      `HUB_CLI_TIMEOUT_SECONDS="${value}" is not valid: it takes a whole number of seconds from 1 to 3600`,
    );
  });
});

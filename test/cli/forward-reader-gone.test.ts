// A forwarded CLI whose own stdout reader left (`hub users list --json | head`) stops reading the
// server's stream and closes the connection, quietly: it read the whole list (the server fetching
// every page of 60,000 users) only to drop it.
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forwardToServer } from '../../src/cli/forward-to-server.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { loadConfig } from '../../src/config.ts';
import { writeDiscovery } from '../../src/server-discovery.ts';

const MORE = 5000;

let dataDir = '';
let server: Server | undefined;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hub-reader-gone-'));
});
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

describe('a forwarded CLI whose stdout reader left', () => {
  it('stops reading, closes the connection and ends without an error', async () => {
    // The server sends two pages, then the rest of the list once the CLI printed both (and its
    // reader left): a CLI that read on would print every one of them.
    let sendTheRest: () => void = () => undefined;
    const rest = new Promise<void>((resolve) => (sendTheRest = resolve));
    let closed: () => void = () => undefined;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.on('close', closed);
        response.writeHead(200, { 'content-type': 'application/x-ndjson' });
        response.write(`${JSON.stringify({ out: 'page 1\n' })}\n${JSON.stringify({ out: 'page 2\n' })}\n`);
        void rest.then(() => {
          if (response.destroyed) return;
          for (let page = 3; page <= MORE; page += 1)
            response.write(`${JSON.stringify({ out: `page ${page}\n` })}\n`);
          response.end(`${JSON.stringify({ exitCode: 0 })}\n`);
        });
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('no port');
    await writeDiscovery(dataDir, {
      pid: process.ppid,
      url: `http://127.0.0.1:${address.port}`,
      cliSecret: 's',
    });

    const printed: string[] = [];
    let errors = '';
    const io: CliIo = {
      interactive: false,
      cwd: dataDir,
      out: (text) => void printed.push(text),
      err: (text) => void (errors += text),
      drained: async () => {
        if (printed.length >= 2) sendTheRest();
      },
      awaiting: () => undefined,
      // The reader of stdout leaves after two pages (the pipe closed: EPIPE).
      readerGone: () => printed.length >= 2,
    };
    const config = loadConfig({ HUB_DATA_DIR: dataDir, HUB_CLI_TIMEOUT_SECONDS: '600' });

    const exitCode = await forwardToServer(config, ['users', 'list', '--customer', 'X', '--json'], io);
    await connectionClosed;

    expect(exitCode).toBe(0);
    expect(printed).toEqual(['page 1\n', 'page 2\n']);
    expect(errors).toBe('');
  });
});

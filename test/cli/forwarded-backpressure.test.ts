// A forwarded command (ADR 0051) that writes a lot waits for the CLI to read it: the server holds
// a bounded amount of output however slowly the CLI reads, instead of the whole output (which ran
// a server with a 256 MB heap out of memory for a list of 60,000 users). And the CLI relays a
// chunk only once its own stdout took the last one, so a paused reader pauses the server too.
import { createServer, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forwardedCommandStream } from '../../src/cli/forwarded-command-stream.ts';
import { forwardToServer } from '../../src/cli/forward-to-server.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { loadConfig } from '../../src/config.ts';
import { writeDiscovery } from '../../src/server-discovery.ts';

const PIECE = 'x'.repeat(10_000);
const PIECES = 200;
/** Both buffers of the stream (16 KiB each) plus one piece: far below the 2 MB written in all. */
const BOUND = 64 * 1024;

/** Lets everything that can run without the reader run (no clock involved). */
async function settle(turns = 200): Promise<void> {
  for (let turn = 0; turn < turns; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hub-backpressure-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("the server's side of a forwarded command", () => {
  it('makes a command wait while the CLI does not read, holding a bounded amount, then sends it all', async () => {
    let written = 0;
    const stream = forwardedCommandStream(
      async (io) => {
        for (let index = 0; index < PIECES; index += 1) {
          io.out(PIECE);
          written += 1;
          await io.drained();
        }
        return 0;
      },
      { cwd: dataDir, interactive: false, keepAliveMs: 60_000 },
    );
    await settle();
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(PIECES);
    expect(stream.writableLength + stream.readableLength).toBeLessThan(BOUND);
    // Still waiting for the reader: nothing more is buffered however long it waits.
    const before = written;
    await settle();
    expect(written).toBe(before);

    let text = '';
    for await (const chunk of stream) text += String(chunk);
    const events = text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { out?: string; exitCode?: number });
    expect(events.filter((event) => event.out === PIECE)).toHaveLength(PIECES);
    expect(events.at(-1)).toEqual({ exitCode: 0 });
  });

  it("gives the server's other work a turn at each wait, even when the CLI keeps up", async () => {
    // The embedded database answers without yielding: a list's loop of pages would hold the event
    // loop (and /healthz) for the whole list if waiting for the reader did not yield either.
    const otherWork: string[] = [];
    const stream = forwardedCommandStream(
      async (io) => {
        setImmediate(() => otherWork.push('healthz'));
        io.out('page\n');
        await io.drained();
        otherWork.push('next page');
        return 0;
      },
      { cwd: dataDir, interactive: false },
    );
    for await (const chunk of stream) void chunk;
    expect(otherWork).toEqual(['healthz', 'next page']);
  });

  it('says when the CLI left before the command ended (the command runs on), not when it ended', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const left: string[] = [];
    const abandoned = forwardedCommandStream(
      async () => {
        await released;
        return 0;
      },
      { cwd: dataDir, interactive: false, onAbandoned: () => left.push('abandoned') },
    );
    abandoned.destroy();
    await settle(5);
    expect(left).toEqual(['abandoned']);
    release();

    const finished = forwardedCommandStream(async () => 0, {
      cwd: dataDir,
      interactive: false,
      onAbandoned: () => left.push('finished'),
    });
    for await (const chunk of finished) void chunk;
    await settle(5);
    expect(left).toEqual(['abandoned']);
  });
});

describe("the CLI's side of a forwarded command", () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  it('reads no further while its stdout has not taken what it printed, so the server waits too', async () => {
    // 30 MB: more than the socket buffers and the fetch body's queue hold together.
    const pieces = 3000;
    let serverBlocked: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => (serverBlocked = resolve));
    let serverWrote = 0;
    server = createServer((request, response: ServerResponse) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/x-ndjson' });
        const writeMore = () => {
          while (serverWrote < pieces) {
            serverWrote += 1;
            if (!response.write(`${JSON.stringify({ out: PIECE })}\n`)) {
              serverBlocked();
              response.once('drain', writeMore);
              return;
            }
          }
          response.end(`${JSON.stringify({ exitCode: 0 })}\n`);
        };
        writeMore();
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('no port');
    await writeDiscovery(dataDir, {
      pid: process.ppid,
      url: `http://127.0.0.1:${address.port}`,
      cliSecret: 'secret',
    });

    // A stdout whose reader is paused until the test opens it.
    let open: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (open = resolve));
    let printed = 0;
    const io: CliIo = {
      interactive: false,
      cwd: dataDir,
      out: () => void (printed += 1),
      err: () => undefined,
      drained: () => opened,
      awaiting: () => undefined,
    };
    const config = loadConfig({ HUB_DATA_DIR: dataDir, HUB_CLI_TIMEOUT_SECONDS: '600' });
    const exit = forwardToServer(config, ['users', 'list', '--customer', 'X'], io);

    await blocked;
    await settle();
    // The CLI printed one chunk's worth and stopped reading: the server could not send it all.
    expect(printed).toBeGreaterThan(0);
    expect(printed).toBeLessThan(pieces);
    expect(serverWrote).toBeLessThan(pieces);

    open();
    expect(await exit).toBe(0);
    expect(printed).toBe(pieces);
  });
});

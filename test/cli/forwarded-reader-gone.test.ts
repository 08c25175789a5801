// A forwarded CLI that leaves (Ctrl+C, a closed pipe) closes its connection: the list the server
// runs for it stops fetching pages then. It fetched every page (46 s of embedded-database work for
// 60,000 users, holding the server's event loop in turns) only to drop them.
import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { forwardedCommandStream } from '../../src/cli/forwarded-command-stream.ts';
import { allPages, printList } from '../../src/cli/list-output.ts';

const PAGES = 100;

/**
 * A list command of `PAGES` pages that counts the pages fetched. The third page is fetched only
 * once `gate` opens: the test opens it when the CLI has left, so that the command cannot have
 * fetched every page before it knows (no clock involved).
 */
function countingList(gate: Promise<void>) {
  const counter = { fetched: 0 };
  let ended: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (ended = resolve));
  const command = async (io: Parameters<typeof printList>[0]) => {
    const pages = allPages(async (cursor) => {
      counter.fetched += 1;
      const page = Number(cursor ?? '0');
      if (page === 2) await gate;
      return { items: [{ id: `user-${page}` }], nextCursor: page + 1 < PAGES ? String(page + 1) : null };
    });
    await printList(io, pages, {
      json: true,
      columns: [{ header: 'ID', value: (item) => item.id }],
      empty: 'No users.',
    });
    ended();
    return 0;
  };
  return { counter, command, done };
}

function outEvents(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { out?: string })
    .flatMap((event) => (event.out === undefined ? [] : [event.out]));
}

const apps: Array<ReturnType<typeof Fastify>> = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

describe('a forwarded list whose CLI left', () => {
  it('stops fetching pages once its stream is destroyed', async () => {
    let closed: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (closed = resolve));
    const list = countingList(gate);
    const events = forwardedCommandStream(list.command, {
      cwd: '/',
      interactive: false,
      keepAliveMs: 60_000,
    });
    events.once('close', closed);
    let text = '';
    for await (const chunk of events) {
      text += String(chunk);
      if (outEvents(text).length >= 2) break; // ends the loop and destroys the stream
    }
    await list.done;
    expect(events.destroyed).toBe(true);
    expect(list.counter.fetched).toBeLessThanOrEqual(3);
  });

  it('stops fetching pages once the HTTP response to the CLI is destroyed', async () => {
    let closed: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (closed = resolve));
    const list = countingList(gate);
    const app = Fastify();
    apps.push(app);
    app.post('/internal/cli', async (_request, reply) => {
      const events = forwardedCommandStream(list.command, {
        cwd: '/',
        interactive: false,
        keepAliveMs: 60_000,
      });
      // Fastify destroys the stream it sends when the response closes before the stream ended.
      events.once('close', closed);
      return reply.type('application/x-ndjson').send(events);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;

    // The CLI reads two pages, then goes away (Ctrl+C).
    await new Promise<void>((resolve, reject) => {
      const call = request({ host: '127.0.0.1', port, method: 'POST', path: '/internal/cli' });
      call.on('error', () => resolve());
      call.on('response', (response: IncomingMessage) => {
        let text = '';
        response.on('data', (chunk) => {
          text += String(chunk);
          if (outEvents(text).length >= 2) {
            call.destroy();
            resolve();
          }
        });
        response.on('end', () => reject(new Error('the whole list came before the CLI left')));
      });
      call.end();
    });

    await list.done;
    expect(list.counter.fetched).toBeLessThanOrEqual(3);
  });
});

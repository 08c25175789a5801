import http from 'node:http';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { requestDrainPlugin } from './request-drain.ts';

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Starts a GET and resolves once the server has begun handling it; `abort` drops the client. */
async function startRequest(
  url: string,
  started: Promise<void>,
  agent?: http.Agent,
): Promise<{ abort: () => void; body: Promise<string>; connection: Promise<string | undefined> }> {
  // No keep-alive by default: an idle kept-alive connection would hold close() up.
  const request = http.get(url, { agent: agent ?? false });
  let connection: (header: string | undefined) => void = () => undefined;
  const connectionHeader = new Promise<string | undefined>((resolve) => (connection = resolve));
  const body = new Promise<string>((resolve, reject) => {
    request.on('error', reject);
    request.on('response', (response) => {
      connection(response.headers.connection);
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve(text));
      response.on('error', reject);
    });
  });
  body.catch(() => undefined);
  await started;
  return { abort: () => request.destroy(), body, connection: connectionHeader };
}

describe('requestDrainPlugin', () => {
  let app: FastifyInstance | null = null;

  afterEach(async () => {
    await app?.close();
    app = null;
  });

  async function listen(register: (server: FastifyInstance) => void): Promise<string> {
    const server = Fastify();
    app = server;
    await server.register(requestDrainPlugin);
    register(server);
    return server.listen({ port: 0, host: '127.0.0.1' });
  }

  it('is drained at once when no request is in flight', async () => {
    const url = await listen((server) => server.get('/', async () => ({ ok: true })));
    const answer = await fetch(url);
    expect(await answer.json()).toEqual({ ok: true });
    await app?.close();
    expect(await app?.drainRequests(1000)).toBe(true);
  });

  it('waits for a handler whose client went away, after close() has resolved', async () => {
    const arrived = gate();
    const release = gate();
    const events: string[] = [];
    const url = await listen((server) =>
      server.get('/slow', async () => {
        arrived.open();
        await release.opened;
        events.push('handler finished');
        return { ok: true };
      }),
    );
    const client = await startRequest(`${url}/slow`, arrived.opened);
    client.abort();
    // Fastify's close() does not wait for the handler: its socket is gone.
    await app?.close();
    const drained = app?.drainRequests(5000).then((result) => {
      events.push('drained');
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual([]);
    release.open();
    expect(await drained).toBe(true);
    expect(events).toEqual(['handler finished', 'drained']);
  });

  it('waits for a handler that fails after its client went away', async () => {
    const arrived = gate();
    const release = gate();
    const url = await listen((server) =>
      server.get('/fails', async () => {
        arrived.open();
        await release.opened;
        throw new Error('the database went away');
      }),
    );
    const client = await startRequest(`${url}/fails`, arrived.opened);
    client.abort();
    await app?.close();
    let drained: boolean | null = null;
    const draining = app?.drainRequests(5000).then((result) => (drained = result));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(drained).toBeNull();
    release.open();
    await draining;
    expect(drained).toBe(true);
  });

  it('waits for a streamed response to finish, not only for its handler', async () => {
    const arrived = gate();
    const lastChunk = gate();
    const url = await listen((server) =>
      server.get('/export', async (_request, reply) => {
        arrived.open();
        async function* rows(): AsyncGenerator<string> {
          yield 'first\n';
          await lastChunk.opened;
          yield 'last\n';
        }
        return reply.type('text/csv').send(Readable.from(rows()));
      }),
    );
    const client = await startRequest(`${url}/export`, arrived.opened);
    const closing = app?.close();
    let drained: boolean | null = null;
    const draining = closing
      ?.then(() => app?.drainRequests(5000))
      .then((result) => (drained = result ?? null));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(drained).toBeNull();
    lastChunk.open();
    expect(await client.body).toBe('first\nlast\n');
    await draining;
    expect(drained).toBe(true);
  });

  it('closes a kept-alive connection after the response it was waiting for', async () => {
    const arrived = gate();
    const release = gate();
    const closeBegun = gate();
    const url = await listen((server) => {
      // Runs after the plugin's own preClose hook (registered before it).
      server.addHook('preClose', async () => closeBegun.open());
      server.get('/slow', async () => {
        arrived.open();
        await release.opened;
        return { ok: true };
      });
    });
    const agent = new http.Agent({ keepAlive: true });
    try {
      const client = await startRequest(`${url}/slow`, arrived.opened, agent);
      const closing = app?.close();
      await closeBegun.opened;
      release.open();
      expect(await client.body).toBe('{"ok":true}');
      expect(await client.connection).toBe('close');
      await closing;
      expect(await app?.drainRequests(5000)).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  it('gives up after the timeout while a handler still runs', async () => {
    const arrived = gate();
    const release = gate();
    const url = await listen((server) =>
      server.get('/stuck', async () => {
        arrived.open();
        await release.opened;
        return { ok: true };
      }),
    );
    const client = await startRequest(`${url}/stuck`, arrived.opened);
    client.abort();
    await app?.close();
    expect(await app?.drainRequests(100)).toBe(false);
    release.open();
    expect(await app?.drainRequests(5000)).toBe(true);
  });
});

// A PostgreSQL server that is reached but will not serve this DATABASE_URL: it refuses TLS the URL
// asks for (`sslmode=require` against a server without SSL), or closes the connection before the
// sign-in (a proxy or firewall cutting it, max connections reached before the startup packet).
// The start stopped with a bare `Error: The server does not support SSL connections` or
// `Error: Connection terminated unexpectedly`, naming no setting. Now as for a refused
// connection: `Cannot use the PostgreSQL database of DATABASE_URL=…` (exit 1, password hidden).
import { createServer, type Server, type Socket } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStartupConfigurationError, loadConfig } from '../../src/config.ts';
import { openRuntime } from '../../src/runtime.ts';

/** A TCP server that answers every connection as `answer` says, like a PostgreSQL server would. */
async function startFakeServer(
  answer: (socket: Socket) => void,
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((socket) => {
    socket.on('error', () => undefined);
    answer(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return { port: address.port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function startFailure(databaseUrl: string): Promise<unknown> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    HUB_DATA_DIR: '/tmp/hub-refused-unused',
    LOG_LEVEL: 'silent',
  });
  return openRuntime(config, pino({ level: 'silent' })).then(
    async (runtime) => {
      await runtime.close();
      return null;
    },
    (error: unknown) => error,
  );
}

describe('a PostgreSQL server that will not serve this DATABASE_URL at start-up', () => {
  let noSsl: Awaited<ReturnType<typeof startFakeServer>>;
  let hangsUp: Awaited<ReturnType<typeof startFakeServer>>;

  beforeAll(async () => {
    // PostgreSQL without SSL answers the SSLRequest with a single 'N'.
    noSsl = await startFakeServer((socket) => socket.once('data', () => socket.write('N')));
    hangsUp = await startFakeServer((socket) => socket.once('data', () => socket.end()));
  });

  afterAll(async () => {
    await Promise.all([noSsl.close(), hangsUp.close()]);
  });

  it('refusing the TLS the URL asks for: names DATABASE_URL and the reason', async () => {
    const failure = await startFailure(
      `postgres://hub:hunter2-db@127.0.0.1:${noSsl.port}/hub?sslmode=no-verify`,
    );
    expect(isStartupConfigurationError(failure)).toBe(true);
    const message = (failure as Error).message;
    expect(message).toMatch(/^Cannot use the PostgreSQL database of DATABASE_URL=\S*127\.0\.0\.1:\d+\S*: /);
    expect(message).toContain('The server does not support SSL connections');
    expect(message).not.toContain('hunter2');
  });

  it('closing the connection before the sign-in: names DATABASE_URL and the reason', async () => {
    const failure = await startFailure(`postgres://hub:hunter2-db@127.0.0.1:${hangsUp.port}/hub`);
    expect(isStartupConfigurationError(failure)).toBe(true);
    const message = (failure as Error).message;
    expect(message).toMatch(/^Cannot use the PostgreSQL database of DATABASE_URL=\S*127\.0\.0\.1:\d+\S*: /);
    expect(message).toContain('Connection terminated unexpectedly');
    expect(message).not.toContain('hunter2');
  });
});

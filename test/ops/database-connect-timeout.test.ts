// A PostgreSQL host that vanishes without a reset (or a port that accepts and never answers) must
// fail a new connection within DB_CONNECT_TIMEOUT_SECONDS, saying so, rather than hang requests
// for hours; and the bound is on connecting only: callers queued for a busy pool still get served.
import { createServer, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { buildApp } from '../../src/http/app.ts';
import { createLogger, openRuntime } from '../../src/runtime.ts';
import { adminUrl } from '../helpers/postgres-admin.ts';

const target = inject('testDatabase');

/** A TCP server that accepts connections and never says a word, like a database host gone dark. */
async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('a database server that accepts connections and never answers', () => {
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  let database: Database;

  beforeAll(async () => {
    silent = await startSilentServer();
    database = await openDatabase({
      kind: 'postgres',
      url: `postgres://hub:secret@127.0.0.1:${silent.port}/hub`,
      poolSize: 2,
      connectTimeoutMs: 300,
    });
  });

  afterAll(async () => {
    await database?.close().catch(() => undefined);
    await silent?.close();
  });

  it('fails a query with an error naming the server and the setting, not the password', async () => {
    const failure = await sql`select 1`.execute(database.db).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(
      `PostgreSQL at 127.0.0.1:${silent.port} did not complete a new connection within 0.3 s (DB_CONNECT_TIMEOUT_SECONDS)`,
    );
  });

  it('answers /readyz 503 and logs why', async () => {
    const config = loadConfig({ HUB_DATA_DIR: '/tmp/hub-test-unused', LOG_LEVEL: 'warn' });
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const app = await buildApp({
      config,
      database,
      secret: 'x'.repeat(32),
      logger: createLogger(config, stream),
    });
    try {
      const response = await app.inject({ url: '/readyz' });
      expect(response.statusCode).toBe(503);
      const warning = lines
        .map((line) => JSON.parse(line) as { msg: string; err?: { message: string } })
        .find((line) => line.msg === 'readiness check: the database did not answer');
      // The connect timeout answered, not the probe's own 2 s bound ("no answer within 2000 ms").
      expect(warning?.err?.message).toContain('did not complete a new connection within 0.3 s');
    } finally {
      await app.close();
    }
  });
});

describe('starting on a database server that never answers', () => {
  it('stops with an error naming DATABASE_URL (password hidden) and the connect timeout', async () => {
    const silent = await startSilentServer();
    try {
      const config = loadConfig({
        DATABASE_URL: `postgres://hub:secret@127.0.0.1:${silent.port}/hub`,
        DB_CONNECT_TIMEOUT_SECONDS: '1',
        LOG_LEVEL: 'silent',
      });
      await expect(openRuntime(config)).rejects.toThrow(
        `Cannot use the PostgreSQL database of DATABASE_URL=postgres://hub:***@127.0.0.1:${silent.port}/hub: ` +
          `PostgreSQL at 127.0.0.1:${silent.port} did not complete a new connection within 1 s (DB_CONNECT_TIMEOUT_SECONDS)`,
      );
    } finally {
      await silent.close();
    }
  });
});

describe.skipIf(target.kind !== 'postgres')('a busy but healthy pool', () => {
  let database: Database;

  beforeAll(async () => {
    if (target.kind !== 'postgres') return;
    // A connect timeout shorter than the queue's wait: were it also a bound on waiting for a free
    // connection (pg-pool's connectionTimeoutMillis), the later callers would fail.
    database = await openDatabase({
      kind: 'postgres',
      url: adminUrl(target.serverUrl),
      poolSize: 2,
      connectTimeoutMs: 1_000,
    });
  });

  afterAll(async () => {
    await database?.close();
  });

  it('serves every caller queued behind its connections', async () => {
    const callers = Array.from({ length: 16 }, (_, index) =>
      sql<{ n: number }>`select ${index}::int as n, pg_sleep(0.2)`.execute(database.db),
    );
    const results = await Promise.all(callers);
    expect(results.map((result) => result.rows[0]?.n)).toEqual(
      Array.from({ length: 16 }, (_, index) => index),
    );
  });
});

describe('DB_CONNECT_TIMEOUT_SECONDS', () => {
  const url = 'postgres://hub@db.internal:5432/hub';

  it.each([
    [undefined, 10_000],
    ['3', 3_000],
    ['600', 600_000],
  ])('%s gives a connect timeout of %i ms', (value, expected) => {
    const config = loadConfig({ DATABASE_URL: url, ...(value ? { DB_CONNECT_TIMEOUT_SECONDS: value } : {}) });
    expect(config.database).toMatchObject({ kind: 'postgres', connectTimeoutMs: expected });
  });

  it.each(['0', '601', '1.5', '10s'])('refuses %s with a readable error', (value) => {
    expect(() => loadConfig({ DATABASE_URL: url, DB_CONNECT_TIMEOUT_SECONDS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: url, DB_CONNECT_TIMEOUT_SECONDS: value })).toThrow(
      `DB_CONNECT_TIMEOUT_SECONDS="${value}" is not valid: it takes a whole number of seconds from 1 to 600`,
    );
  });
});

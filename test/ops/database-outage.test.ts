// /readyz answers 503 while the database is away and 200 once it is back, and the process
// survives losing its connections, also one in use: a pg client cut during a query emitted an
// unhandled 'error' that ended the whole server.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { sql } from 'kysely';
import { useTestDatabase } from '../helpers/database.ts';
import { adminUrl, dropDatabase, withDatabaseName } from '../helpers/postgres-admin.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';

const config = loadConfig({ HUB_DATA_DIR: '/tmp/hub-test-unused', LOG_LEVEL: 'silent' });
const target = inject('testDatabase');

describe('/readyz on a database that does not answer in time', () => {
  const database = useTestDatabase();

  it('answers 503 instead of waiting, and 200 again once the database is free', async () => {
    const app = await buildApp({ config, database: database(), secret: 'x'.repeat(32) });
    try {
      // Every connection busy (PGlite has one; the test pool five): the probe must not queue forever.
      let free = () => undefined as void;
      const busy = new Promise<void>((resolve) => (free = resolve));
      const holders = Array.from({ length: database().kind === 'pglite' ? 1 : 5 }, () =>
        database()
          .db.connection()
          .execute(async (connection) => {
            await sql`select 1`.execute(connection);
            await busy;
          }),
      );
      const whileBusy = await app.inject({ url: '/readyz' });
      expect(whileBusy.statusCode).toBe(503);
      expect(whileBusy.json()).toEqual({ status: 'unavailable', database: database().kind });
      free();
      await Promise.all(holders);
      expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe.skipIf(target.kind !== 'postgres')('PostgreSQL going away and coming back', () => {
  let proxy: TcpProxy;
  let database: Database;
  let admin: Database;
  let app: App;
  const name = `hub_test_${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    if (target.kind !== 'postgres') return;
    admin = await openDatabase({ kind: 'postgres', url: adminUrl(target.serverUrl), poolSize: 1 });
    await admin.withScriptConnection((run) => run(`create database ${name} template ${target.template}`));
    const server = new URL(target.serverUrl);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    const url = new URL(withDatabaseName(target.serverUrl, name));
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 3 });
    app = await buildApp({ config, database, secret: 'x'.repeat(32) });
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await proxy?.close();
    if (admin) {
      await dropDatabase(admin, name);
      await admin.close();
    }
  });

  it('keeps running when a connection in use is reset, answers 503 while away, 200 once back', async () => {
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);

    // A request's connection, checked out of the pool when the network fails.
    let cutDone = () => undefined as void;
    const afterCut = new Promise<void>((resolve) => (cutDone = resolve));
    const inUse = database.db.connection().execute(async (connection) => {
      await sql`select 1`.execute(connection);
      await afterCut;
      await sql`select 1`.execute(connection);
    });
    await proxy.cut();
    cutDone();
    await expect(inUse).rejects.toThrow();

    const away = await app.inject({ url: '/readyz' });
    expect(away.statusCode).toBe(503);
    expect(away.json()).toEqual({ status: 'unavailable', database: 'postgres' });
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/^hub_database_up 0$/m);

    await proxy.restore();
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/metrics' })).body).toMatch(/^hub_database_up 1$/m);
  });
});

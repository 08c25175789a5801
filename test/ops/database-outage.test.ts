// /readyz answers 503 while the database is away and 200 once it is back, and the process
// survives losing its connections, also one in use: a pg client cut during a query emitted an
// unhandled 'error' that ended the whole server.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { sql } from 'kysely';
import { ensureDeployment } from '../../src/services/bootstrap/ensure-deployment.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { createApiToken } from '../helpers/factories.ts';
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

/**
 * An app on a PostgreSQL database of its own (made from the test template), reached at the URL
 * `reach` makes of it: through a proxy, or with server settings in `options`.
 */
function useAppOnOwnDatabase(
  reach: (url: URL, serverUrl: string) => Promise<void> | void,
): () => { app: App; database: Database } {
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  let admin: Database | undefined;
  let database: Database | undefined;
  let app: App | undefined;
  beforeAll(async () => {
    if (target.kind !== 'postgres') return;
    admin = await openDatabase({ kind: 'postgres', url: adminUrl(target.serverUrl), poolSize: 1 });
    await admin.withScriptConnection((run) => run(`create database ${name} template ${target.template}`));
    const url = new URL(withDatabaseName(target.serverUrl, name));
    await reach(url, target.serverUrl);
    database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 3 });
    app = await buildApp({ config, database, secret: 'x'.repeat(32) });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    if (admin) {
      await dropDatabase(admin, name);
      await admin.close();
    }
  });
  return () => {
    if (!app || !database) throw new Error('The app exists only inside tests and hooks');
    return { app, database };
  };
}

describe.skipIf(target.kind !== 'postgres')('PostgreSQL going away and coming back', () => {
  let proxy: TcpProxy;
  const own = useAppOnOwnDatabase(async (url, serverUrl) => {
    const server = new URL(serverUrl);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
  });

  afterAll(async () => {
    await proxy?.close();
  });

  it('keeps running when a connection in use is reset, answers 503 while away, 200 once back', async () => {
    const { app, database } = own();
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

  it("answers API, Wholesale and SCIM requests 503 with Retry-After while away, in each API's shape", async () => {
    const { app } = own();
    await proxy.cut();
    try {
      const authorization = `Bearer whk_${'a'.repeat(40)}`;
      const admin = await app.inject({
        url: '/v1/customers',
        headers: { authorization, 'accept-language': 'nl' },
      });
      expect([admin.statusCode, admin.headers['retry-after']]).toEqual([503, '5']);
      expect(admin.json()).toMatchObject({
        message: 'De dienst kan zijn database nu niet bereiken. Probeer het zo opnieuw.',
        errors: [{ code: 'database_unavailable' }],
      });

      const wholesale = await app.inject({ url: '/v1/wholesale/customers', headers: { authorization } });
      expect([wholesale.statusCode, wholesale.headers['retry-after']]).toEqual([503, '5']);
      expect(wholesale.json()).toMatchObject({ errors: [{ errorCode: 10039 }] });

      const scim = await app.inject({
        url: '/scim/v2/00000000-0000-4000-8000-000000000000/Users',
        headers: { authorization: `Bearer ${'s'.repeat(40)}` },
      });
      expect([scim.statusCode, scim.headers['retry-after']]).toEqual([503, '5']);
      expect(scim.json()).toMatchObject({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '503',
      });
    } finally {
      await proxy.restore();
    }
  });
});

describe.skipIf(target.kind !== 'postgres')("PostgreSQL over the operator's lock_timeout", () => {
  // As docs/operations.md shows it: server settings through DATABASE_URL's `options`.
  const own = useAppOnOwnDatabase((url) => url.searchParams.set('options', '-c lock_timeout=200ms'));

  it('answers 503 with Retry-After when a request waited past it, and serves again once the lock is gone', async () => {
    const { app, database } = own();
    const operator = await createApiToken(database.db, {
      partnerId: (await ensureDeployment(database.db, undefined)).defaultPartner.id,
      role: 'operator',
    });
    const request = () =>
      app.inject({ url: '/v1/customers', headers: { authorization: `Bearer ${operator}` } });
    expect((await request()).statusCode).toBe(200);
    await database.db.transaction().execute(async (trx) => {
      await sql`lock table customers in access exclusive mode`.execute(trx);
      const waited = await request();
      expect([waited.statusCode, waited.headers['retry-after']]).toEqual([503, '5']);
      expect(waited.json()).toMatchObject({ errors: [{ code: 'database_unavailable' }] });
    });
    expect((await request()).statusCode).toBe(200);
  });
});

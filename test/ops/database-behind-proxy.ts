// A fresh database on the PostgreSQL server of the test run, reachable directly and through a TCP
// proxy that a test cuts to take the database away from an app (a restart, a failover) while the
// test itself still reads it directly.
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { adminUrl, dropDatabase, withDatabaseName } from '../helpers/postgres-admin.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';

export interface DatabaseBehindProxy {
  /** The database on the server itself. */
  readonly directUrl: string;
  /** The same database through the proxy. */
  readonly proxiedUrl: string;
  readonly proxy: TcpProxy;
  /** Closes the proxy and drops the database (close the app's connections first). */
  close(): Promise<void>;
}

/** Creates the database from the run's migrated template and starts a proxy in front of it. */
export async function createDatabaseBehindProxy(server: {
  readonly serverUrl: string;
  readonly template: string;
}): Promise<DatabaseBehindProxy> {
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  const admin: Database = await openDatabase({
    kind: 'postgres',
    url: adminUrl(server.serverUrl),
    poolSize: 1,
  });
  await admin.withScriptConnection((run) => run(`create database ${name} template ${server.template}`));
  const direct = new URL(withDatabaseName(server.serverUrl, name));
  const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const proxied = new URL(direct);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  return {
    directUrl: direct.toString(),
    proxiedUrl: proxied.toString(),
    proxy,
    async close() {
      await proxy.close();
      await dropDatabase(admin, name);
      await admin.close();
    },
  };
}

// Creating and dropping the per-file databases on a PostgreSQL server.
import type { Database } from '../../src/db/client.ts';

export function withDatabaseName(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The maintenance database of the server in DATABASE_URL (where CREATE DATABASE runs). */
export function adminUrl(serverUrl: string): string {
  return withDatabaseName(serverUrl, 'postgres');
}

export async function dropDatabase(admin: Database, name: string): Promise<void> {
  await admin.withScriptConnection((run) => run(`drop database if exists ${name} with (force)`));
}

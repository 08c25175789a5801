// Opens the database the configuration names: PostgreSQL through `pg` when DATABASE_URL is set,
// else the embedded PGlite in the data dir. Both speak the same SQL through one Kysely instance.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

/** Runs a multi-statement script and answers the rows of its last statement. */
export type ScriptRunner = (script: string) => Promise<Record<string, unknown>[]>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Kysely<DB>;
  /**
   * Runs `work` on one dedicated connection that accepts scripts of several statements (no
   * parameters), for migrations and other start-up work that must not interleave.
   */
  withScriptConnection<T>(work: (runScript: ScriptRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string | null; loadDataDir?: Blob };

const INT8 = 20;
const NUMERIC = 1700;

// int8 (counts, bigserial ids) arrives as a string from `pg` and a number from PGlite: read both
// as numbers. Our int8 values (counts, sequence numbers) stay far below 2^53.
const parseInt8 = (value: string): number => Number(value);

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'postgres' ? openPostgres(target.url, target.poolSize) : openPGlite(target);
}

async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client can be cut off by the server (restart, DROP DATABASE … WITH (FORCE)); the pool
  // replaces it on next use, so this must not crash the process.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL idle client error: ${error.message}`);
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    async withScriptConnection(work) {
      const client = await pool.connect();
      try {
        return await work(async (script) => {
          const results = (await client.query(script)) as pg.QueryResult | pg.QueryResult[];
          const last = Array.isArray(results) ? results[results.length - 1] : results;
          return (last?.rows ?? []) as Record<string, unknown>[];
        });
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
      // Kysely ends the pool only if it ever ran a query; scripts alone leave it open.
      if (!pool.ended) await pool.end();
    },
  };
}

async function openPGlite(target: { dataDir: string | null; loadDataDir?: Blob }): Promise<Database> {
  // PGlite does not create parent folders itself.
  if (target.dataDir) await mkdir(target.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    parsers: { [INT8]: parseInt8, [NUMERIC]: (value: string) => value },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    kind: 'pglite',
    db,
    async withScriptConnection(work) {
      // One PGlite connection only: hold Kysely's connection so no query interleaves.
      return db.connection().execute(() =>
        work(async (script) => {
          const results = await pglite.exec(script);
          return (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[];
        }),
      );
    },
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** PGlite's snapshot of a migrated data dir, used by tests to skip a fresh initdb per file. */
export async function dumpPGlite(dataDir: string): Promise<Blob> {
  const pglite = await PGlite.create({ dataDir });
  try {
    return await pglite.dumpDataDir('none');
  } finally {
    await pglite.close();
  }
}

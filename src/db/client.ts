// Opens the database the configuration names: PostgreSQL through `pg` when DATABASE_URL is set,
// else the embedded PGlite in the data dir. Both speak the same SQL through one Kysely instance.
import { execFile } from 'node:child_process';
import { access, chmod } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { makeDirectory } from '../lib/make-directory.ts';
import {
  connectionNotices,
  SILENT_NOTICES,
  type ConnectionNotices,
  type NoticeLogger,
} from './connection-notices.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
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
  /**
   * The embedded database's data dir as a gzipped archive (`hub backup`), taken between two
   * queries of this process. Absent on PostgreSQL (pg_dump backs it up).
   */
  readonly dumpDataDir?: () => Promise<Blob>;
  /** PostgreSQL's connection pool right now, for /metrics. Absent on PGlite (one connection). */
  readonly poolUsage?: () => PoolUsage;
  close(): Promise<void>;
}

export interface PoolUsage {
  readonly max: number;
  readonly open: number;
  readonly idle: number;
  /** Queries waiting for a free connection. */
  readonly waiting: number;
}

export type DatabaseTarget =
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      /** How long a new connection may take to be ready for queries (DB_CONNECT_TIMEOUT_SECONDS). */
      connectTimeoutMs?: number;
      /** Where lost and restored connections are told (the app's JSON log); silent without. */
      logger?: NoticeLogger;
    }
  | {
      kind: 'pglite';
      dataDir: string | null;
      loadDataDir?: Blob;
      /** Let V8 optimize Postgres's WASM code too (see chooseWasmCompiler). */
      optimizedWasm?: boolean;
    };

const BYTEA = 17;
const INT8 = 20;
const NUMERIC = 1700;

// int8 (counts, bigserial ids) arrives as a string from `pg` and a number from PGlite: read both
// as numbers. Our int8 values (counts, sequence numbers) stay far below 2^53.
const parseInt8 = (value: string): number => Number(value);

// PGlite's own bytea codec goes byte by byte through JS arrays of strings: storing one 1 MB file
// chunk took the JS heap past 200 MB (peak RSS 254 -> 499 MB for 12 chunks). Buffer's native hex
// codec writes the same text.
const serializeBytea = (value: unknown): string => {
  if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
};
const parseBytea = (text: string): Uint8Array => {
  const bytes = new Uint8Array((text.length - 2) / 2);
  Buffer.from(bytes.buffer).write(text.slice(2), 'hex');
  return bytes;
};

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'postgres'
    ? openPostgres(target.url, target.poolSize, target.connectTimeoutMs, target.logger)
    : openPGlite(target);
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * TCP keep-alive probes start after a connection has been silent this long. Without them a
 * database host that vanished without a reset (a powered-off VM, a dropped route) left idle
 * connections looking open for the OS default of 2 hours; requests that got one then hung.
 */
const KEEPALIVE_INITIAL_DELAY_MS = 10_000;

/**
 * A `pg` client whose own connect timeout bounds a *new* connection (TCP, TLS, start-up and
 * authentication, until the server is ready for queries). Set on the client, not the pool:
 * pg-pool 3's `connectionTimeoutMillis` also fails callers merely waiting for a free client, so a
 * busy but healthy pool would start failing requests under load.
 */
function clientWithConnectTimeout(connectTimeoutMs: number): typeof pg.Client {
  return class ClientWithConnectTimeout extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super({
        ...(typeof config === 'string' ? { connectionString: config } : config),
        connectionTimeoutMillis: connectTimeoutMs,
      });
    }
  };
}

/** pg's own words for its connect timeout are "timeout expired": say what did not happen, and where. */
function describeConnectFailure(
  error: unknown,
  server: string,
  connectTimeoutMs: number,
  notices: ConnectionNotices,
): unknown {
  if (!(error instanceof Error) || error.message !== 'timeout expired') {
    notices.lost(error instanceof Error ? error.message : String(error));
    return error;
  }
  const message = `PostgreSQL at ${server} did not complete a new connection within ${connectTimeoutMs / 1000} s (DB_CONNECT_TIMEOUT_SECONDS)`;
  notices.lost(message);
  // ETIMEDOUT, as a TCP connect timeout: start-up then names DATABASE_URL as for any unreachable server.
  return Object.assign(new Error(message, { cause: error }), { code: 'ETIMEDOUT' });
}

/** host:port of a PostgreSQL URL, for messages (never its user or password). */
function serverOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || parsed.searchParams.get('host') || 'localhost'}:${parsed.port || 5432}`;
  } catch {
    return 'the database server';
  }
}

async function openPostgres(
  url: string,
  poolSize = 10,
  connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS,
  logger: NoticeLogger = SILENT_NOTICES,
): Promise<Database> {
  const server = serverOf(url);
  // One warning per outage and one line when it is back, in the app's JSON log (not a plain-text
  // process warning per lost client).
  const logged = connectionNotices(logger, server);
  // "Lost" only once there was a connection to lose: a server never reached (at start-up, say) is
  // the caller's error to report (runtime.ts names DATABASE_URL), not a lost connection.
  let connectedOnce = false;
  const notices: ConnectionNotices = {
    lost(reason) {
      if (connectedOnce) logged.lost(reason);
    },
    connected() {
      connectedOnce = true;
      logged.connected();
    },
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    Client: clientWithConnectTimeout(connectTimeoutMs),
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_INITIAL_DELAY_MS,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client can be cut off by the server (restart, DROP DATABASE … WITH (FORCE)); the pool
  // replaces it on next use, so this must not crash the process.
  pool.on('error', (error) => notices.lost(error.message));
  // A client in use has no listener of the pool's: a connection cut during a query (a network
  // reset, a failover) emitted an unhandled 'error' and ended the whole process. The query itself
  // fails with the error, and the pool drops the broken client when it is released.
  pool.on('connect', (client) => {
    notices.connected();
    client.on('error', (error) => notices.lost(error.message));
  });
  // Every checkout goes through here, so a connect timeout reads the same in a request's error,
  // a /readyz warning and a migration at start-up.
  const checkout = () =>
    pool.connect().catch((error: unknown) => {
      throw describeConnectFailure(error, server, connectTimeoutMs, notices);
    });
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: { connect: checkout, end: () => pool.end() } }),
  });
  return {
    kind: 'postgres',
    db,
    poolUsage: () => ({
      max: poolSize,
      open: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    async withScriptConnection(work) {
      const client = await checkout();
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

// Postgres's memory lives in PGlite's WASM memory, so in our RSS, and WASM memory never shrinks.
// One connection in one process needs far less than the stock settings: shared_buffers 16 MB
// (stock 128) took RSS after opening a data dir from 346 to 217 MB; max_connections (shared
// memory is sized for them), work_mem, maintenance_work_mem and temp_buffers took a 100k-row
// import's peak from 307–315 to 279 MB (ADR 0013), with no measurable slowdown. Passed to initdb
// too, so the data dir's postgresql.conf carries them for any other handle (backups, benchmarks).
const PGLITE_MEMORY_SETTINGS = [
  'shared_buffers=16MB',
  'max_connections=10',
  'work_mem=2MB',
  'maintenance_work_mem=16MB',
  'temp_buffers=2MB',
].flatMap((setting) => ['-c', setting]);

/**
 * Postgres in WASM is compiled by V8's baseline compiler only (Liftoff), not by its optimizing
 * compiler (TurboFan) as well. TurboFan's code for the hot parts of Postgres took 50–70 MB more
 * RSS in every process: a 100k-row import on PGlite peaked at 301 MB instead of 231 MB, over the
 * 300 MB of SPEC §11. What it buys is writes 15–20 % faster (docs/benchmarks.md).
 * PGLITE_OPTIMIZED_WASM=true chooses speed. V8 reads the flag when it compiles a module, so it
 * holds for the whole process from the first PGlite on.
 */
function chooseWasmCompiler(optimized: boolean): void {
  if (!optimized) v8.setFlagsFromString('--liftoff-only');
}

/**
 * The embedded database's files hold password and token hashes and the deployment's signing
 * secret. PGlite writes them with the process's umask (0666 files where the umask is 0), so the
 * folder itself is closed to other local users: nothing inside can be reached through it.
 */
export const PRIVATE_FOLDER = 0o700;

/** Closes a folder of ours to other local users (also one an older version made 0755). */
export async function keepPrivate(folder: string): Promise<void> {
  await chmod(folder, PRIVATE_FOLDER);
}

async function openPGlite(target: Extract<DatabaseTarget, { kind: 'pglite' }>): Promise<Database> {
  chooseWasmCompiler(target.optimizedWasm ?? false);
  let lock: DataDirLock | null = null;
  let pglite: PGlite;
  try {
    if (target.dataDir) {
      // PGlite does not create parent folders itself.
      await makeDirectory(target.dataDir, { mode: PRIVATE_FOLDER });
      await keepPrivate(target.dataDir);
      lock = lockDataDir(target.dataDir);
      if (!target.loadDataDir) await initPGliteDataDirInChildProcess(target.dataDir);
    }
    pglite = await PGlite.create({
      ...(target.dataDir ? { dataDir: target.dataDir } : {}),
      ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
      startParams: [...PGlite.defaultStartParams, ...PGLITE_MEMORY_SETTINGS],
      initDbStartParams: PGLITE_MEMORY_SETTINGS,
      parsers: { [INT8]: parseInt8, [NUMERIC]: (value: string) => value, [BYTEA]: parseBytea },
      serializers: { [BYTEA]: serializeBytea },
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
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
    // Holding the connection, as above: no transaction is half-way while the archive is taken.
    dumpDataDir: () => db.connection().execute(() => pglite.dumpDataDir('gzip')),
    async close() {
      try {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

const execFileAsync = promisify(execFile);

/**
 * Creates a missing data dir in a short-lived child process. PGlite's initdb runs two more WASM
 * Postgres instances beside the main one: done in-process it took peak RSS to ~940 MB (and ~490 MB
 * stayed after GC); this process then only ever resumes an existing data dir (~220 MB).
 */
async function initPGliteDataDirInChildProcess(dataDir: string): Promise<void> {
  const initialised = await access(path.join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  if (initialised) return;
  const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const script = `const { PGlite } = require(process.argv[1]);
PGlite.create({ dataDir: process.argv[2], initDbStartParams: JSON.parse(process.argv[3]) }).then((pg) => pg.close());`;
  await execFileAsync(process.execPath, [
    '-e',
    script,
    pgliteEntry,
    dataDir,
    JSON.stringify(PGLITE_MEMORY_SETTINGS),
  ]);
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

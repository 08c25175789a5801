// Shared pieces of the benchmarks: databases to measure on, a server child process, percentiles.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../src/db/client.ts';
import { HUB_BIN, hubNodeFlags } from './hub-node-flags.ts';

export const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const POSTGRES_SERVER =
  process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchTarget {
  readonly label: 'PGlite' | 'PostgreSQL';
  /** Environment for the app (HUB_DATA_DIR or DATABASE_URL). */
  readonly env: Record<string, string>;
  cleanup(): Promise<void>;
}

export async function pgliteTarget(): Promise<BenchTarget> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-bench-'));
  return { label: 'PGlite', env: { HUB_DATA_DIR: dataDir }, cleanup: async () => undefined };
}

/** A fresh database on the local PostgreSQL server, or null when none answers. */
export async function postgresTarget(): Promise<BenchTarget | null> {
  const name = `hub_bench_${randomBytes(4).toString('hex')}`;
  try {
    const admin = await openDatabase({ kind: 'postgres', url: POSTGRES_SERVER, poolSize: 1 });
    await admin.withScriptConnection((run) => run(`create database ${name}`));
    await admin.close();
  } catch (error) {
    console.log(`PostgreSQL not measured: ${(error as Error).message}`);
    return null;
  }
  const url = new URL(POSTGRES_SERVER);
  url.pathname = `/${name}`;
  return {
    label: 'PostgreSQL',
    env: { DATABASE_URL: url.toString(), HUB_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'hub-bench-')) },
    async cleanup() {
      const admin = await openDatabase({ kind: 'postgres', url: POSTGRES_SERVER, poolSize: 1 });
      await admin.withScriptConnection((run) => run(`drop database if exists ${name} with (force)`));
      await admin.close();
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface RunningServer {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  // With bin/hub's own Node flags (its shebang line), as `npm start` and an installed `hub` run.
  const child = spawn(process.execPath, [...hubNodeFlags(), HUB_BIN, 'serve'], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_API_PER_MINUTE: '100000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return {
    url,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * CPU time (user + system) a process has used so far, in milliseconds, from /proc (Linux); null
 * elsewhere. Sampled before and after a run, it tells the server's cost per request apart from the
 * load generator's, which shares the machine.
 */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    // USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK`).
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

export function format(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

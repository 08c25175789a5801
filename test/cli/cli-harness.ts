// Runs `hub …` in-process on a fresh test database, as a server runs a forwarded invocation:
// runCli(argv, bufferedIo, { runtime }), with an inline worker as the server has. Answers exit
// code, stdout and stderr.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';
import { bufferedIo } from '../../src/cli/io.ts';
import { loadConfig } from '../../src/config.ts';
import { jobDefinitions } from '../../src/jobs/registry.ts';
import { startWorker } from '../../src/jobs/worker.ts';
import type { Runtime } from '../../src/runtime.ts';
import { ensureDeployment } from '../../src/services/bootstrap/ensure-deployment.ts';
import { createTestDatabase } from '../helpers/database.ts';

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (fails the test when it is not). */
  json<T = unknown>(): T;
}

export interface TestCli {
  readonly runtime: Runtime;
  /** The directory relative file arguments are read from. */
  readonly cwd: string;
  hub(...argv: string[]): Promise<CliResult>;
}

export async function createTestCli(): Promise<TestCli & { close(): Promise<void> }> {
  const database = await createTestDatabase();
  const cwd = await mkdtemp(path.join(tmpdir(), 'hub-cli-test-'));
  const config = loadConfig({ HUB_DATA_DIR: cwd, LOG_LEVEL: 'silent' });
  const deployment = await ensureDeployment(database.db, undefined);
  const logger = pino({ level: 'silent' });
  const runtime: Runtime = {
    config,
    database,
    deployment,
    logger,
    createdDatabase: false,
    close: () => database.close(),
  };
  // Housekeeping off: `hub housekeeping` tests must find the rows it removes still there.
  const worker = startWorker({
    db: database.db,
    logger,
    definitions: jobDefinitions,
    pollIntervalMs: 50,
    housekeepingIntervalMs: 0,
  });
  return {
    runtime,
    cwd,
    async hub(...argv) {
      const io = bufferedIo(cwd);
      const exitCode = await runCli(argv, io, { runtime });
      return {
        exitCode,
        stdout: io.stdout,
        stderr: io.stderr,
        json<T>() {
          try {
            return JSON.parse(io.stdout) as T;
          } catch {
            throw new Error(`stdout is not JSON (exit ${exitCode}):\n${io.stdout}\nstderr:\n${io.stderr}`);
          }
        },
      };
    },
    async close() {
      await worker.stop();
      await database.close();
    },
  };
}

/** One CLI on one database for the whole test file. */
export function useTestCli(): () => TestCli {
  let cli: (TestCli & { close(): Promise<void> }) | undefined;
  beforeAll(async () => {
    cli = await createTestCli();
  });
  afterAll(async () => {
    await cli?.close();
  });
  return () => {
    if (!cli) throw new Error('The test CLI exists only inside tests and hooks');
    return cli;
  };
}

const CONFIG_KEYS = ['DATABASE_URL', 'HUB_DATA_DIR', 'LOG_LEVEL', 'HUB_WORKER', 'PORT'] as const;

/**
 * Runs `hub …` in-process as bin/hub does (no lent runtime: the command opens the database the
 * environment names), with `env` as the process environment for the duration of the call.
 */
export async function runHubWithEnv(
  env: Partial<Record<(typeof CONFIG_KEYS)[number], string>>,
  cwd: string,
  argv: readonly string[],
): Promise<CliResult> {
  const saved = new Map(CONFIG_KEYS.map((key) => [key, process.env[key]]));
  for (const key of CONFIG_KEYS) {
    const value = env[key] ?? (key === 'LOG_LEVEL' ? 'silent' : undefined);
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    const io = bufferedIo(cwd);
    const exitCode = await runCli(argv, io);
    return {
      exitCode,
      stdout: io.stdout,
      stderr: io.stderr,
      json<T>() {
        try {
          return JSON.parse(io.stdout) as T;
        } catch {
          throw new Error(`stdout is not JSON (exit ${exitCode}):\n${io.stdout}\nstderr:\n${io.stderr}`);
        }
      },
    };
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

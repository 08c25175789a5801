// Runs a real `bin/hub` child process (or another launcher of the same CLI) on an embedded data dir,
// for tests of what only a process shows: its exit code, and how it takes SIGINT and SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { ServerDiscovery } from '../../src/server-discovery.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export const HUB_BIN = path.join(root, 'bin', 'hub');

export interface HubRun {
  /** The exit code; null when a signal ended the process. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface HubChildOptions {
  readonly dataDir: string;
  readonly cwd: string;
  /** Added to the environment (HUB_DATA_DIR, LOG_LEVEL=warn, no DATABASE_URL). */
  readonly env?: NodeJS.ProcessEnv;
  /** The launcher to run (default bin/hub). */
  readonly bin?: string;
}

export interface HubChild {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has ended. */
  readonly ended: Promise<HubRun>;
}

export function startHub(argv: readonly string[], options: HubChildOptions): HubChild {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HUB_DATA_DIR: options.dataDir,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [options.bin ?? HUB_BIN, ...argv], { cwd: options.cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<HubRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, ended };
}

/**
 * Runs `hub argv` to its end. `signal`: sent once (`send`) when the process's stderr matches
 * `ready`, or when `when()` says so (checked as the process writes, and every 50 ms).
 */
export async function runHub(
  argv: readonly string[],
  options: HubChildOptions & {
    readonly signal?: {
      readonly send: NodeJS.Signals;
      readonly ready?: RegExp;
      readonly when?: () => boolean;
    };
  },
): Promise<HubRun> {
  const run = startHub(argv, options);
  const { signal } = options;
  if (!signal) return run.ended;
  let done = false;
  void run.ended.then(() => (done = true));
  const isReady = () =>
    (signal.ready === undefined || signal.ready.test(run.stderr())) && (signal.when?.() ?? true);
  while (!done && !isReady()) await Promise.race([sleep(50), run.ended]);
  if (!done) run.child.kill(signal.send);
  return run.ended;
}

/** A `hub serve` child on a port of its own; resolves once it wrote its discovery file. */
export async function startServer(
  options: HubChildOptions,
): Promise<HubChild & { discovery: ServerDiscovery; output(): string }> {
  const server = startHub(['serve'], { ...options, env: { PORT: '0', HOST: '127.0.0.1', ...options.env } });
  const output = () => server.stdout() + server.stderr();
  for (let attempt = 0; attempt < 1800; attempt += 1) {
    if (server.child.exitCode !== null)
      throw new Error(`hub serve exited with ${server.child.exitCode}:\n${output()}`);
    const discovery = await readFile(path.join(options.dataDir, 'server.json'), 'utf8').then(
      (text) => JSON.parse(text) as ServerDiscovery,
      () => null,
    );
    if (discovery) return { ...server, discovery, output };
    await sleep(100);
  }
  throw new Error(`hub serve wrote no server.json:\n${output()}`);
}

// `hub worker --help` said only "Run a background worker only": not that a worker beside a server
// needs PostgreSQL (on the embedded database the server runs the jobs itself and holds the data dir,
// so a worker started beside it is refused), nor what it reads from the environment or how it stops.
// A newcomer following `hub <command> --help` (README) could not tell where a worker fits.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runHubWithEnv, type CliResult } from './cli-harness.ts';

let workDir = '';
let help: CliResult;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-worker-help-'));
  help = await runHubWithEnv({ HUB_DATA_DIR: path.join(workDir, 'data') }, workDir, ['worker', '--help']);
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

it('exits 0 with the help on stdout', () => {
  expect(help.exitCode).toBe(0);
  expect(help.stdout).toContain('Usage: hub worker [options]');
});

it('says a worker beside servers needs PostgreSQL and servers started with HUB_WORKER=off', () => {
  expect(help.stdout).toContain('DATABASE_URL');
  expect(help.stdout).toContain('HUB_WORKER=off');
  expect(help.stdout).toMatch(/embedded database[^.]*server[^.]*runs the jobs itself/);
});

it('names what it reads from the environment and how it stops', () => {
  for (const variable of ['JOB_LOCK_SECONDS', 'WORKER_CUSTOMER_LOOPS', 'LOG_LEVEL', 'HOST'])
    expect(help.stdout).toContain(variable);
  expect(help.stdout).toContain('SIGTERM');
  expect(help.stdout).toContain('hub worker --probe-port 9464');
});

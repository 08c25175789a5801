// Ctrl+C (SIGINT) or SIGTERM on `hub users import` with no server: the CLI runs the import's job
// itself, so it stops that worker (the job goes back to the queue, as `hub worker` does at
// shutdown), prints the import's id and how to resume it, and exits 130 / 143. It used to die
// without a word, leaving the job locked for JOB_LOCK_SECONDS. The locks here last a day: a job
// left locked would make the resuming `import-status --wait` hang until the test limit.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SETUP_COMMANDS } from '../helpers/fixture-setup-commands.ts';
import { runHub, type HubRun } from './hub-child.ts';
import { prepareMigratedDataDir } from './migrated-data-dir.ts';

/** Large enough that the import still runs when the signal comes (seconds, not milliseconds). */
const ROWS = 40_000;

let workDir = '';
let dataDir = '';

/** Runs bin/hub with day-long job locks; sends it `signal` once its stderr shows `ready`. */
function hub(argv: readonly string[], signal?: { ready: RegExp; send: NodeJS.Signals }): Promise<HubRun> {
  return runHub(argv, {
    dataDir,
    cwd: workDir,
    env: { JOB_LOCK_SECONDS: '86400' },
    ...(signal ? { signal } : {}),
  });
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-import-interrupt-'));
  dataDir = path.join(workDir, 'data');
  await prepareMigratedDataDir(dataDir);
  const customer = FIXTURE_SETUP_COMMANDS[0] ?? [];
  const created = await hub(customer);
  expect(created.code, created.stderr).toBe(0);
  const lines = ['User ID/Email (Required),First Name,Last Name,Webex Meetings'];
  for (let index = 0; index < ROWS; index += 1) lines.push(`user${index}@devries.example,User,${index},TRUE`);
  await writeFile(path.join(workDir, 'big.csv'), `${lines.join('\n')}\n`);
}, 300_000);

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('stopping a direct import', { timeout: 600_000 }, () => {
  for (const [send, exitCode] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${send}: says which import and how to resume it, exits ${exitCode}, and the job resumes at once`, async () => {
      const stopped = await hub(['users', 'import', 'big.csv', '--customer', 'DEVRIES-001', '--json'], {
        ready: /Import [\w-]+ uploaded; waiting for it/,
        send,
      });
      expect(stopped.code, stopped.stderr).toBe(exitCode);
      const importId = /Import ([\w-]+) uploaded/.exec(stopped.stderr)?.[1] ?? '';
      // --json: what to follow, as an object a script reads.
      expect(JSON.parse(stopped.stdout)).toEqual({
        stoppedWaiting: true,
        signal: send,
        work: { kind: 'import', id: importId, customerId: expect.any(String) },
        continuesInBackground: false,
        check: expect.stringMatching(
          new RegExp(`^hub users import-status ${importId} --customer \\S+ --wait$`),
        ),
      });
      expect(stopped.stderr).toContain(`Stopped waiting. The import ${importId} is not done`);
      expect(stopped.stderr).toMatch(
        new RegExp(`Resume and follow it with: hub users import-status ${importId} --customer \\S+ --wait\n`),
      );
      expect(stopped.stderr).not.toContain('Error:');

      // The job went back to the queue: with day-long locks, a locked job would hang this run.
      const resumed = await hub([
        'users',
        'import-status',
        importId,
        '--customer',
        'DEVRIES-001',
        '--wait',
        '--json',
      ]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).not.toContain('locked by another process');
      const result = JSON.parse(resumed.stdout) as { status: string; rows: unknown[] };
      expect(result.status).toMatch(/^completed/);
      expect(result.rows).toHaveLength(ROWS);
    });
  }
});

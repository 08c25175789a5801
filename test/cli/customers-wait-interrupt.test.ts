// Ctrl+C (SIGINT) or SIGTERM on a `hub customers create|delete` that waits for its job, as a real
// process. The downstream does not answer (the held-downstream hook), so the job is mid-step when
// the signal comes. With no server, the CLI runs the job itself: it stops its worker, gives the
// job back to the queue (a second CLI resumes it at once: the locks here last a day), names the
// customer and the command that resumes it, and exits 130 / 143. Forwarded to a server, the job
// goes on there: the CLI says so and how to check on it. Both used to die without a word (direct)
// or name only the command line (forwarded).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerView } from '../../src/services/customers/customer-view.ts';
import { runHub, startHub, startServer, type HubChildOptions, type HubRun } from './hub-child.ts';
import { prepareMigratedDataDir } from './migrated-data-dir.ts';

const HELD_HUB = fileURLToPath(new URL('./held-downstream/hub-held.mjs', import.meta.url));

let workDir = '';
let holdFile = '';

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-customers-interrupt-'));
  holdFile = path.join(workDir, 'hold-downstream');
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function createArgs(externalId: string): string[] {
  return [
    'customers',
    'create',
    '--name',
    `Customer ${externalId}`,
    '--external-id',
    externalId,
    '--admin-email',
    `beheer@${externalId.toLowerCase()}.example`,
    '--country',
    'NL',
    '--packages',
    'webex_calling',
    '--json',
  ];
}

/** Day-long locks: a job left claimed would make the resuming command time out. */
const LONG_LOCKS = { JOB_LOCK_SECONDS: '86400' };

function parseJson(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('with no server: the CLI runs the job, stops it and gives it back', { timeout: 600_000 }, () => {
  let options: HubChildOptions;

  beforeAll(async () => {
    const dataDir = path.join(workDir, 'direct');
    await prepareMigratedDataDir(dataDir);
    options = { dataDir, cwd: workDir, env: { ...LONG_LOCKS, HUB_TEST_DOWNSTREAM_HOLD: holdFile } };
  }, 300_000);

  it('SIGINT on customers create: names the customer and how to resume it, exit 130; it resumes at once', async () => {
    await writeFile(holdFile, '');
    const stopped = await runHub(createArgs('INT-001'), {
      ...options,
      bin: HELD_HUB,
      signal: { send: 'SIGINT', ready: /downstream held: create_org/ },
    });
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toContain(
      'Stopped waiting. Customer INT-001 is still provisioning: its job went back to the queue and goes on when a worker runs',
    );
    expect(stopped.stderr).toContain('Resume and follow it with: hub customers get INT-001 --wait\n');
    expect(stopped.stderr).not.toMatch(/Error|\n\s+at /);
    expect(parseJson(stopped.stdout)).toMatchObject({
      stoppedWaiting: true,
      signal: 'SIGINT',
      work: { kind: 'customer-provisioning', externalId: 'INT-001' },
      status: 'provisioning',
      continuesInBackground: false,
      check: 'hub customers get INT-001 --wait',
    });

    // Its job is in the queue again, not locked for a day: the resume provisions it.
    await rm(holdFile);
    const resumed = await runHub(
      ['customers', 'get', 'INT-001', '--wait', '--timeout', '120', '--json'],
      options,
    );
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(parseJson(resumed.stdout).status).toBe('provisioned');
  });

  it('SIGTERM on customers delete: says it is still being deleted and how to resume, exit 143', async () => {
    const created = await runHub(createArgs('INT-002'), options);
    expect(created.code, created.stderr).toBe(0);
    await writeFile(holdFile, '');
    const stopped = await runHub(['customers', 'delete', 'INT-002'], {
      ...options,
      bin: HELD_HUB,
      signal: { send: 'SIGTERM', ready: /downstream held: delete_org/ },
    });
    expect(stopped.code, stopped.stderr).toBe(143);
    expect(stopped.stdout).toBe('');
    expect(stopped.stderr).toContain(
      'Stopped waiting. Customer INT-002 is still being deleted: its job went back',
    );
    expect(stopped.stderr).toContain('hub customers get INT-002 --wait\n');
    expect(stopped.stderr).not.toMatch(/Error|\n\s+at /);

    await rm(holdFile);
    const resumed = await runHub(['customers', 'get', 'INT-002', '--wait', '--timeout', '120'], options);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toBe('Deleted customer INT-002\n');
  });
});

describe('forwarded to a server: the job goes on there', { timeout: 600_000 }, () => {
  let options: HubChildOptions;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;

  beforeAll(async () => {
    const dataDir = path.join(workDir, 'forwarded');
    await prepareMigratedDataDir(dataDir);
    options = { dataDir, cwd: workDir, env: LONG_LOCKS };
    server = await startServer({ ...options, bin: HELD_HUB, env: { HUB_TEST_DOWNSTREAM_HOLD: holdFile } });
  }, 300_000);

  /**
   * Runs `hub argv` (sent to the server) and sends it `signal` once the server holds `step`
   * downstream and, after that, a second CLI found the customer mid-way (`status`) through the same
   * server: the event naming the work went to the first CLI before the step began, and the server
   * has answered a whole other command since.
   */
  async function stopWhenHeld(
    argv: readonly string[],
    step: string,
    status: string,
    signal: NodeJS.Signals,
  ): Promise<HubRun> {
    const run = startHub(argv, options);
    for (let look = 0; look < 6000 && !server?.output().includes(`downstream held: ${step}`); look += 1)
      await sleep(50);
    const meanwhile = await runHub(['customers', 'get', 'FWD-001', '--json'], options);
    expect((JSON.parse(meanwhile.stdout) as CustomerView).status).toBe(status);
    run.child.kill(signal);
    return run.ended;
  }

  afterAll(async () => {
    if (!server) return;
    // A step still held would hold the server's shutdown (its worker waits for the running job).
    await rm(holdFile, { force: true });
    server.child.kill('SIGTERM');
    await server.ended;
  }, 300_000);

  it('SIGINT on customers create: the customer keeps provisioning in the server, with how to check on it; exit 130', async () => {
    const pid = server?.discovery.pid;
    await writeFile(holdFile, '');
    const stopped = await stopWhenHeld(createArgs('FWD-001'), 'create_org', 'provisioning', 'SIGINT');
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toBe(
      `Stopped waiting. Customer FWD-001 is still provisioning in the server (pid ${pid}), which finishes it. ` +
        'Check on it with: hub customers get FWD-001\n',
    );
    expect(parseJson(stopped.stdout)).toMatchObject({
      stoppedWaiting: true,
      signal: 'SIGINT',
      work: { kind: 'customer-provisioning', externalId: 'FWD-001' },
      continuesInBackground: true,
      check: 'hub customers get FWD-001',
    });

    // It goes on in the server once the downstream answers.
    await rm(holdFile);
    const checked = await runHub(['customers', 'get', 'FWD-001', '--wait', '--json'], options);
    expect(checked.code, checked.stderr).toBe(0);
    expect((JSON.parse(checked.stdout) as CustomerView).status).toBe('provisioned');
  });

  it('SIGTERM on customers delete: the deletion goes on in the server; exit 143', async () => {
    await writeFile(holdFile, '');
    const stopped = await stopWhenHeld(
      ['customers', 'delete', 'FWD-001'],
      'delete_org',
      'deleting',
      'SIGTERM',
    );
    expect(stopped.code, stopped.stderr).toBe(143);
    expect(stopped.stderr).toContain('Customer FWD-001 is still being deleted in the server');
    expect(stopped.stderr).toContain('Check on it with: hub customers get FWD-001\n');

    await rm(holdFile);
    // Gone once the downstream answers (looked at a bounded number of times).
    let listed: CustomerView[] = [];
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const list = await runHub(['customers', 'list', '--json'], options);
      listed = JSON.parse(list.stdout) as CustomerView[];
      if (!listed.some((customer) => customer.externalId === 'FWD-001')) break;
    }
    expect(listed.map((customer) => customer.externalId)).not.toContain('FWD-001');
  });
});

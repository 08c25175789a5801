// A forwarded `hub users import` waits for its import's job in the server. When the server begins
// to stop (SIGTERM: the CLI listener closes), the command stops waiting at once: the CLI hears that
// the import goes back to the queue and how to follow it, and exits 1 (SPEC §9: not done). Before,
// the command held its connection, and the listener's close() and the worker's stop behind it,
// until the job ended: 2 min 17 s for 100,000 rows. No worker runs here, so the job never ends:
// a close() that waited for it would never resolve.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startCliListener, type CliListener } from '../../src/cli/cli-listener.ts';
import { EXIT_FAILED, EXIT_OK } from '../../src/cli/exit-codes.ts';
import { forwardToServer } from '../../src/cli/forward-to-server.ts';
import { bufferedIo, type AwaitedWork, type CliIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import type { Runtime } from '../../src/runtime.ts';
import { writeDiscovery } from '../../src/server-discovery.ts';
import { IMPORT_JOB_KIND } from '../../src/services/imports/import-job-kind.ts';
import { ensureDeployment } from '../../src/services/bootstrap/ensure-deployment.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const SECRET = 'the-discovery-file-secret';

let dataDir = '';
let database: Database | undefined;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hub-cli-stopping-'));
});

afterEach(async () => {
  await database?.close();
  database = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

async function serverWithoutWorker(onAwaiting: (work: AwaitedWork) => void): Promise<{
  listener: CliListener;
  runtime: Runtime;
}> {
  database = await createTestDatabase();
  const config = loadConfig({ HUB_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const deployment = await ensureDeployment(database.db, undefined);
  const runtime: Runtime = {
    config,
    database,
    deployment,
    logger: pino({ level: 'silent' }),
    createdDatabase: false,
    close: async () => undefined,
  };
  const listener = await startCliListener({
    cliSecret: SECRET,
    run: (argv, io) => {
      const watched: CliIo = {
        ...io,
        awaiting: (work) => {
          io.awaiting(work);
          onAwaiting(work);
        },
      };
      return runCli(argv, watched, { runtime });
    },
  });
  await writeDiscovery(dataDir, {
    pid: process.ppid,
    url: 'http://127.0.0.1:9',
    cliUrl: listener.url,
    cliSecret: SECRET,
  });
  return { listener, runtime };
}

it(
  'stops waiting for an import when the listener closes: the CLI is told how to follow it, exit 1',
  { timeout: 120_000 },
  async () => {
    let awaited: (work: AwaitedWork) => void = () => undefined;
    const waiting = new Promise<AwaitedWork>((resolve) => (awaited = resolve));
    const { listener, runtime } = await serverWithoutWorker((work) => awaited(work));
    const customer = await createTestCustomer(runtime.database.db, runtime.deployment.defaultPartner.id, {
      provision: true,
    });
    const file = path.join(dataDir, 'users.csv');
    await writeFile(
      file,
      ['User ID/Email (Required),First Name,Last Name,Webex Meetings', 'ann@stop.example,Ann,Smit,TRUE'].join(
        '\n',
      ),
    );

    const io = bufferedIo(dataDir);
    const forwarded = forwardToServer(
      loadConfig({ HUB_DATA_DIR: dataDir }),
      ['users', 'import', file, '--customer', customer.id],
      io,
    );
    const work = await waiting;
    if (work.kind !== 'import') throw new Error(`waited for ${work.kind}, not an import`);
    await listener.close();
    expect(await listener.drain(10_000)).toBe(true);

    const exitCode = await forwarded;
    expect(exitCode).toBe(EXIT_FAILED);
    expect(io.stderr).toContain('The server is stopping');
    expect(io.stderr).toContain(`import ${work.id} is not done`);
    expect(io.stderr).toContain(`hub users import-status ${work.id} --customer ${customer.id} --wait`);
    // The job is still there, for a worker to take when one runs again.
    const job = await runtime.database.db
      .selectFrom('jobs')
      .select('status')
      .where('kind', '=', IMPORT_JOB_KIND)
      .executeTakeFirst();
    expect(job?.status).toBe('queued');
  },
);

it('lets a command that waits for nothing finish as it would', { timeout: 120_000 }, async () => {
  const { listener } = await serverWithoutWorker(() => undefined);
  const io = bufferedIo(dataDir);
  const exitCode = await forwardToServer(
    loadConfig({ HUB_DATA_DIR: dataDir }),
    ['customers', 'list', '--json'],
    io,
  );
  await listener.close();
  expect(exitCode, io.stderr).toBe(EXIT_OK);
  expect(JSON.parse(io.stdout)).toEqual(expect.anything());
});

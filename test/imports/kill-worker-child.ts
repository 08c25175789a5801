// Child process of import-kill.test.ts: a `hub worker`-like process on PostgreSQL that runs the
// import jobs until its parent kills it with SIGKILL.
import pino from 'pino';
import { openDatabase } from '../../src/db/client.ts';
import { jobDefinitions } from '../../src/jobs/registry.ts';
import { startWorker } from '../../src/jobs/worker.ts';

const url = process.argv[2];
if (!url) throw new Error('usage: kill-worker-child.ts <database url>');
const database = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
startWorker({
  db: database.db,
  logger: pino({ level: 'silent' }),
  definitions: jobDefinitions,
  pollIntervalMs: 20,
  lockSeconds: 2,
});
process.stdout.write('ready\n');

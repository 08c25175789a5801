// A worker says its id when it starts: `jobs.locked_by` holds that id, and an operator looking at
// a job held by a silent process could not tell which of the nodes' processes it was.
import { expect, it } from 'vitest';
import { startWorker } from '../../src/jobs/worker.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { capturedLog } from './worker-test-kit.ts';

const database = useTestDatabase();

it('logs the worker id and the process at start', async () => {
  const { logger, lines } = capturedLog();
  const worker = startWorker({
    db: database().db,
    logger,
    definitions: [],
    housekeepingIntervalMs: 0,
  });
  await worker.stop();
  expect(lines).toContainEqual(
    expect.objectContaining({ msg: 'worker started', workerId: worker.id, pid: process.pid }),
  );
});

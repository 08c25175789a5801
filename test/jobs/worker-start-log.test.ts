// A worker says its id when it starts: `jobs.locked_by` holds that id, and an operator looking at
// a job held by a silent process could not tell which of the nodes' processes it was.
import { Writable } from 'node:stream';
import pino from 'pino';
import { expect, it } from 'vitest';
import { startWorker } from '../../src/jobs/worker.ts';
import { useTestDatabase } from '../helpers/database.ts';

const database = useTestDatabase();

it('logs the worker id and the process at start', async () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const worker = startWorker({
    db: database().db,
    logger: pino({ level: 'info' }, sink),
    definitions: [],
    housekeepingIntervalMs: 0,
  });
  await worker.stop();
  expect(lines).toContainEqual(
    expect.objectContaining({ msg: 'worker started', workerId: worker.id, pid: process.pid }),
  );
});

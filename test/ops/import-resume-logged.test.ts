// An import that resumes after a crash (a kill between batches: `applied_through_row > 0`) says
// so in the job's log: one info line naming the import, its customer and the row it resumes
// after. It started again without a word, so an operator saw a job run twice and could not tell a
// resume from a new import.
import type { Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { findImportById } from '../../src/db/repositories/import-jobs.ts';
import { importUsersJob } from '../../src/jobs/definitions/import-users.job.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import { capturedLog } from '../jobs/worker-test-kit.ts';
import { createImport } from '../../src/services/imports/create-import.ts';
import { runImport } from '../../src/services/imports/run-import.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { bytesBody, createGeneratedCustomer, type GeneratedCustomer } from '../imports/import-setup.ts';

const RESUMES = /resum/i;

class SimulatedCrash extends Error {}

function file(prefix: string, rows: number): Uint8Array {
  const header =
    'User ID/Email (Required),Title,Webex Meetings,Jabber Calling,Jabber with Webex Teams,Preferred Webex Site\n';
  const body = Array.from({ length: rows }, (_, i) => `${prefix}${i}@resume.example,T,TRUE,FALSE,FALSE,s`);
  return new TextEncoder().encode(`${header}${body.join('\n')}\n`);
}

describe('an import resumed after a crash', () => {
  let database: Database;
  let customer: GeneratedCustomer;

  beforeAll(async () => {
    database = await createTestDatabase();
    customer = await createGeneratedCustomer(database, {
      externalId: 'RESUME-LOG',
      locationCount: 1,
      numbersPerLocation: 10,
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  function upload(prefix: string) {
    return createImport(customer.context, {
      customerRef: customer.customerId,
      dryRun: false,
      behaviour: 'add-only',
      body: bytesBody(file(prefix, 250)),
    });
  }

  function runWorker(logger: Logger): Promise<number> {
    return createWorker({
      db: database.db,
      logger,
      definitions: [importUsersJob],
      housekeepingIntervalMs: 0,
    }).drain();
  }

  it('logs one info line naming the import, its customer and the row it resumes after', async () => {
    const crashed = await upload('crash');
    // The first run dies after its first committed batch, as a kill between batches leaves it.
    await expect(
      runImport(database.db, crashed.id, {
        batchSize: 100,
        afterBatchCommitted: () => {
          throw new SimulatedCrash('killed');
        },
      }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    const stopped = await findImportById(database.db, crashed.id);
    const appliedThroughRow = stopped?.applied_through_row;
    const status = stopped?.status;
    expect(status).toBe('applying');
    expect(appliedThroughRow).toBeGreaterThan(0);

    // The worker takes the import's job and resumes it.
    const log = capturedLog();
    expect(await runWorker(log.logger)).toBe(1);
    const resumed = log.lines.filter((line) => RESUMES.test(line.msg));
    expect(resumed, JSON.stringify(log.lines)).toHaveLength(1);
    expect(resumed[0]).toMatchObject({
      level: 30,
      importId: crashed.id,
      customerId: customer.customerId,
      resumesAfterRow: appliedThroughRow,
      // The job runner's logger: the line carries the job it belongs to.
      jobKind: importUsersJob.kind,
    });
    expect(resumed[0]?.['jobId']).toEqual(expect.any(String));
    const done = await findImportById(database.db, crashed.id);
    expect(done?.status).toBe('completed');
  });

  it('logs no such line for an import that runs from its start', async () => {
    await upload('fresh');
    const log = capturedLog();
    expect(await runWorker(log.logger)).toBe(1);
    expect(log.lines.filter((line) => RESUMES.test(line.msg))).toEqual([]);
    expect(log.lines.some((line) => line.msg === 'job succeeded')).toBe(true);
  });
});

// Crash-resume, ordering and idempotence of import jobs, on the real database(s).
// A crash is simulated after a committed batch (as a kill between batches would leave it) and
// inside a batch's transaction (as a kill mid-batch would: nothing of that batch commits).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { createImport } from '../../src/services/imports/create-import.ts';
import { runImport } from '../../src/services/imports/run-import.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { collectOutcome, drainJobs } from './import-helpers.ts';
import { bytesBody, createGeneratedCustomer, type GeneratedCustomer } from './import-setup.ts';
import { GENERATED_HEADER, generatedRow, type GenerateOptions } from './generate-users-csv.ts';

const ROWS = 1200;

/** The generated file plus trouble: duplicates across batch boundaries and a few bad rows. */
function resumeFile(locations: GenerateOptions['locations']): Uint8Array {
  const options: GenerateOptions = { rows: ROWS, locations };
  const lines = [GENERATED_HEADER.join(',')];
  for (let index = 0; index < ROWS; index += 1) {
    let cells = generatedRow(index, options);
    if (index % 250 === 249) cells = generatedRow(index - 200, options); // duplicate email of an earlier batch
    if (index % 333 === 0)
      cells = cells.map((cell, column) => (column === 9 ? cell : column === 12 ? 'MAYBE' : cell));
    lines.push(cells.map((cell) => (/[",]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(','));
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

async function snapshot(database: Database, customerId: string) {
  const users = await database.db
    .selectFrom('users as u')
    .leftJoin('locations as l', 'l.id', 'u.location_id')
    .select([
      'u.email',
      'u.package',
      'u.extension',
      'u.phone_number',
      'l.name as location',
      'u.last_name',
      'u.basic_messaging',
      'u.jabber_calling',
    ])
    .where('u.customer_id', '=', customerId)
    .orderBy('u.email')
    .execute();
  const audits = await database.db
    .selectFrom('audit_events')
    .select(({ fn }) => fn.countAll<number>().as('count'))
    .where('customer_id', '=', customerId)
    .executeTakeFirstOrThrow();
  return { users, audits: Number(audits.count) };
}

class SimulatedCrash extends Error {}

describe('import jobs: crash-resume, ordering, idempotence', () => {
  let interrupted: Database;
  let reference: Database;
  let crashedCustomer: GeneratedCustomer;
  let referenceCustomer: GeneratedCustomer;
  let file: Uint8Array;

  beforeAll(async () => {
    interrupted = await createTestDatabase();
    reference = await createTestDatabase();
    const setup = { externalId: 'RESUME', locationCount: 3, numbersPerLocation: 500 };
    crashedCustomer = await createGeneratedCustomer(interrupted, setup);
    referenceCustomer = await createGeneratedCustomer(reference, setup);
    file = resumeFile(crashedCustomer.locations);
  });
  afterAll(async () => {
    await interrupted?.close();
    await reference?.close();
  });

  it('resumes after a crash and ends exactly like an uninterrupted run', async () => {
    const upload = (customer: GeneratedCustomer) =>
      createImport(customer.context, {
        customerRef: customer.customerId,
        dryRun: false,
        behaviour: 'add-only',
        body: bytesBody(file, 4096),
      });

    const expected = await upload(referenceCustomer);
    await runImport(reference.db, expected.id, { batchSize: 100 });

    const crashed = await upload(crashedCustomer);
    // First attempt dies after the fourth committed batch.
    let batches = 0;
    await expect(
      runImport(interrupted.db, crashed.id, {
        batchSize: 100,
        afterBatchCommitted: () => {
          batches += 1;
          if (batches === 4) throw new SimulatedCrash('killed');
        },
      }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    const midway = await collectOutcome(crashedCustomer.context, crashedCustomer.customerId, crashed.id);
    expect(midway.view.status).toBe('applying');
    expect(midway.rows).toHaveLength(400);
    const midwayUsers = (await snapshot(interrupted, crashedCustomer.customerId)).users.length;
    expect(midwayUsers).toBeGreaterThan(300);

    // Second attempt dies inside the transaction of a batch: that batch must leave no trace.
    await expect(
      runImport(interrupted.db, crashed.id, {
        batchSize: 100,
        beforeBatchCommit: () => {
          throw new SimulatedCrash('killed again');
        },
      }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    const afterRollback = await collectOutcome(
      crashedCustomer.context,
      crashedCustomer.customerId,
      crashed.id,
    );
    expect(afterRollback.rows).toHaveLength(400);
    expect((await snapshot(interrupted, crashedCustomer.customerId)).users.length).toBe(midwayUsers);

    // The worker picks the job up again and finishes it.
    await interrupted.db
      .updateTable('jobs')
      .set({ run_at: new Date(0) })
      .execute();
    await runImport(interrupted.db, crashed.id, { batchSize: 100 });

    const got = await collectOutcome(crashedCustomer.context, crashedCustomer.customerId, crashed.id);
    const want = await collectOutcome(referenceCustomer.context, referenceCustomer.customerId, expected.id);
    expect(got.view.status).toBe(want.view.status);
    expect(got.view.counts).toEqual(want.view.counts);
    expect(got.byRow).toEqual(want.byRow);
    expect(got.rows.map((row) => row.messages)).toEqual(want.rows.map((row) => row.messages));
    expect(Object.values(got.byRow).filter((action) => action === 'error').length).toBeGreaterThan(5);
    expect(got.rows.find((row) => row.row === 251)?.messages[0]).toMatch(/already used in row 51/);

    const [gotState, wantState] = [
      await snapshot(interrupted, crashedCustomer.customerId),
      await snapshot(reference, referenceCustomer.customerId),
    ];
    expect(gotState.users.length).toBe(want.view.counts.add);
    expect(gotState).toEqual(wantState);
  });

  it('re-importing the same file gives only unchanged', async () => {
    const again = await createImport(crashedCustomer.context, {
      customerRef: crashedCustomer.customerId,
      dryRun: false,
      behaviour: 'add-only',
      body: bytesBody(file),
    });
    await drainJobs(interrupted);
    const outcome = await collectOutcome(crashedCustomer.context, crashedCustomer.customerId, again.id);
    const actions = new Set(Object.values(outcome.byRow));
    // Rows that failed before fail again the same way; every other row is unchanged.
    expect(actions).toEqual(new Set(['unchanged', 'error']));
    expect(outcome.view.counts.add + outcome.view.counts.modify + outcome.view.counts.remove).toBe(0);
  });

  it('runs the jobs of one customer strictly in upload order, even with two workers', async () => {
    const header =
      'User ID/Email (Required),Title,Webex Meetings,Jabber Calling,Jabber with Webex Teams,Preferred Webex Site\n';
    const first = `${header}${Array.from({ length: 300 }, (_, i) => `order${i}@bench.example,First,TRUE,FALSE,FALSE,s`).join('\n')}\n`;
    const second = `${header}${Array.from({ length: 300 }, (_, i) => `order${i}@bench.example,Second,TRUE,FALSE,FALSE,s`).join('\n')}\n`;
    const upload = (text: string) =>
      createImport(crashedCustomer.context, {
        customerRef: crashedCustomer.customerId,
        dryRun: false,
        behaviour: 'add-only',
        body: bytesBody(new TextEncoder().encode(text)),
      });
    const a = await upload(first);
    const b = await upload(second);
    await Promise.all([drainJobs(interrupted), drainJobs(interrupted)]);
    const outcomeA = await collectOutcome(crashedCustomer.context, crashedCustomer.customerId, a.id);
    const outcomeB = await collectOutcome(crashedCustomer.context, crashedCustomer.customerId, b.id);
    expect(new Set(Object.values(outcomeA.byRow))).toEqual(new Set(['add']));
    expect(new Set(Object.values(outcomeB.byRow))).toEqual(new Set(['modify']));
    const titles = await interrupted.db
      .selectFrom('users')
      .select('title')
      .where('email', 'like', 'order%')
      .distinct()
      .execute();
    expect(titles).toEqual([{ title: 'Second' }]);
  });
});

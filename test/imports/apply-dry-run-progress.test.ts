// Applying a finished dry run starts the import's progress and counts afresh: until its first batch
// commits, nothing is applied, and an admin who cancels before then must read that nothing was, not
// the dry run's "6,000 of 6,000" and its planned counts as if they had been applied.
import { describe, expect, it } from 'vitest';
import { createImport } from '../../src/services/imports/create-import.ts';
import {
  applyDryRun,
  cancelImport,
  getImport,
  listImportRowViews,
} from '../../src/services/imports/import-queries.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { drainJobs } from './import-helpers.ts';
import { bytesBody, createFixtureCustomer, type FixtureCustomer } from './import-setup.ts';

const HEADER =
  'User ID/Email (Required),First Name,Title,Phone Number,Extension,Location,Webex Calling,Webex Meetings,Jabber with Webex Teams,Jabber Calling,Preferred Webex Site';
const callingRow = (email: string, number: string, extension: string) =>
  `${email},,,${number},${extension},Amsterdam HQ,TRUE,,FALSE,FALSE,s.webex.com`;
const csv = (...rows: string[]) => new TextEncoder().encode(`${[HEADER, ...rows].join('\n')}\n`);
const nothingCounted = { add: 0, modify: 0, remove: 0, unchanged: 0, error: 0, warning: 0 };

describe('applying a dry run', () => {
  const database = useTestDatabase();

  let customer: FixtureCustomer | undefined;

  /** A validated dry run adding two users (numbers of their own per call), of one fixture customer. */
  async function validatedDryRun(first: number) {
    customer ??= await createFixtureCustomer(database());
    const dry = await createImport(customer.context, {
      customerRef: customer.customerId,
      behaviour: 'add-only',
      dryRun: true,
      fileName: 'test.csv',
      body: bytesBody(
        csv(
          callingRow(`p${first}@devries.example`, `+312012345${first}`, `15${first}`),
          callingRow(`p${first + 1}@devries.example`, `+312012345${first + 1}`, `15${first + 1}`),
        ),
      ),
    });
    await drainJobs(database());
    const validated = await getImport(customer.context, customer.customerId, dry.id);
    expect(validated.status).toBe('validated');
    expect(validated.counts.add).toBe(2);
    expect(validated.progress.rowsDone).toBe(2);
    return { customer, id: dry.id };
  }

  it('shows nothing applied and no row results until its first batch commits', async () => {
    const { customer, id } = await validatedDryRun(20);
    const queued = await applyDryRun(customer.context, customer.customerId, id);
    expect(queued.status).toBe('queued');
    expect(queued.progress).toEqual({ rowsDone: 0, rowsTotal: 2 });
    expect(queued.counts).toEqual(nothingCounted);
    const rows = await listImportRowViews(customer.context, customer.customerId, id, { limit: 10 });
    expect(rows.items).toEqual([]);

    await drainJobs(database());
    const applied = await getImport(customer.context, customer.customerId, id);
    expect(applied.status).toBe('completed');
    expect(applied.counts.add).toBe(2);
    expect(applied.progress.rowsDone).toBe(2);
  });

  it('cancelled before it ran, says nothing was applied, and nothing was', async () => {
    const { customer, id } = await validatedDryRun(30);
    await applyDryRun(customer.context, customer.customerId, id);
    const cancelled = await cancelImport(customer.context, customer.customerId, id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.counts).toEqual(nothingCounted);
    expect(cancelled.progress.rowsDone).toBe(0);
    await drainJobs(database());
    const users = await database()
      .db.selectFrom('users')
      .select('email')
      .where('email', 'in', ['p30@devries.example', 'p31@devries.example'])
      .execute();
    expect(users).toEqual([]);
  });
});

// ADR 0073: an import plans its rows against usage counted when its pass started (ADR 0013), so
// users that other channels add while it runs are not in that count. Each batch is checked again
// under the customer's usage lock when it is written: rows that would pass a limit become
// `package_limit_reached` errors, and the limit holds. Real parallel connections: PostgreSQL only.
import { describe, expect, inject, it } from 'vitest';
import { countPackageUsage } from '../../src/db/repositories/customers.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { createImport } from '../../src/services/imports/create-import.ts';
import { runImport } from '../../src/services/imports/run-import.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer, operatorContext } from '../helpers/factories.ts';
import { collectOutcome } from './import-helpers.ts';
import { bytesBody } from './import-setup.ts';

const harness = useTestApp();
const HEADER =
  'First Name,Last Name,User ID/Email (Required),Jabber with Webex Teams,Jabber Calling,Preferred Webex Site,Webex Meetings';
/** Row numbers count the header as row 1. */
const FIRST_ROW = 2;
let customers = 0;

/** A provisioned customer sold every package, Webex Meetings with this limit. */
async function customerWithMeetingsLimit(limit: number): Promise<{ id: string; context: ServiceContext }> {
  const { database, partnerId } = harness();
  customers += 1;
  const customer = await createTestCustomer(database.db, partnerId, {
    name: `Import Race ${customers}`,
    packages: [
      { id: 'webex_voice' },
      { id: 'webex_meetings', limit },
      { id: 'webex_calling' },
      { id: 'attendant_console' },
    ],
    provision: true,
  });
  return { id: customer.id, context: operatorContext(database.db, partnerId) };
}

async function uploadMeetingsUsers(
  context: ServiceContext,
  customerId: string,
  count: number,
): Promise<string> {
  const rows = Array.from(
    { length: count },
    (_, n) => `Imported,${n},imported${n}@import-race-${customers}.example,FALSE,FALSE,race.webex.com,TRUE`,
  );
  const created = await createImport(context, {
    customerRef: customerId,
    behaviour: 'add-only',
    dryRun: false,
    fileName: 'race.csv',
    body: bytesBody(new TextEncoder().encode([HEADER, ...rows].join('\n'))),
  });
  return created.id;
}

async function apiCreate(customerId: string, email: string) {
  const { app, tokens, auth } = harness();
  return app.inject({
    method: 'POST',
    url: `/v1/customers/${customerId}/users`,
    headers: auth(tokens.partnerFull),
    payload: { email, package: 'webex_meetings' },
  });
}

async function meetingsUsage(customerId: string): Promise<number> {
  return (await countPackageUsage(harness().database.db, customerId)).get('webex_meetings') ?? 0;
}

describe.runIf(inject('testDatabase').kind === 'postgres')('an import racing API creates for a limit', () => {
  it('refuses the rows planned before API users took the last places, and says why', async () => {
    const customer = await customerWithMeetingsLimit(3);
    const importId = await uploadMeetingsUsers(customer.context, customer.id, 3);
    await runImport(harness().database.db, importId, {
      batchSize: 1,
      // After the first row's batch committed, two API users take the two places left; the rows
      // after it were planned (or are planned) against the usage counted when the import began.
      afterBatchCommitted: async (row) => {
        if (row !== FIRST_ROW) return;
        for (const email of ['api1@import-race.example', 'api2@import-race.example']) {
          const created = await apiCreate(customer.id, email);
          expect(created.statusCode, created.body).toBe(201);
        }
      },
    });
    expect(await meetingsUsage(customer.id)).toBe(3);
    const outcome = await collectOutcome(customer.context, customer.id, importId);
    expect(outcome.byRow).toEqual({ [FIRST_ROW]: 'add', [FIRST_ROW + 1]: 'error', [FIRST_ROW + 2]: 'error' });
    for (const row of outcome.rows.filter((candidate) => candidate.action === 'error')) {
      expect(row.issues.map((issue) => issue.code)).toEqual(['package_limit_reached']);
      expect(row.messages.join(' ')).toMatch(/limit/i);
    }
    expect(outcome.view.status).toBe('completed_with_errors');
    expect(outcome.view.counts).toMatchObject({ add: 1, error: 2 });
  });

  it('with API creates in parallel, import and API together take exactly the limit', async () => {
    const customer = await customerWithMeetingsLimit(10);
    const importId = await uploadMeetingsUsers(customer.context, customer.id, 20);
    // Once the import has counted usage and committed its first batch, ten API creates start at once
    // and race the batches after it.
    let racing: Promise<Awaited<ReturnType<typeof apiCreate>>[]> = Promise.resolve([]);
    await runImport(harness().database.db, importId, {
      batchSize: 2,
      afterBatchCommitted: (row) => {
        if (row !== FIRST_ROW + 1) return;
        racing = Promise.all(
          Array.from({ length: 10 }, (_, n) => apiCreate(customer.id, `parallel${n}@import-race.example`)),
        );
      },
    });
    const responses = await racing;
    expect(responses).toHaveLength(10);
    expect(await meetingsUsage(customer.id)).toBe(10);
    for (const response of responses.filter((candidate) => candidate.statusCode !== 201)) {
      expect(response.statusCode, response.body).toBe(409);
      expect(response.body).toContain('package_limit_reached');
    }
    const outcome = await collectOutcome(customer.context, customer.id, importId);
    const added = outcome.rows.filter((row) => row.action === 'add').length;
    const apiCreated = responses.filter((response) => response.statusCode === 201).length;
    expect(added + apiCreated).toBe(10);
    for (const row of outcome.rows.filter((candidate) => candidate.action === 'error')) {
      expect(row.issues.map((issue) => issue.code)).toEqual(['package_limit_reached']);
    }
    expect(outcome.view.counts).toMatchObject({ add: added, error: 20 - added });
  });
});

describe('an import whose customer is being deleted', () => {
  it('commits no batch after the deletion began', async () => {
    const customer = await customerWithMeetingsLimit(100);
    const importId = await uploadMeetingsUsers(customer.context, customer.id, 3);
    const run = runImport(harness().database.db, importId, {
      batchSize: 1,
      // After the first batch, the customer's deletion starts (its job waits for the usage lock).
      afterBatchCommitted: async (row) => {
        if (row !== FIRST_ROW) return;
        await harness()
          .database.db.updateTable('customers')
          .set({ status: 'deleting' })
          .where('id', '=', customer.id)
          .execute();
      },
    });
    await expect(run).rejects.toThrow('import interrupted');
    expect(await meetingsUsage(customer.id)).toBe(1);
  });
});

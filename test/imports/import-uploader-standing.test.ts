// ADR 0072: an import works with its uploader's authority. A token revoked, or an admin removed,
// disabled or made read-only, after the upload answered 202 stops the import before it changes
// (more) users; an import whose uploader still stands runs to the end.
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import type { Actor } from '../../src/services/access/actor.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { createImport } from '../../src/services/imports/create-import.ts';
import { getImport } from '../../src/services/imports/import-queries.ts';
import { runImport } from '../../src/services/imports/run-import.ts';
import { createToken, revokeToken } from '../../src/services/tokens/token-service.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { drainJobs } from './import-helpers.ts';
import { bytesBody, createFixtureCustomer, type FixtureCustomer } from './import-setup.ts';

const FILE = 'five-new-users.csv';
const HEADER =
  'First Name,Last Name,User ID/Email (Required),Jabber with Webex Teams,Jabber Calling,Preferred Webex Site,Webex Meetings';
let customers = 0;

/** A customer of its own partner per test, with five new meetings users to import (no numbers). */
async function newCustomer(database: Database): Promise<FixtureCustomer & { file: Uint8Array }> {
  customers += 1;
  const rows = [1, 2, 3, 4, 5].map(
    (n) => `User,${n},user${n}@standing-${customers}.example,FALSE,FALSE,standing.webex.com,TRUE`,
  );
  return {
    ...(await createFixtureCustomer(database, `STANDING-${customers}`)),
    file: new TextEncoder().encode([HEADER, ...rows].join('\n')),
  };
}

async function upload(
  context: ServiceContext,
  customer: { customerId: string; file: Uint8Array },
): Promise<string> {
  const created = await createImport(context, {
    customerRef: customer.customerId,
    behaviour: 'add-only',
    dryRun: false,
    fileName: FILE,
    body: bytesBody(customer.file),
  });
  return created.id;
}

async function userCount(database: Database, customerId: string): Promise<number> {
  const row = await database.db
    .selectFrom('users')
    .select(({ fn }) => fn.countAll<string>().as('count'))
    .where('customer_id', '=', customerId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

async function tokenContext(customer: FixtureCustomer): Promise<ServiceContext & { tokenId: string }> {
  const token = await createToken(customer.context, { name: 'import script', role: 'partner_full_admin' });
  const actor: Actor = {
    type: 'token',
    id: token.id,
    label: 'token:import script',
    role: 'partner_full_admin',
    partnerId: customer.partnerId,
    customerId: null,
  };
  return { ...customer.context, actor, tokenId: token.id };
}

async function adminContext(database: Database, customer: FixtureCustomer): Promise<ServiceContext> {
  const admin = await database.db
    .insertInto('admin_accounts')
    .values({
      partner_id: customer.partnerId,
      email: `uploader-${Math.random().toString(36).slice(2)}@partner.example`,
      role: 'partner_full_admin',
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const actor: Actor = {
    type: 'admin',
    id: admin.id,
    label: 'uploader@partner.example',
    role: 'partner_full_admin',
    partnerId: customer.partnerId,
    customerId: null,
  };
  return { ...customer.context, actor };
}

describe('an import and its uploader’s authority (ADR 0072)', () => {
  const database = useTestDatabase();

  it('runs to the end while the uploading token stands', async () => {
    const customer = await newCustomer(database());
    const context = await tokenContext(customer);
    const importId = await upload(context, customer);
    await drainJobs(database());
    expect((await getImport(context, customer.customerId, importId)).status).toBe('completed');
    expect(await userCount(database(), customer.customerId)).toBe(5);
  });

  it('does not run a queued import whose token was revoked after the upload', async () => {
    const customer = await newCustomer(database());
    const context = await tokenContext(customer);
    const importId = await upload(context, customer);
    await revokeToken(customer.context, context.tokenId);
    await drainJobs(database());

    const view = await getImport(customer.context, customer.customerId, importId);
    expect(view.status).toBe('failed');
    expect(view.failure).toMatch(
      /^Stopped: the API token or admin account that started this import was revoked/,
    );
    expect(await userCount(database(), customer.customerId)).toBe(0);
    const dutch = await getImport({ ...customer.context, locale: 'nl' }, customer.customerId, importId);
    expect(dutch.failure).toMatch(/^Gestopt: het API-token of beheerdersaccount/);
  });

  it('stops at the next batch when the token is revoked mid-apply, keeping what committed', async () => {
    const customer = await newCustomer(database());
    const context = await tokenContext(customer);
    const importId = await upload(context, customer);
    let committedBatches = 0;
    await runImport(database().db, importId, {
      batchSize: 2,
      afterBatchCommitted: async () => {
        committedBatches += 1;
        if (committedBatches === 1) await revokeToken(customer.context, context.tokenId);
      },
    }).catch((error: unknown) => {
      if (!(error instanceof Error) || error.name !== 'ImportInterrupted') throw error;
    });

    const view = await getImport(customer.context, customer.customerId, importId);
    expect(view.status).toBe('failed');
    // The first batch (rows 2–3) committed before the revocation; the write-behind pipeline may
    // have committed the second before it saw it, never a batch after the revocation's commit.
    const users = await userCount(database(), customer.customerId);
    expect(users).toBeGreaterThanOrEqual(2);
    expect(users).toBeLessThan(5);
    expect(view.progress.rowsDone).toBe(users);
  });

  it.each([
    ['disabled', sql`update admin_accounts set status = 'disabled' where id = `],
    ['made read-only', sql`update admin_accounts set role = 'partner_readonly_admin' where id = `],
    ['removed', sql`delete from admin_accounts where id = `],
  ])('does not run a queued import of an admin %s after the upload', async (_, change) => {
    const customer = await newCustomer(database());
    const context = await adminContext(database(), customer);
    const importId = await upload(context, customer);
    await sql`${change}${context.actor.id}`.execute(database().db);
    await drainJobs(database());

    const view = await getImport(customer.context, customer.customerId, importId);
    expect(view.status).toBe('failed');
    expect(await userCount(database(), customer.customerId)).toBe(0);
  });

  it("does not run a customer admin's queued import once the customer's directory suspended them", async () => {
    const customer = await newCustomer(database());
    const email = `owner-${customer.customerId.slice(0, 8)}@standing.example`;
    const admin = await database()
      .db.insertInto('admin_accounts')
      .values({
        partner_id: customer.partnerId,
        customer_id: customer.customerId,
        email,
        role: 'customer_full_admin',
        status: 'active',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const context: ServiceContext = {
      ...customer.context,
      actor: {
        type: 'admin',
        id: admin.id,
        label: email,
        role: 'customer_full_admin',
        partnerId: customer.partnerId,
        customerId: customer.customerId,
      },
    };
    const importId = await upload(context, customer);
    // The same person as a user of the customer, suspended by the directory (SPEC §5, ADR 0002).
    await database()
      .db.insertInto('users')
      .values({ customer_id: customer.customerId, email, suspended: true })
      .execute();
    await drainJobs(database());

    expect((await getImport(customer.context, customer.customerId, importId)).status).toBe('failed');
    expect(await userCount(database(), customer.customerId)).toBe(1); // only the suspended owner
  });

  it('runs the import of an admin who still stands', async () => {
    const customer = await newCustomer(database());
    const context = await adminContext(database(), customer);
    const importId = await upload(context, customer);
    await drainJobs(database());
    expect((await getImport(context, customer.customerId, importId)).status).toBe('completed');
    expect(await userCount(database(), customer.customerId)).toBe(5);
  });
});

// Two connections are needed to see the revocation wait: PostgreSQL only (PGlite has one).
describe.runIf(inject('testDatabase').kind === 'postgres')('a revocation racing a batch (PostgreSQL)', () => {
  const database = useTestDatabase();

  it('waits for the batch in hand, so no batch commits after the revocation did', async () => {
    const customer = await newCustomer(database());
    const context = await tokenContext(customer);
    const importId = await upload(context, customer);
    let revocation: Promise<void> | undefined;
    let revocationWaited = false;
    await runImport(database().db, importId, {
      batchSize: 2,
      beforeBatchCommit: async () => {
        if (revocation) return;
        revocation = revokeToken(customer.context, context.tokenId);
        // The batch holds the token's row: the revocation (its row lock, then its UPDATE) queues behind it.
        for (let attempt = 0; attempt < 100 && !revocationWaited; attempt += 1) {
          const waiting = await sql<{ waiting: number }>`
            select count(*)::int as waiting from pg_stat_activity
            where wait_event_type = 'Lock' and query ilike '%api_tokens%'`.execute(database().db);
          revocationWaited = (waiting.rows[0]?.waiting ?? 0) > 0;
          if (!revocationWaited) await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
    }).catch((error: unknown) => {
      if (!(error instanceof Error) || error.name !== 'ImportInterrupted') throw error;
    });
    await revocation;

    expect(revocationWaited).toBe(true);
    // The first batch (rows 2–3) committed before the revocation; every later one saw it.
    expect(await userCount(database(), customer.customerId)).toBe(2);
    expect((await getImport(customer.context, customer.customerId, importId)).status).toBe('failed');
  });
});

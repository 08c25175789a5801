// SPEC §5, ADR 0077: an import shares its uploader's probe budget with the uploader's requests
// and other imports running at the same time. Before a batch is planned, the probes its rows would
// report are recorded under the uploader's lock, as many as the budget allows then: what others
// used meanwhile is not reported again, and two imports at once get one budget between them.
// Dry runs too: they tell taken emails from free ones.
import { sql } from 'kysely';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { createImport } from '../../src/services/imports/create-import.ts';
import { runImport } from '../../src/services/imports/run-import.ts';
import {
  EMAIL_PROBE_ACTION,
  EMAIL_PROBES_PER_MINUTE,
  recordEmailProbes,
} from '../../src/services/provisioning/email-probes.ts';
import { createToken } from '../../src/services/tokens/token-service.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { lockWaiters } from '../helpers/lock-waiters.ts';
import { collectOutcome, runImportFile, type ImportOutcome } from './import-helpers.ts';
import { bytesBody, createFixtureCustomer, type FixtureCustomer } from './import-setup.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const HEADER =
  'User ID/Email (Required),Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams';
const row = (email: string) => `${email},TRUE,site.webex.com,FALSE,FALSE`;
const HELD = Array.from({ length: 2 * EMAIL_PROBES_PER_MINUTE }, (_, n) => `held${n}@budget.example`);
const fileOf = (emails: readonly string[]) => encode(`${HEADER}\n${emails.map(row).join('\n')}\n`);

const database = useTestDatabase();
let home: FixtureCustomer;
let siblingId = '';
let probers = 0;

beforeAll(async () => {
  home = await createFixtureCustomer(database());
  const elsewhere = await createFixtureCustomer(database(), 'ELSEWHERE-BUDGET');
  const created = await runImportFile(
    database(),
    elsewhere.context,
    elsewhere.customerId,
    fileOf(HELD),
    'add-only',
  );
  expect(created.view.counts.add).toBe(HELD.length);
  siblingId = await siblingCustomer(database(), home.partnerId);
});

/** A second customer of the home customer's partner, sold Webex Meetings. */
async function siblingCustomer(db: Database, partnerId: string): Promise<string> {
  const customer = await db.db
    .insertInto('customers')
    .values({
      partner_id: partnerId,
      name: 'Bakkerij De Vries Zuid',
      external_id: 'DEVRIES-ZUID',
      admin_email: 'beheer-zuid@devries.example',
      country: 'NL',
      status: 'provisioned',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.db
    .insertInto('customer_packages')
    .values({ customer_id: customer.id, package_id: 'webex_meetings', limit: null })
    .execute();
  return customer.id;
}

/** An uploader with a real token (an import of a token that does not stand does not run). */
async function newProber(): Promise<ServiceContext> {
  probers += 1;
  const id = (await createToken(home.context, { name: `budget ${probers}`, role: 'partner_full_admin' })).id;
  return {
    ...home.context,
    actor: { ...home.context.actor, type: 'token', id, label: `token:budget ${probers}` },
  };
}

async function probesOf(prober: ServiceContext): Promise<string[]> {
  const events = await database()
    .db.selectFrom('audit_events')
    .select('target_id')
    .where('actor_id', '=', prober.actor.id)
    .where('action', '=', EMAIL_PROBE_ACTION)
    .execute();
  return events.map((event) => event.target_id ?? '');
}

async function upload(
  prober: ServiceContext,
  customerId: string,
  emails: readonly string[],
): Promise<string> {
  const created = await createImport(prober, {
    customerRef: customerId,
    behaviour: 'add-only',
    dryRun: true,
    fileName: 'budget.csv',
    body: bytesBody(fileOf(emails)),
  });
  return created.id;
}

const reportedTaken = (outcome: ImportOutcome) =>
  outcome.rows.filter((result) => result.issues.some((issue) => issue.code === 'email_taken_elsewhere'));
const notChecked = (outcome: ImportOutcome) =>
  outcome.rows.filter((result) => result.issues.some((issue) => issue.code === 'email_checks_rate_limited'));

describe('an import and probes its uploader makes meanwhile', () => {
  it('reports only what is left of the budget after probes made while it ran', async () => {
    const prober = await newProber();
    const emails = HELD.slice(0, 4);
    const importId = await upload(prober, home.customerId, emails);
    const others = HELD.slice(4, 4 + EMAIL_PROBES_PER_MINUTE - 2);
    let injected = false;
    await runImport(database().db, importId, {
      batchSize: 2,
      // Once the first batch's probes are recorded, other requests of the uploader use the rest.
      heartbeat: async () => {
        if (!injected && (await probesOf(prober)).length === 2) {
          injected = true;
          await recordEmailProbes(prober, { partnerId: home.partnerId, customerId: home.customerId }, others);
        }
        return true;
      },
    });
    expect(injected).toBe(true);
    const outcome = await collectOutcome(prober, home.customerId, importId);
    expect(outcome.view.status).toBe('validated');
    expect(reportedTaken(outcome).map((result) => result.row)).toEqual([2, 3]);
    expect(notChecked(outcome).map((result) => result.row)).toEqual([4, 5]);
    expect((await probesOf(prober)).sort()).toEqual([...emails.slice(0, 2), ...others].sort());
  });
});

describe.runIf(inject('testDatabase').kind === 'postgres')('imports of one uploader at the same time', () => {
  it('wait for the uploader step in hand, and share one budget between them', async () => {
    const prober = await newProber();
    const first = await upload(prober, home.customerId, HELD.slice(0, EMAIL_PROBES_PER_MINUTE));
    const second = await upload(prober, siblingId, HELD.slice(EMAIL_PROBES_PER_MINUTE));
    const used = 3;
    // A request of the uploader is in its probe step: it holds the uploader's lock, and records
    // three probes before it lets go.
    let release = (): void => undefined;
    let held = (): void => undefined;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const request = database()
      .db.transaction()
      .execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtextextended(${`email-probes:${prober.actor.id}`}, 0))`.execute(
          trx,
        );
        held();
        await new Promise<void>((resolve) => (release = resolve));
        await recordEmailProbes(
          { ...prober, db: trx },
          { partnerId: home.partnerId, customerId: home.customerId },
          ['elsewhere@budget.example', 'another@budget.example', 'third@budget.example'],
        );
      });
    await Promise.race([holding, request]);

    const runs = Promise.all([runImport(database().db, first), runImport(database().db, second)]);
    try {
      await lockWaiters(database(), 2); // both imports wait for the uploader's lock before reporting
    } finally {
      release();
      await request;
    }
    await runs;
    const outcomes = [
      await collectOutcome(prober, home.customerId, first),
      await collectOutcome(prober, siblingId, second),
    ];
    const taken = outcomes.flatMap(reportedTaken).length;
    expect(taken).toBe(EMAIL_PROBES_PER_MINUTE - used);
    expect(outcomes.flatMap(notChecked).length).toBe(HELD.length - taken);
    expect(await probesOf(prober)).toHaveLength(EMAIL_PROBES_PER_MINUTE);
  });
});

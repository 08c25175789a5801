// ADR 0086: an import batch is looked up and planned before it is written (ADR 0012/0013). A user
// that another channel changes in between (admin PATCH, SCIM PATCH, package change, deletion) is
// planned again in the batch's transaction, on its locked current state: the other channel's
// change survives, the import's own change is applied on top, its audit `before` is what was
// really overwritten, and the package limits hold (ADR 0073). Batches of one row and the
// afterBatchCommitted hook make the race deterministic, on PGlite and on PostgreSQL: after row 2's
// batch committed, the rows after it are already looked up (and one of them planned).
import { describe, expect, it } from 'vitest';
import { countPackageUsage } from '../../src/db/repositories/customers.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { createImport } from '../../src/services/imports/create-import.ts';
import { runImport } from '../../src/services/imports/run-import.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer, operatorContext } from '../helpers/factories.ts';
import { createScimCustomer, ENTERPRISE, PATCH_OP, scimUser } from '../scim/scim-harness.ts';
import { collectOutcome } from './import-helpers.ts';
import { bytesBody } from './import-setup.ts';

const harness = useTestApp();
/** Row numbers count the header as row 1: the first user's row. */
const FIRST_ROW = 2;
const EMAIL = 'User ID/Email (Required)';
/** Columns a row needs to add a Webex Meetings user (and keep one there), with their cells. */
const NEW_USER_COLUMNS = 'Jabber with Webex Teams,Jabber Calling,Preferred Webex Site,Webex Meetings';
const NEW_USER_CELLS = 'FALSE,FALSE,concurrent.webex.com,TRUE';
let customers = 0;

type Method = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

function api(method: Method, url: string, payload?: object) {
  const { app, tokens, auth } = harness();
  return app.inject({ method, url, headers: auth(tokens.partnerFull), ...(payload ? { payload } : {}) });
}

interface TestCustomer {
  readonly id: string;
  readonly context: ServiceContext;
  readonly domain: string;
}

async function customerSelling(
  packages: { id: string; limit?: number }[] = [
    { id: 'webex_voice' },
    { id: 'webex_meetings' },
    { id: 'webex_calling' },
  ],
): Promise<TestCustomer> {
  const { database, partnerId } = harness();
  customers += 1;
  const customer = await createTestCustomer(database.db, partnerId, {
    name: `Concurrent Import ${customers}`,
    packages,
    provision: true,
  });
  return {
    id: customer.id,
    context: operatorContext(database.db, partnerId),
    domain: `concurrent-${customers}.example`,
  };
}

/** `count` Webex Meetings users added through the API, in row order: their ids and emails. */
async function meetingsUsers(
  customer: TestCustomer,
  count: number,
): Promise<{ id: string; email: string }[]> {
  const users: { id: string; email: string }[] = [];
  for (let n = 1; n <= count; n += 1) {
    const email = `user${n}@${customer.domain}`;
    const created = await api('POST', `/v1/customers/${customer.id}/users`, {
      email,
      package: 'webex_meetings',
    });
    expect(created.statusCode, created.body).toBe(201);
    users.push({ id: created.json<{ id: string }>().id, email });
  }
  return users;
}

async function upload(context: ServiceContext, customerId: string, lines: string[]): Promise<string> {
  const created = await createImport(context, {
    customerRef: customerId,
    behaviour: 'add-only',
    dryRun: false,
    fileName: 'concurrent.csv',
    body: bytesBody(new TextEncoder().encode(lines.join('\n'))),
  });
  return created.id;
}

/** Runs the import in batches of one row; `afterFirstRow` runs once row 2's batch committed. */
async function runRacing(importId: string, afterFirstRow: () => Promise<void>): Promise<void> {
  await runImport(harness().database.db, importId, {
    batchSize: 1,
    afterBatchCommitted: async (row) => {
      if (row === FIRST_ROW) await afterFirstRow();
    },
  });
}

async function storedUser(id: string) {
  return harness()
    .database.db.selectFrom('users')
    .select(['email', 'title', 'department', 'package', 'extension', 'location_id', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
}

interface AuditedState {
  readonly title: string | null;
  readonly department: string | null;
  readonly packageId: string | null;
  readonly extension: string | null;
  readonly locationId: string | null;
}

/** The import's audit rows for one user. */
async function importAudits(importId: string, userId: string) {
  const rows = await harness()
    .database.db.selectFrom('audit_events')
    .select(['action', 'target_id', 'before', 'after'])
    .where('job_id', '=', importId)
    .where('target_id', '=', userId)
    .execute();
  return rows.map((row) => ({
    action: row.action,
    before: row.before as AuditedState | null,
    after: row.after as AuditedState | null,
  }));
}

describe('an import racing other writes to the users it changes', () => {
  it('keeps an admin PATCH made after the lookup and applies the import’s own change too', async () => {
    const customer = await customerSelling();
    const users = await meetingsUsers(customer, 6);
    const importId = await upload(customer.context, customer.id, [
      `${EMAIL},Title`,
      ...users.map((user) => `${user.email},Engineer`),
    ]);
    await runRacing(importId, async () => {
      for (const user of users.slice(1)) {
        const patched = await api('PATCH', `/v1/customers/${customer.id}/users/${user.id}`, {
          department: 'Patched',
        });
        expect(patched.statusCode, patched.body).toBe(200);
      }
    });

    for (const [index, user] of users.entries()) {
      const stored = await storedUser(user.id);
      expect(stored, user.email).toMatchObject({
        title: 'Engineer',
        department: index === 0 ? null : 'Patched',
      });
      // The import's audit row says what it really overwrote.
      const audits = await importAudits(importId, user.id);
      expect(audits.map((audit) => audit.action)).toEqual(['user.update']);
      expect(audits[0]?.before).toMatchObject({ title: null, department: stored?.department });
      expect(audits[0]?.after).toMatchObject({ title: 'Engineer', department: stored?.department });
    }
    const outcome = await collectOutcome(customer.context, customer.id, importId);
    expect(outcome.view.status).toBe('completed');
    expect(outcome.view.counts).toMatchObject({ modify: 6, error: 0 });
  });

  it('keeps a SCIM PATCH of the department made after the lookup', async () => {
    const scim = await createScimCustomer(harness());
    const context = operatorContext(harness().database.db, harness().partnerId);
    const ids: string[] = [];
    const emails: string[] = [];
    for (let n = 1; n <= 6; n += 1) {
      const email = `scim${n}@concurrent-scim.example`;
      const created = await scim.request('POST', '/Users', scimUser(email));
      expect(created.statusCode, created.body).toBe(201);
      ids.push(created.json<{ id: string }>().id);
      emails.push(email);
    }
    const importId = await upload(context, scim.customerId, [
      `${EMAIL},Title`,
      ...emails.map((email) => `${email},Engineer`),
    ]);
    await runRacing(importId, async () => {
      for (const id of ids.slice(1)) {
        const patched = await scim.request('PATCH', `/Users/${id}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Directory' }],
        });
        expect(patched.statusCode, patched.body).toBe(204);
        expect(patched.headers.etag).toBeTruthy();
      }
    });

    for (const [index, id] of ids.entries()) {
      const got = await scim.request('GET', `/Users/${id}`);
      expect(got.statusCode, got.body).toBe(200);
      const resource = got.json<{ title?: string; [ENTERPRISE]?: { department?: string } }>();
      expect(resource.title, emails[index]).toBe('Engineer');
      expect(resource[ENTERPRISE]?.department, emails[index]).toBe(index === 0 ? undefined : 'Directory');
    }
    const outcome = await collectOutcome(context, scim.customerId, importId);
    expect(outcome.view.counts).toMatchObject({ modify: 6, error: 0 });
  });

  it('keeps a package change made after the lookup, and audits what it overwrote', async () => {
    const customer = await customerSelling();
    const location = await api('POST', `/v1/customers/${customer.id}/locations`, {
      name: 'HQ',
      country: 'NL',
      timeZone: 'Europe/Amsterdam',
    });
    expect(location.statusCode, location.body).toBe(201);
    const locationId = location.json<{ id: string }>().id;
    const users = await meetingsUsers(customer, 4);
    const importId = await upload(customer.context, customer.id, [
      `${EMAIL},Title`,
      ...users.map((user) => `${user.email},Engineer`),
    ]);
    // The second user's row (row 3) is planned by the time row 2's batch has committed.
    const moved = users[1];
    if (!moved) throw new Error('no second user');
    await runRacing(importId, async () => {
      const changed = await api('PUT', `/v1/customers/${customer.id}/users/${moved.id}/package`, {
        package: 'webex_calling',
        location: 'HQ',
        extension: '1234',
      });
      expect(changed.statusCode, changed.body).toBe(200);
    });

    expect(await storedUser(moved.id)).toMatchObject({
      title: 'Engineer',
      package: 'webex_calling',
      extension: '1234',
      location_id: locationId,
    });
    const audits = await importAudits(importId, moved.id);
    expect(audits.map((audit) => audit.action)).toEqual(['user.update']);
    expect(audits[0]?.before).toMatchObject({
      title: null,
      packageId: 'webex_calling',
      extension: '1234',
      locationId,
    });
    expect(audits[0]?.after).toMatchObject({
      title: 'Engineer',
      packageId: 'webex_calling',
      extension: '1234',
      locationId,
    });
    const outcome = await collectOutcome(customer.context, customer.id, importId);
    expect(outcome.view.counts).toMatchObject({ modify: 4, error: 0 });
  });

  it('holds a package limit that a user moved off and back onto would pass', async () => {
    const customer = await customerSelling([
      { id: 'webex_voice' },
      { id: 'webex_meetings', limit: 4 },
      { id: 'webex_calling' },
    ]);
    const users = await meetingsUsers(customer, 4);
    const importId = await upload(customer.context, customer.id, [
      `${EMAIL},Title,${NEW_USER_COLUMNS}`,
      ...users.map((user) => `${user.email},Engineer,${NEW_USER_CELLS}`),
    ]);
    const moved = users[1];
    if (!moved) throw new Error('no second user');
    await runRacing(importId, async () => {
      // The second user gives its Webex Meetings place up, and a new user takes it.
      const changed = await api('PUT', `/v1/customers/${customer.id}/users/${moved.id}/package`, {
        package: 'webex_voice',
      });
      expect(changed.statusCode, changed.body).toBe(200);
      const created = await api('POST', `/v1/customers/${customer.id}/users`, {
        email: `newcomer@${customer.domain}`,
        package: 'webex_meetings',
      });
      expect(created.statusCode, created.body).toBe(201);
    });

    const usage = await countPackageUsage(harness().database.db, customer.id);
    expect(usage.get('webex_meetings')).toBe(4);
    // As a sequential import: the row would move the user back onto a package whose limit is used
    // up, so it is an error naming the limit, and nothing of it is written.
    expect(await storedUser(moved.id)).toMatchObject({ package: 'webex_voice', title: null });
    expect(await importAudits(importId, moved.id)).toEqual([]);
    const outcome = await collectOutcome(customer.context, customer.id, importId);
    const row = outcome.rows.find((candidate) => candidate.row === FIRST_ROW + 1);
    expect(row?.action).toBe('error');
    expect(row?.issues.map((issue) => issue.code)).toEqual(['package_limit_reached']);
    expect(row?.messages.join(' ')).toMatch(/limit/i);
    expect(outcome.byRow).toEqual({
      [FIRST_ROW]: 'modify',
      [FIRST_ROW + 1]: 'error',
      [FIRST_ROW + 2]: 'modify',
      [FIRST_ROW + 3]: 'modify',
    });
    expect(outcome.view.status).toBe('completed_with_errors');
    expect(outcome.view.counts).toMatchObject({ modify: 3, error: 1 });
  });

  it('does not refuse a row for a limit when its user took that package meanwhile', async () => {
    const customer = await customerSelling([
      { id: 'webex_voice' },
      { id: 'webex_meetings', limit: 4 },
      { id: 'webex_calling' },
    ]);
    const [first, ...others] = await meetingsUsers(customer, 3);
    if (!first) throw new Error('no first user');
    const voiceEmail = `voice@${customer.domain}`;
    const voice = await api('POST', `/v1/customers/${customer.id}/users`, {
      email: voiceEmail,
      package: 'webex_voice',
    });
    expect(voice.statusCode, voice.body).toBe(201);
    const voiceId = voice.json<{ id: string }>().id;
    // Row 3 moves the Webex Voice user onto the last free Webex Meetings place.
    const importId = await upload(customer.context, customer.id, [
      `${EMAIL},Title,${NEW_USER_COLUMNS}`,
      ...[first.email, voiceEmail, ...others.map((user) => user.email)].map(
        (email) => `${email},Engineer,${NEW_USER_CELLS}`,
      ),
    ]);
    await runRacing(importId, async () => {
      // The user takes that place itself before the row is written.
      const changed = await api('PUT', `/v1/customers/${customer.id}/users/${voiceId}/package`, {
        package: 'webex_meetings',
      });
      expect(changed.statusCode, changed.body).toBe(200);
    });

    // As a sequential import: the user holds Webex Meetings already, so the row only sets the title.
    expect(await storedUser(voiceId)).toMatchObject({ package: 'webex_meetings', title: 'Engineer' });
    const usage = await countPackageUsage(harness().database.db, customer.id);
    expect(usage.get('webex_meetings')).toBe(4);
    const audits = await importAudits(importId, voiceId);
    expect(audits.map((audit) => audit.action)).toEqual(['user.update']);
    expect(audits[0]?.before).toMatchObject({ packageId: 'webex_meetings', title: null });
    const outcome = await collectOutcome(customer.context, customer.id, importId);
    expect(outcome.byRow[FIRST_ROW + 1]).toBe('modify');
    expect(outcome.view.counts).toMatchObject({ modify: 4, error: 0 });
  });

  it('adds a user deleted after the lookup again, as the row would now', async () => {
    const customer = await customerSelling();
    const users = await meetingsUsers(customer, 4);
    const importId = await upload(customer.context, customer.id, [
      `${EMAIL},Title,${NEW_USER_COLUMNS}`,
      ...users.map((user) => `${user.email},Engineer,${NEW_USER_CELLS}`),
    ]);
    const deleted = users[1];
    if (!deleted) throw new Error('no second user');
    await runRacing(importId, async () => {
      const removed = await api('DELETE', `/v1/customers/${customer.id}/users/${deleted.id}`);
      expect(removed.statusCode, removed.body).toBe(204);
    });

    expect(await storedUser(deleted.id)).toBeUndefined();
    const again = await harness()
      .database.db.selectFrom('users')
      .select(['id', 'title', 'package'])
      .where('customer_id', '=', customer.id)
      .where('email', '=', deleted.email)
      .executeTakeFirst();
    expect(again).toMatchObject({ title: 'Engineer', package: 'webex_meetings' });
    expect((await importAudits(importId, again?.id ?? '')).map((audit) => audit.action)).toEqual([
      'user.create',
    ]);
    const outcome = await collectOutcome(customer.context, customer.id, importId);
    expect(outcome.byRow[FIRST_ROW + 1]).toBe('add');
    expect(outcome.view.counts).toMatchObject({ add: 1, modify: 3, error: 0 });
  });
});

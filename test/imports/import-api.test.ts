// The fixtures of ../shared/fixtures/csv through the HTTP API, in order, with the exact outcomes of
// their README; plus upload variants (multipart, 413, rejected file), dry run + apply, error report.
import { describe, expect, it } from 'vitest';
import { useTestApp, type TestApp } from '../helpers/app.ts';
import { createApiToken, createPartner } from '../helpers/factories.ts';
import { insertFreeAccount } from '../../src/db/repositories/free-accounts.ts';
import { fixture } from './import-setup.ts';

interface ImportBody {
  id: string;
  status: string;
  counts: Record<string, number>;
  fileWarnings: string[];
  progress: { rowsDone: number; rowsTotal: number | null };
}
interface RowBody {
  row: number;
  email: string;
  action: string;
  status: string;
  messages: string[];
}

describe('imports API with the shared fixtures', () => {
  const testApp = useTestApp({ env: { IMPORT_MAX_BYTES: String(64 * 1024) } });
  let customerId = '';
  const headers = () => testApp().auth(testApp().tokens.partnerFull);

  async function setUp(t: TestApp): Promise<void> {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: headers(),
      payload: {
        name: 'Bakkerij De Vries',
        externalId: 'DEVRIES-001',
        adminEmail: 'beheer@devries.example',
        country: 'NL',
        packages: [
          'webex_voice',
          'webex_calling',
          'webex_calling_standard',
          'webex_meetings',
          'webex_suite',
        ].map((id) => ({ id })),
      },
    });
    expect(created.statusCode).toBe(202);
    customerId = created.json<{ id: string }>().id;
    await t.drainJobs();
    for (const [name, city, address1] of [
      ['Amsterdam HQ', 'Amsterdam', 'Damrak 1'],
      ['Rotterdam', 'Rotterdam', 'Coolsingel 40'],
    ]) {
      const location = await t.app.inject({
        method: 'POST',
        url: `/v1/customers/${customerId}/locations`,
        headers: headers(),
        payload: { name, country: 'NL', city, addressLine1: address1, timeZone: 'Europe/Amsterdam' },
      });
      expect(location.statusCode).toBe(201);
    }
    for (const [location, range] of [
      ['Amsterdam HQ', '+31201234500-+31201234599'],
      ['Rotterdam', '+31107654300-+31107654399'],
    ]) {
      const numbers = await t.app.inject({
        method: 'POST',
        url: `/v1/customers/${customerId}/numbers`,
        headers: headers(),
        payload: { location, numbers: [range] },
      });
      expect(numbers.statusCode).toBe(201);
    }
  }

  async function upload(bytes: Uint8Array, behaviour: string, dryRun = false) {
    const response = await testApp().app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/imports?behaviour=${behaviour}&dryRun=${dryRun}`,
      headers: { ...headers(), 'content-type': 'text/csv' },
      payload: Buffer.from(bytes),
    });
    return response;
  }

  async function result(importId: string) {
    const status = await testApp().app.inject({
      method: 'GET',
      url: `/v1/customers/${customerId}/imports/${importId}`,
      headers: headers(),
    });
    const rows = await testApp().app.inject({
      method: 'GET',
      url: `/v1/customers/${customerId}/imports/${importId}/rows?max=1000`,
      headers: headers(),
    });
    const items = rows.json<{ items: RowBody[] }>().items;
    return {
      view: status.json<ImportBody>(),
      rows: items,
      byRow: Object.fromEntries(items.map((row) => [row.row, row.action])),
      warned: items.filter((row) => row.status === 'warning').map((row) => row.row),
    };
  }

  async function runFile(bytes: Uint8Array, behaviour: string) {
    const response = await upload(bytes, behaviour);
    expect(response.statusCode).toBe(202);
    expect(response.headers.location).toMatch(new RegExp(`/v1/customers/${customerId}/imports/`));
    await testApp().drainJobs();
    return result(response.json<ImportBody>().id);
  }

  it('step 1: 01-add-basic.csv', async () => {
    await setUp(testApp());
    const outcome = await runFile(fixture('01-add-basic.csv'), 'add-only');
    expect(outcome.view.status).toBe('completed');
    expect(outcome.byRow).toEqual({ 2: 'add', 3: 'add', 4: 'add', 5: 'add', 6: 'add' });
    expect(outcome.warned).toEqual([6]);
    expect(outcome.view.counts).toEqual({ add: 5, modify: 0, remove: 0, unchanged: 0, error: 0, warning: 1 });
  });

  it('step 2: 02-dutch-excel.csv', async () => {
    const outcome = await runFile(fixture('02-dutch-excel.csv'), 'add-only');
    expect(outcome.byRow).toEqual({ 2: 'add', 3: 'add' });
  });

  it('step 3: 03-errors.csv, and its error report', async () => {
    const outcome = await runFile(fixture('03-errors.csv'), 'add-only');
    expect(outcome.byRow).toEqual({
      2: 'add',
      3: 'error',
      4: 'error',
      5: 'error',
      6: 'error',
      7: 'error',
      8: 'error',
      9: 'error',
      10: 'add',
      11: 'error',
    });
    expect(outcome.warned).toEqual([10]);
    const report = await testApp().app.inject({
      method: 'GET',
      url: `/v1/customers/${customerId}/imports/${outcome.view.id}/error-report.csv`,
      headers: { ...headers(), 'accept-language': 'nl' },
    });
    expect(report.statusCode).toBe(200);
    const lines = report.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^First Name,Last Name,User ID\/Email \(Required\),.*,Error,Line$/);
    expect(lines).toHaveLength(1 + 8);
    expect(lines[1]).toContain('Ilse,Jacobs,ilse@devries.example');
    expect(lines[1]).toContain('Rij 3, Locatie: Webex Calling heeft een locatie nodig.');
    expect(lines[8]).toMatch(/,11$/);
  });

  it('step 4: 04-add-and-remove.csv', async () => {
    const outcome = await runFile(fixture('04-add-and-remove.csv'), 'add-remove');
    expect(outcome.byRow).toEqual({ 2: 'remove', 3: 'modify', 4: 'unchanged', 5: 'error' });
    expect(outcome.rows[3]?.messages).toEqual([
      'Row 5, Webex Calling Standard: Webex Suite → Webex Calling Standard is not allowed.',
    ]);
  });

  it('step 5: export, then import the export', async () => {
    const exported = await testApp().app.inject({
      method: 'GET',
      url: `/v1/customers/${customerId}/users/export.csv`,
      headers: headers(),
    });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/text\/csv/);
    const outcome = await runFile(exported.rawPayload, 'add-only');
    expect(outcome.rows).toHaveLength(8);
    expect(new Set(Object.values(outcome.byRow))).toEqual(new Set(['unchanged']));
    expect(outcome.rows.find((row) => row.email === 'eva@devries.example')?.status).toBe('warning');
  });

  it('step 6: 01-add-basic.csv again', async () => {
    const outcome = await runFile(fixture('01-add-basic.csv'), 'add-only');
    expect(outcome.byRow).toEqual({ 2: 'add', 3: 'unchanged', 4: 'modify', 5: 'unchanged', 6: 'unchanged' });
    expect(outcome.warned).toEqual([6]);
  });

  it('re-importing the same file gives only unchanged', async () => {
    const outcome = await runFile(fixture('01-add-basic.csv'), 'add-only');
    expect(new Set(Object.values(outcome.byRow))).toEqual(new Set(['unchanged']));
  });

  it('a dry run changes nothing until applied; apply re-validates', async () => {
    const csv =
      'User ID/Email (Required),First Name,Webex Meetings,Jabber Calling,Jabber with Webex Teams,Preferred Webex Site\nzoe@devries.example,Zoë,TRUE,FALSE,FALSE,s.webex.com\n';
    const response = await upload(new TextEncoder().encode(csv), 'add-only', true);
    const importId = response.json<ImportBody>().id;
    await testApp().drainJobs();
    const dry = await result(importId);
    expect(dry.view.status).toBe('validated');
    expect(dry.byRow).toEqual({ 2: 'add' });
    const users = () =>
      testApp()
        .database.db.selectFrom('users')
        .select('email')
        .where('email', '=', 'zoe@devries.example')
        .execute();
    expect(await users()).toHaveLength(0);
    const applied = await testApp().app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/imports/${importId}/apply`,
      headers: headers(),
    });
    expect(applied.statusCode).toBe(202);
    await testApp().drainJobs();
    expect((await result(importId)).view.status).toBe('completed');
    expect(await users()).toHaveLength(1);
  });

  it('cancels a validated dry run, and refuses to cancel a finished import (409)', async () => {
    const csv =
      'User ID/Email (Required),Webex Voice,Jabber Calling,Jabber with Webex Teams\nxena@devries.example,TRUE,FALSE,FALSE\n';
    const response = await upload(new TextEncoder().encode(csv), 'add-only', true);
    const importId = response.json<ImportBody>().id;
    await testApp().drainJobs();
    const cancel = (id: string) =>
      testApp().app.inject({
        method: 'POST',
        url: `/v1/customers/${customerId}/imports/${id}/cancel`,
        headers: headers(),
      });
    const cancelled = await cancel(importId);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json<ImportBody>().status).toBe('cancelled');
    expect((await cancel(importId)).statusCode).toBe(409);
    const apply = await testApp().app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/imports/${importId}/apply`,
      headers: headers(),
    });
    expect(apply.statusCode).toBe(409);
  });

  it('an unapplied dry run expires after 24 h: it can no longer be applied', async () => {
    const csv =
      'User ID/Email (Required),Webex Voice,Jabber Calling,Jabber with Webex Teams\nold@devries.example,TRUE,FALSE,FALSE\n';
    const importId = (await upload(new TextEncoder().encode(csv), 'add-only', true)).json<ImportBody>().id;
    await testApp().drainJobs();
    await testApp()
      .database.db.withTables<{ imports: { id: string; expires_at: Date } }>()
      .updateTable('imports')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', importId)
      .execute();
    const list = await testApp().app.inject({
      method: 'GET',
      url: `/v1/customers/${customerId}/imports`,
      headers: headers(),
    });
    expect(list.json<{ items: ImportBody[] }>().items.find((item) => item.id === importId)?.status).toBe(
      'cancelled',
    );
    const apply = await testApp().app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/imports/${importId}/apply`,
      headers: headers(),
    });
    expect(apply.statusCode).toBe(409);
  });

  it('a read-only admin may read imports but not upload (403)', async () => {
    const readonly = testApp().auth(testApp().tokens.partnerReadonly);
    const list = await testApp().app.inject({
      method: 'GET',
      url: `/v1/customers/${customerId}/imports`,
      headers: readonly,
    });
    expect(list.statusCode).toBe(200);
    const denied = await testApp().app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/imports`,
      headers: { ...readonly, 'content-type': 'text/csv' },
      payload: 'User ID/Email (Required)\nq@devries.example\n',
    });
    expect(denied.statusCode).toBe(403);
  });

  it("adds a free account's email as pending_user_migration, with a consent email", async () => {
    const db = testApp().database.db;
    await insertFreeAccount(db, {
      email: 'free@devries.example',
      firstName: 'Fee',
      lastName: null,
      source: 'signup',
      active: true,
    });
    const csv =
      'User ID/Email (Required),Webex Voice,Jabber Calling,Jabber with Webex Teams\nfree@devries.example,TRUE,FALSE,FALSE\n';
    const response = await upload(new TextEncoder().encode(csv), 'add-only');
    await testApp().drainJobs();
    expect((await result(response.json<ImportBody>().id)).byRow).toEqual({ 2: 'add' });
    const row = await db
      .selectFrom('users')
      .select('status')
      .where('email', '=', 'free@devries.example')
      .executeTakeFirst();
    expect(row?.status).toBe('pending_user_migration');
    const mail = await db
      .selectFrom('outbox_emails')
      .select('template')
      .where('to_address', '=', 'free@devries.example')
      .execute();
    expect(mail.map((entry) => entry.template)).toContain('consent-move');
  });

  it('accepts a multipart upload with the options as form fields', async () => {
    const boundary = '----hubtest';
    const csv =
      'User ID/Email (Required);Webex Voice;Jabber Calling;Jabber met Webex Teams\r\nyara@devries.example;waar;onwaar;onwaar\r\n';
    const payload = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="behaviour"',
      '',
      'add-only',
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="users.csv"',
      'Content-Type: text/csv',
      '',
      csv,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const response = await testApp().app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/imports`,
      headers: { ...headers(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(response.statusCode).toBe(202);
    await testApp().drainJobs();
    const outcome = await result(response.json<ImportBody>().id);
    expect(outcome.byRow).toEqual({ 2: 'add' });
  });

  it.each([
    ['behaviour', 'add_remove'],
    ['dryRun', 'yes'],
  ])('refuses a multipart upload whose %s form field is not one of its values (400)', async (name, value) => {
    const boundary = '----hubtest';
    const payload = [
      `--${boundary}`,
      `Content-Disposition: form-data; name="${name}"`,
      '',
      value,
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="users.csv"',
      'Content-Type: text/csv',
      '',
      'User ID/Email (Required),Webex Voice,Jabber Calling,Jabber with Webex Teams\r\nwrong@devries.example,TRUE,FALSE,FALSE\r\n',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const response = await testApp().app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/imports`,
      headers: { ...headers(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe(name);
    await testApp().drainJobs();
    const users = await testApp()
      .database.db.selectFrom('users')
      .select('email')
      .where('email', '=', 'wrong@devries.example')
      .execute();
    expect(users).toEqual([]);
  });

  it.each([
    ['no email column', 'First Name,Last Name\nA,B\n', 'missing_email_column'],
    ['binary', '\u0000\u0001PK\u0003\u0004', 'binary_file'],
    ['duplicate field', 'User ID/Email (Required),Location,Locatie\n', 'duplicate_column'],
  ])('rejects a file with %s (400) and queues nothing', async (_name, text, code) => {
    const response = await upload(new TextEncoder().encode(text), 'add-only');
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { code: string }[] }>().errors[0]?.code).toBe(code);
  });

  it('answers 413 over the size limit', async () => {
    const big = `User ID/Email (Required)\n${'x@devries.example\n'.repeat(5000)}`;
    const response = await upload(new TextEncoder().encode(big), 'add-only');
    expect(response.statusCode).toBe(413);
  });

  it('answers 413 to a multipart file over the size limit, and imports none of it', async () => {
    const before = await testApp().app.inject({
      url: `/v1/customers/${customerId}/imports`,
      headers: headers(),
    });
    const boundary = '----hubtest413';
    const rows = Array.from({ length: 6000 }, (_, index) => `cut${index}@devries.example;waar;onwaar;onwaar`);
    const csv = `User ID/Email (Required);Webex Voice;Jabber Calling;Jabber met Webex Teams\r\n${rows.join('\r\n')}\r\n`;
    const payload = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="users.csv"',
      'Content-Type: text/csv',
      '',
      csv,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const response = await testApp().app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/imports`,
      headers: { ...headers(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json<{ errors: { code: string }[] }>().errors[0]?.code).toBe('file_too_large');
    await testApp().drainJobs();
    const after = await testApp().app.inject({
      url: `/v1/customers/${customerId}/imports`,
      headers: headers(),
    });
    expect(after.json<{ items: unknown[] }>().items).toHaveLength(
      before.json<{ items: unknown[] }>().items.length,
    );
    const users = await testApp().app.inject({
      url: `/v1/customers/${customerId}/users?search=cut0`,
      headers: headers(),
    });
    expect(users.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('serves the template with the headers and one example row', async () => {
    const response = await testApp().app.inject({
      method: 'GET',
      url: `/v1/customers/${customerId}/users/template.csv`,
      headers: headers(),
    });
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(2);
    expect(
      lines[0]?.startsWith('First Name,Last Name,Display Name,User ID/Email (Required),User Status*'),
    ).toBe(true);
  });

  it('does not show one partner the imports of another (404)', async () => {
    const otherPartner = await createPartner(testApp().database.db, 'Other Partner');
    const otherToken = await createApiToken(testApp().database.db, {
      partnerId: otherPartner,
      role: 'partner_full_admin',
    });
    const list = await testApp().app.inject({
      method: 'GET',
      url: `/v1/customers/${customerId}/imports`,
      headers: headers(),
    });
    const [latest] = list.json<{ items: ImportBody[] }>().items;
    expect(latest).toBeDefined();
    for (const url of [
      `/v1/customers/${customerId}/imports`,
      `/v1/customers/${customerId}/imports/${latest?.id}/rows`,
    ]) {
      const response = await testApp().app.inject({
        method: 'GET',
        url,
        headers: testApp().auth(otherToken),
      });
      expect(response.statusCode).toBe(404);
    }
  });
});

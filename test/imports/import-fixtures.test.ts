// The shared fixtures, applied in order through the import service and the job worker, give exactly
// the outcomes of /work/shared/fixtures/README.md.
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { exportUsersCsv } from '../../src/services/exports/export-users.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { runImportFile } from './import-helpers.ts';
import { createFixtureCustomer, fixture, type FixtureCustomer } from './import-setup.ts';

describe('CSV fixtures, applied in order', () => {
  const database = useTestDatabase();
  let customer: FixtureCustomer;
  const user = (email: string) =>
    database().db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();

  it('step 1: 01-add-basic.csv', async () => {
    customer = await createFixtureCustomer(database());
    const outcome = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      fixture('01-add-basic.csv'),
      'add-only',
    );
    expect(outcome.view.status).toBe('completed');
    expect(outcome.byRow).toEqual({ 2: 'add', 3: 'add', 4: 'add', 5: 'add', 6: 'add' });
    expect(outcome.warnedRows).toEqual([6]);
    expect(await user('anna@devries.example')).toMatchObject({
      package: 'webex_calling',
      phone_number: '+31201234501',
      extension: '1001',
    });
    expect(await user('eva@devries.example')).toMatchObject({
      package: 'webex_calling_standard',
      phone_number: '+31107654301',
      extension: '2001',
      location_id: customer.rotterdamId,
    });
    const users = await database().db.selectFrom('users').selectAll().execute();
    expect(users).toHaveLength(5);
    for (const row of users)
      expect([row.basic_messaging, row.basic_space_meetings, row.calling_from_webex]).toEqual([
        true,
        true,
        true,
      ]);
    const audits = await database()
      .db.selectFrom('audit_events')
      .selectAll()
      .where('job_id', '=', outcome.view.id)
      .execute();
    expect(audits.map((audit) => audit.action)).toEqual(Array(5).fill('user.create'));
  });

  it('step 2: 02-dutch-excel.csv', async () => {
    const outcome = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      fixture('02-dutch-excel.csv'),
      'add-only',
    );
    expect(outcome.byRow).toEqual({ 2: 'add', 3: 'add' });
    expect(await user('femke@devries.example')).toMatchObject({
      package: 'webex_calling',
      phone_number: '+31201234503',
      extension: '1003',
    });
    expect(await user('gert@devries.example')).toMatchObject({
      package: 'webex_meetings',
      last_name: 'de Boer, jr.',
    });
  });

  it('step 3: 03-errors.csv', async () => {
    const outcome = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      fixture('03-errors.csv'),
      'add-only',
    );
    expect(outcome.view.status).toBe('completed_with_errors');
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
    expect(outcome.warnedRows).toEqual([10]);
    expect(outcome.view.counts).toEqual({ add: 2, modify: 0, remove: 0, unchanged: 0, error: 8, warning: 1 });
    const messages = Object.fromEntries(outcome.rows.map((row) => [row.row, row.messages]));
    expect(messages[7]).toEqual(['Row 7, Webex Meetings: "YES" is not TRUE or FALSE.']);
    expect(messages[3]).toEqual(['Row 3, Location: Webex Calling needs a Location.']);
    expect(await user('ilse@devries.example')).toBeUndefined();
    expect(await user('pim@devries.example')).toBeUndefined();
  });

  it('step 4: 04-add-and-remove.csv (add-remove)', async () => {
    const outcome = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      fixture('04-add-and-remove.csv'),
      'add-remove',
    );
    expect(outcome.byRow).toEqual({ 2: 'remove', 3: 'modify', 4: 'unchanged', 5: 'error' });
    expect(await user('anna@devries.example')).toBeUndefined();
    expect(await user('carla@devries.example')).toMatchObject({ package: 'webex_suite', extension: '1010' });
    expect(outcome.rows[3]?.messages).toEqual([
      'Row 5, Webex Calling Standard: Webex Suite → Webex Calling Standard is not allowed.',
    ]);
    expect(outcome.rows[1]?.changes).toContainEqual({
      field: 'package',
      before: 'webex_meetings',
      after: 'webex_suite',
    });
  });

  it('step 5: export, then import the export: all unchanged', async () => {
    const download = await exportUsersCsv(customer.context, customer.customerId);
    const bytes = await buffer(download.body);
    const outcome = await runImportFile(database(), customer.context, customer.customerId, bytes, 'add-only');
    expect(outcome.rows.length).toBe(8);
    expect(new Set(Object.values(outcome.byRow))).toEqual(new Set(['unchanged']));
    expect(outcome.rows.find((row) => row.email === 'eva@devries.example')?.status).toBe('warning');
  });

  it('step 6: 01-add-basic.csv again', async () => {
    const outcome = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      fixture('01-add-basic.csv'),
      'add-only',
    );
    expect(outcome.byRow).toEqual({ 2: 'add', 3: 'unchanged', 4: 'modify', 5: 'unchanged', 6: 'unchanged' });
    expect(outcome.warnedRows).toEqual([6]);
    expect(await user('carla@devries.example')).toMatchObject({ package: 'webex_meetings', extension: null });
  });
});

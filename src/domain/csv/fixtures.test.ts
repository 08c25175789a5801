// Drives the shared fixture files through parse + plan against an in-memory customer and checks the
// outcomes listed in /work/shared/fixtures/README.md, step by step.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import type { ImportBehaviour } from '../users/desired-change.ts';
import { InMemoryCustomerState } from '../users/in-memory-customer-state.ts';
import { EXPORT_HEADERS, userToExportRow } from './export-row.ts';
import { CsvRowPlanner, type CsvRowPlan } from './plan-csv-rows.ts';
import { bytesSource, openCsv } from './read-csv.ts';

const FIXTURES = process.env.HUB_FIXTURES_DIR ?? '/work/shared/fixtures/csv';

function numberRange(prefix: string, from: number, to: number, locationId: string) {
  return Array.from({ length: to - from + 1 }, (_, offset) => ({
    e164: `${prefix}${String(from + offset).padStart(2, '0')}`,
    locationId,
  }));
}

function devriesCustomer(): InMemoryCustomerState {
  return new InMemoryCustomerState({
    soldPackages: [
      'webex_voice',
      'webex_calling',
      'webex_calling_standard',
      'webex_meetings',
      'webex_suite',
    ].map((id) => ({ packageId: id as 'webex_voice', limit: null })),
    locations: [
      { id: 'loc-ams', name: 'Amsterdam HQ', country: 'NL' },
      { id: 'loc-rtm', name: 'Rotterdam', country: 'NL' },
    ],
    numbers: [...numberRange('+312012345', 0, 99, 'loc-ams'), ...numberRange('+311076543', 0, 99, 'loc-rtm')],
    users: [],
    extensionLength: 4,
    defaultPackageTemplate: null,
    autoAssignBasicLicences: true,
    directorySync: false,
    customerFullAdmins: [],
    emailTakenElsewhere: () => false,
  });
}

async function importBytes(state: InMemoryCustomerState, bytes: Uint8Array, behaviour: ImportBehaviour) {
  const opened = await openCsv(bytesSource(bytes, 7));
  if (!opened.ok) throw new Error(`file rejected: ${opened.error.code}`);
  const planner = new CsvRowPlanner(opened.columns, behaviour, state);
  const rows: CsvRowPlan[] = [];
  for await (const record of opened.records) rows.push(planner.planRecord(record));
  return rows;
}

const importFile = (state: InMemoryCustomerState, name: string, behaviour: ImportBehaviour) =>
  importBytes(state, readFileSync(join(FIXTURES, name)), behaviour);

const outcome = (rows: CsvRowPlan[]) => Object.fromEntries(rows.map((row) => [row.rowNumber, row.action]));
const warned = (rows: CsvRowPlan[]) =>
  rows.filter((row) => row.warnings.length > 0).map((row) => row.rowNumber);

describe('fixtures/csv, applied in order', () => {
  const state = devriesCustomer();

  it('step 1: 01-add-basic.csv adds five users', async () => {
    const rows = await importFile(state, '01-add-basic.csv', 'add-only');
    expect(outcome(rows)).toEqual({ 2: 'add', 3: 'add', 4: 'add', 5: 'add', 6: 'add' });
    expect(warned(rows)).toEqual([6]);
    expect(rows[4]?.warnings.map((w) => w.code)).toEqual(['preferred_site_missing']);
    expect(state.user('anna@devries.example')).toMatchObject({
      packageId: 'webex_calling',
      phoneNumber: '+31201234501',
      extension: '1001',
      locationId: 'loc-ams',
    });
    expect(state.user('bram@devries.example')).toMatchObject({ packageId: 'webex_suite', extension: '1002' });
    expect(state.user('carla@devries.example')?.packageId).toBe('webex_meetings');
    expect(state.user('dirk@devries.example')?.packageId).toBe('webex_voice');
    expect(state.user('eva@devries.example')).toMatchObject({
      packageId: 'webex_calling_standard',
      phoneNumber: '+31107654301',
      extension: '2001',
      locationId: 'loc-rtm',
    });
    for (const user of state.users()) {
      expect(user.basicLicences).toEqual({
        basic_messaging: true,
        basic_space_meetings: true,
        calling_from_webex: true,
      });
    }
  });

  it('step 2: 02-dutch-excel.csv (BOM, ;, CRLF, Dutch, WAAR/ONWAAR)', async () => {
    const rows = await importFile(state, '02-dutch-excel.csv', 'add-only');
    expect(outcome(rows)).toEqual({ 2: 'add', 3: 'add' });
    expect(state.user('femke@devries.example')).toMatchObject({
      packageId: 'webex_calling',
      phoneNumber: '+31201234503',
      extension: '1003',
    });
    expect(state.user('gert@devries.example')).toMatchObject({
      packageId: 'webex_meetings',
      lastName: 'de Boer, jr.',
    });
  });

  it('step 3: 03-errors.csv adds two rows and rejects the rest', async () => {
    const rows = await importFile(state, '03-errors.csv', 'add-only');
    expect(outcome(rows)).toEqual({
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
    const codes = Object.fromEntries(rows.map((row) => [row.rowNumber, row.errors.map((e) => e.code)]));
    expect(codes).toMatchObject({
      3: ['location_required'],
      4: ['number_or_extension_required'],
      5: ['multiple_packages'],
      6: ['jabber_required'],
      7: ['invalid_boolean'],
      8: ['invalid_email'],
      9: ['duplicate_email_in_file'],
      11: ['number_not_in_location'],
    });
    expect(rows.find((row) => row.rowNumber === 10)?.warnings.map((w) => w.code)).toEqual([
      'preferred_site_missing',
    ]);
    for (const email of ['ilse', 'joost', 'karin', 'lars', 'mila', 'pim']) {
      expect(state.user(`${email}@devries.example`)).toBeNull();
    }
    expect(state.user('hank@devries.example')?.lastName).toBe('Hendriks');
  });

  it('step 4: 04-add-and-remove.csv in add-remove', async () => {
    const rows = await importFile(state, '04-add-and-remove.csv', 'add-remove');
    expect(outcome(rows)).toEqual({ 2: 'remove', 3: 'modify', 4: 'unchanged', 5: 'error' });
    expect(state.user('anna@devries.example')).toBeNull();
    expect(state.numberEntry('+31201234501')?.holder).toBeNull();
    expect(state.extensionHolder('1001')).toBeNull();
    const carla = rows[1]?.plan.changes ?? [];
    expect(carla).toContainEqual({ field: 'package', before: 'webex_meetings', after: 'webex_suite' });
    expect(carla).toContainEqual({ field: 'extension', before: null, after: '1010' });
    expect(rows[3]?.errors).toEqual([
      {
        code: 'forbidden_change',
        column: 'webex_calling_standard',
        params: { from: 'webex_suite', to: 'webex_calling_standard' },
      },
    ]);
  });

  it('step 5: an export re-imported is all unchanged', async () => {
    const records = [...state.users()].map((user) =>
      userToExportRow(user, {
        locationName: user.locationId ? (state.locationById(user.locationId)?.name ?? null) : null,
        userStatus: 'Active',
      }),
    );
    const csv = stringify([EXPORT_HEADERS as string[], ...records]);
    const rows = await importBytes(state, new TextEncoder().encode(csv), 'add-only');
    expect(rows).toHaveLength(records.length);
    expect(rows.every((row) => row.action === 'unchanged')).toBe(true);
    expect(rows.find((row) => row.email === 'eva@devries.example')?.warnings.map((w) => w.code)).toEqual([
      'preferred_site_missing',
    ]);
  });

  it('step 6: 01-add-basic.csv again', async () => {
    const rows = await importFile(state, '01-add-basic.csv', 'add-only');
    expect(outcome(rows)).toEqual({ 2: 'add', 3: 'unchanged', 4: 'modify', 5: 'unchanged', 6: 'unchanged' });
    expect(warned(rows)).toEqual([6]);
    expect(rows[2]?.plan.changes).toContainEqual({
      field: 'package',
      before: 'webex_suite',
      after: 'webex_meetings',
    });
    expect(state.user('carla@devries.example')).toMatchObject({
      packageId: 'webex_meetings',
      extension: null,
    });
    expect(state.extensionHolder('1010')).toBeNull();
  });
});

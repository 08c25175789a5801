// SPEC §6 export rules, through `hub users export` (the same service as `…/users/export.csv`):
// - a free-text cell beginning with `=`, `+`, `-` or `@` is prefixed with `'`; validated E.164
//   numbers (Phone Number, Caller ID Number) are left as they are;
// - export never writes values that were not stored (no derived defaults): a user whose time zone
//   and language are not stored exports those cells blank, even when the location has both;
// - so the export re-imported is all `unchanged`.
// Checked by breaking src/domain/csv/export-row.ts locally: neutralizing the phone number, or writing
// a default time zone for a user without one, fails the number, blank-cell and re-import tests.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ImportCliResult } from '../../src/cli/commands/users-import.ts';
import { useTestCli } from '../cli/cli-harness.ts';
import { FIXTURE_SETUP_COMMANDS } from '../helpers/fixture-setup-commands.ts';

const CUSTOMER = 'DEVRIES-001';

const HEADER = [
  'First Name',
  'Last Name',
  'Display Name',
  'User ID/Email (Required)',
  'Extension',
  'Title',
  'Department',
  'Manager',
  'Phone Number',
  'Caller ID Number',
  'Caller ID First Name',
  'Location',
  'Preferred Language',
  'Time zone',
  'Jabber with Webex Teams',
  'Jabber Calling',
  'Preferred Webex Site',
  'Webex Calling',
].join(',');

const FILE = [
  HEADER,
  // Formula characters in free text; numbers given in E.164 and in national format.
  'Anna,de Vries,=1+1,anna@devries.example,1001,+fun,-dept,@boss,+31201234501,+31201234502,+Anna,Amsterdam HQ,,,FALSE,TRUE,devries.webex.com,TRUE',
  'Bram,Jansen,,bram@devries.example,1002,,,,020 123 4503,020 123 4504,,Amsterdam HQ,,,FALSE,TRUE,devries.webex.com,TRUE',
  // No time zone or language stored; the location Utrecht has both.
  'Cees,Dekker,,cees@devries.example,1003,,,,,,,Utrecht,,,FALSE,TRUE,devries.webex.com,TRUE',
  // Time zone and language stored: exported as stored.
  'Door,Evers,,door@devries.example,1004,,,,,,,Utrecht,en_US,Europe/London,FALSE,TRUE,devries.webex.com,TRUE',
].join('\n');

type ExportRecord = Record<string, string>;

describe('users export: SPEC §6 rules', () => {
  const cli = useTestCli();
  let records: Map<string, ExportRecord>;

  it('sets up the customer, a location with a time zone and language, and the users', async () => {
    const { hub } = cli();
    for (const argv of FIXTURE_SETUP_COMMANDS) expect((await hub(...argv)).exitCode).toBe(0);
    const utrecht = await hub(
      ...['locations', 'create', '--customer', CUSTOMER, '--name', 'Utrecht', '--country', 'NL'],
      ...['--city', 'Utrecht', '--address1', 'Oudegracht 1', '--timezone', 'Europe/Amsterdam'],
      ...['--language', 'nl_NL'],
    );
    expect(utrecht.exitCode).toBe(0);
    await writeFile(path.join(cli().cwd, 'users.csv'), `${FILE}\n`);
    const imported = (
      await hub('users', 'import', '--customer', CUSTOMER, 'users.csv', '--json')
    ).json<ImportCliResult>();
    expect(imported.rows.map((row) => [row.email, row.action, row.messages])).toEqual([
      ['anna@devries.example', 'add', []],
      ['bram@devries.example', 'add', []],
      ['cees@devries.example', 'add', []],
      ['door@devries.example', 'add', []],
    ]);

    const exported = await hub('users', 'export', '--customer', CUSTOMER, '--out', 'export.csv');
    expect(exported.exitCode).toBe(0);
    const rows = parse(await readFile(path.join(cli().cwd, 'export.csv')), {
      bom: true,
      columns: true,
    }) as ExportRecord[];
    records = new Map(rows.map((row) => [row['User ID/Email (Required)']!, row]));
    expect([...records.keys()].sort()).toEqual([
      'anna@devries.example',
      'bram@devries.example',
      'cees@devries.example',
      'door@devries.example',
    ]);
  });

  it("prefixes free text that begins with =, +, - or @ with '", () => {
    expect(records.get('anna@devries.example')).toMatchObject({
      'Display Name': "'=1+1",
      Title: "'+fun",
      Department: "'-dept",
      Manager: "'@boss",
      'Caller ID First Name': "'+Anna",
      'First Name': 'Anna',
    });
  });

  it('leaves validated E.164 numbers as they are', () => {
    expect(records.get('anna@devries.example')).toMatchObject({
      'Phone Number': '+31201234501',
      'Caller ID Number': '+31201234502',
    });
    // Stored in E.164 from national input, exported as stored.
    expect(records.get('bram@devries.example')).toMatchObject({
      'Phone Number': '+31201234503',
      'Caller ID Number': '+31201234504',
    });
  });

  it("writes no time zone or language the user does not have, whatever the location's", () => {
    expect(records.get('cees@devries.example')).toMatchObject({
      Location: 'Utrecht',
      'Preferred Language': '',
      'Time zone': '',
    });
    expect(records.get('anna@devries.example')).toMatchObject({ 'Preferred Language': '', 'Time zone': '' });
    // Stored values are written (so the blanks above are not a column that is always empty).
    expect(records.get('door@devries.example')).toMatchObject({
      'Preferred Language': 'en_US',
      'Time zone': 'Europe/London',
    });
  });

  it('re-imports as all unchanged, with no message', async () => {
    for (const behaviour of ['add-only', 'add-remove']) {
      const again = (
        await cli().hub(
          ...['users', 'import', '--customer', CUSTOMER, 'export.csv', '--json', '--dry-run'],
          ...['--behaviour', behaviour],
        )
      ).json<ImportCliResult>();
      expect(again.counts).toEqual({ add: 0, modify: 0, remove: 0, unchanged: 4, error: 0, warning: 0 });
      expect(again.rows.map((row) => [row.action, row.messages])).toEqual(
        Array.from({ length: 4 }, () => ['unchanged', []]),
      );
    }
  });
});

// A partner admin's adversarial pass over SPEC §6 (with the §3–§5 rules it applies), through the
// whole import pipeline on a real database: files a spreadsheet user writes, each as a dry run
// against one customer with users in two countries. Each case names the SPEC sentence it checks.
import { buffer } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { USER_COLUMNS } from '../../src/domain/csv/user-columns.ts';
import { exportUsersCsv } from '../../src/services/exports/export-users.ts';
import type { ImportBehaviour } from '../../src/domain/users/desired-change.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { runImportFile, type ImportOutcome } from './import-helpers.ts';
import { createFixtureCustomer, type FixtureCustomer } from './import-setup.ts';

const EMAIL = 'User ID/Email (Required)';
const JABBER = 'Jabber with Webex Teams,Jabber Calling';
const SEED_HEADER = `${EMAIL},First Name,Phone Number,Extension,Location,${JABBER},Preferred Webex Site,Webex Calling,Webex Meetings,Webex Suite,Attendant Console`;
const NEW = `${JABBER},Preferred Webex Site`;

function csv(lines: readonly string[]): Uint8Array {
  return new TextEncoder().encode(lines.join('\r\n') + '\r\n');
}

interface AuditCase {
  /** The SPEC sentence the case checks. */
  readonly name: string;
  readonly lines: readonly string[];
  readonly behaviour?: ImportBehaviour;
  /** Action per row (header is row 1). */
  readonly actions: Record<number, string>;
  /** English messages per row, where they matter. */
  readonly messages?: Record<number, string[]>;
}

const cases: AuditCase[] = [
  {
    name: "SPEC §4/§6: REMOVE| of the user's own number in national format, in a row that moves the user to a location in another country, reads the number with its own location's country",
    lines: [`${EMAIL},Phone Number,Location`, 'anna@audit.example,REMOVE|020 123 4501,Brussel'],
    actions: { 2: 'modify' },
  },
  {
    name: "SPEC §6: REMOVE| of a number that is not the user's is a row error in add-remove also when the row removes the user",
    lines: [`${EMAIL},Phone Number,Webex Calling`, 'anna@audit.example,REMOVE|+31201234502,FALSE'],
    behaviour: 'add-remove',
    actions: { 2: 'error' },
    messages: { 2: ["Row 2, Phone Number: REMOVE|+31201234502: this is not the user's number."] },
  },
  {
    name: 'SPEC §6: REMOVE| of the own number in a row that removes the user (add-remove) removes the user',
    lines: [`${EMAIL},Phone Number,Webex Calling`, 'anna@audit.example,REMOVE|020 123 4501,FALSE'],
    behaviour: 'add-remove',
    actions: { 2: 'remove' },
  },
  {
    name: 'SPEC §4: numbers in national format are read with the country of their location (BE), also with 00 and spaces',
    lines: [
      `${EMAIL},${NEW},Phone Number,Location,Webex Calling`,
      'be1@audit.example,FALSE,FALSE,s,02 511 12 05,Brussel,TRUE',
      'be2@audit.example,FALSE,FALSE,s,0032 2 511 12 06,brussel ,TRUE',
      'be3@audit.example,FALSE,FALSE,s,+32 (0)2 511 12 07,BRUSSEL,TRUE',
    ],
    actions: { 2: 'add', 3: 'add', 4: 'add' },
  },
  {
    name: "SPEC §6 unchanged: a Belgian user's national number, location case and email case equal what is stored",
    lines: [`${EMAIL},Phone Number,Location,Webex Calling`, 'BEA@Audit.Example,02.511.12.01, Brussel ,t'],
    actions: { 2: 'unchanged' },
  },
  {
    name: "SPEC §4: a Dutch national number is not one of a Belgian location's numbers",
    lines: [`${EMAIL},Phone Number`, 'bea@audit.example,020 123 4502'],
    actions: { 2: 'error' },
    messages: { 2: ['Row 2, Phone Number: "020 123 4502" is not a valid phone number.'] },
  },
  {
    name: 'SPEC §4/§6: a number freed by an earlier row (its user took another) can be taken by a later row',
    lines: [
      `${EMAIL},${NEW},Phone Number,Location,Webex Calling`,
      'anna@audit.example,,,,020 123 4510,,',
      'new@audit.example,FALSE,FALSE,s,+31201234501,Amsterdam HQ,TRUE',
    ],
    actions: { 2: 'modify', 3: 'add' },
  },
  {
    name: 'SPEC §4/§6: a number is not taken from its holder by an earlier row, whatever a later row does',
    lines: [
      `${EMAIL},${NEW},Phone Number,Location,Webex Calling`,
      'new@audit.example,FALSE,FALSE,s,+31201234501,Amsterdam HQ,TRUE',
      'anna@audit.example,,,,020 123 4510,,',
    ],
    actions: { 2: 'error', 3: 'modify' },
    messages: { 2: ['Row 2, Phone Number: +31201234501 is already assigned to another user.'] },
  },
  {
    name: 'SPEC §3/§6: an extension released by a change to Meetings can be taken by a later row',
    lines: [
      `${EMAIL},${NEW},Extension,Location,Webex Calling,Webex Meetings`,
      'cas@audit.example,,,,,,,TRUE',
      'new@audit.example,FALSE,FALSE,s,1003,Amsterdam HQ,TRUE,',
    ],
    actions: { 2: 'modify', 3: 'add' },
  },
  {
    name: 'SPEC §3: the add-on is limited like a package across the rows of one file',
    lines: [`${EMAIL},Attendant Console`, 'anna@audit.example,TRUE'],
    actions: { 2: 'error' },
    messages: { 2: ['Row 2, Attendant Console: The limit of 1 for Attendant Console is used up.'] },
  },
  {
    name: 'SPEC §3: an add-on dropped by a package change (with a warning) is free for a later row',
    lines: [`${EMAIL},Webex Voice,Attendant Console`, 'cas@audit.example,TRUE,', 'anna@audit.example,,TRUE'],
    actions: { 2: 'modify', 3: 'modify' },
    messages: {
      2: ['Row 2, Attendant Console: Attendant Console was removed: it is not available with Webex Voice.'],
      3: [],
    },
  },
  {
    name: 'SPEC §2/§3: a package limit holds across the rows of one file',
    lines: [
      `${EMAIL},${NEW},Extension,Location,Customer Assist`,
      'cx1@audit.example,FALSE,FALSE,s,1101,Amsterdam HQ,TRUE',
      'cx2@audit.example,FALSE,FALSE,s,1102,Amsterdam HQ,TRUE',
    ],
    actions: { 2: 'add', 3: 'error' },
    messages: { 3: ['Row 3, Customer Assist: The limit of 1 for Customer Assist is used up.'] },
  },
  {
    name: 'SPEC §6 headers: case, spaces, a [SubscriptionId] on every kind of column, English and Dutch mixed',
    lines: [
      ' gebruikers-id/E-MAIL (verplicht) [Sub-1] ,VOORNAAM [a],Last Name [b],telefoonnummer [c],Toestel [d],' +
        'LOCATIE [e],Jabber met Webex Teams [f],jabber calling [g],Preferred Webex Site [h],Webex Calling [i],' +
        'Basisberichten [j],User Status* [k],Laatste servicegebruik,Attendant Console [l]',
      'hdr@audit.example,Hans,Dorp,,1150,amsterdam hq,ONWAAR,waar,s,WAAR,F,Active,,',
    ],
    actions: { 2: 'add' },
    messages: { 2: [] },
  },
  {
    name: 'SPEC §6: ; detected from the header line also when an unknown column holds as many commas',
    lines: ['Gebruikers-ID/e-mail (verplicht);Opmerking, intern;Functie', 'anna@audit.example;x, y;Bakker'],
    actions: { 2: 'modify' },
    messages: { 2: [] },
  },
  {
    name: 'SPEC §6: duplicate emails differing in case: error on the later row',
    lines: [`${EMAIL},Title`, 'Anna@Audit.example,Baker', 'ANNA@audit.EXAMPLE,Chef'],
    actions: { 2: 'modify', 3: 'error' },
    messages: { 3: ['Row 3, User ID/Email (Required): This email is already used in row 2 of this file.'] },
  },
  {
    name: 'SPEC §6: add-remove removing a user and adding the same email later in the file: the later row is a duplicate',
    lines: [
      `${EMAIL},${NEW},Webex Calling,Webex Meetings`,
      'dee@audit.example,,,,,FALSE',
      'dee@audit.example,FALSE,FALSE,s,,TRUE',
    ],
    behaviour: 'add-remove',
    actions: { 2: 'remove', 3: 'error' },
  },
  {
    name: 'SPEC §6: REMOVE| belongs to Phone Number only: elsewhere it is an unreadable value of that column',
    lines: [
      `${EMAIL},Extension,Location,Caller ID Number,Basic Messaging`,
      'anna@audit.example,REMOVE|1001,REMOVE|Amsterdam HQ,REMOVE|+31201234501,REMOVE|TRUE',
    ],
    actions: { 2: 'error' },
    messages: {
      2: [
        'Row 2, Basic Messaging: "REMOVE|TRUE" is not TRUE or FALSE.',
        'Row 2, Location: Location "REMOVE|Amsterdam HQ" does not exist.',
        'Row 2, Extension: Extension "REMOVE|1001" must contain digits only.',
        'Row 2, Caller ID Number: "REMOVE|+31201234501" is not a valid phone number.',
      ],
    },
  },
  {
    name: 'SPEC §3: per package, a new user without number, extension and location (Voice and Meetings need none; a missing site is only a warning)',
    lines: [
      `${EMAIL},${JABBER},Webex Voice,Webex Calling,Webex Calling Standard,Webex Meetings,Webex Suite,Customer Assist`,
      'p1@audit.example,FALSE,FALSE,TRUE,,,,,',
      'p2@audit.example,FALSE,FALSE,,TRUE,,,,',
      'p3@audit.example,FALSE,FALSE,,,TRUE,,,',
      'p4@audit.example,FALSE,FALSE,,,,TRUE,,',
      'p5@audit.example,FALSE,FALSE,,,,,TRUE,',
      'p6@audit.example,FALSE,FALSE,,,,,,TRUE',
    ],
    actions: { 2: 'add', 3: 'error', 4: 'error', 5: 'add', 6: 'error', 7: 'error' },
    messages: {
      2: [],
      3: [
        'Row 3, Extension: Webex Calling needs an Extension or a Phone Number.',
        'Row 3, Location: Webex Calling needs a Location.',
        'Row 3, Preferred Webex Site: No Preferred Webex Site for Webex Calling: meetings may not work as expected until one is set.',
      ],
      5: [
        'Row 5, Preferred Webex Site: No Preferred Webex Site for Webex Meetings: meetings may not work as expected until one is set.',
      ],
      7: [
        'Row 7, Extension: Customer Assist needs an Extension or a Phone Number.',
        'Row 7, Location: Customer Assist needs a Location.',
        'Row 7, Preferred Webex Site: No Preferred Webex Site for Customer Assist: meetings may not work as expected until one is set.',
      ],
    },
  },
  {
    name: 'SPEC §3: per package, a new user with an extension only and a location is added (number or extension suffices)',
    lines: [
      `${EMAIL},${NEW},Extension,Location,Webex Calling,Webex Calling Standard,Webex Suite,Customer Assist`,
      'q1@audit.example,FALSE,FALSE,s,1301,Amsterdam HQ,TRUE,,,',
      'q2@audit.example,FALSE,FALSE,s,1302,Rotterdam,,TRUE,,',
      'q3@audit.example,FALSE,FALSE,s,1303,Brussel,,,TRUE,',
      'q4@audit.example,FALSE,FALSE,s,1304,Amsterdam HQ,,,,TRUE',
    ],
    actions: { 2: 'add', 3: 'add', 4: 'add', 5: 'add' },
  },
  {
    name: 'SPEC §6 messages: an unreadable Jabber cell of a new user is named once, for what is wrong with it',
    lines: [`${EMAIL},${NEW},Webex Meetings`, 'jab@audit.example,YES,FALSE,s,TRUE'],
    actions: { 2: 'error' },
    messages: { 2: ['Row 2, Jabber with Webex Teams: "YES" is not TRUE or FALSE.'] },
  },
  {
    name: 'SPEC §6: a row for an unknown email that only gives a number assigns nothing: unchanged, with a warning',
    lines: [`${EMAIL},Phone Number,Location`, 'nobody@audit.example,020 123 4520,Amsterdam HQ'],
    actions: { 2: 'unchanged' },
    messages: {
      2: [
        'Row 2, User ID/Email (Required): No user with this email exists and the row assigns nothing: nothing was done.',
      ],
    },
  },
];

describe('SPEC §6 adversarial CSV files, through the import pipeline', () => {
  const database = useTestDatabase();
  let customer: FixtureCustomer;

  beforeAll(async () => {
    customer = await createFixtureCustomer(database());
    const { db } = database();
    // Sold with a limit of one each: the add-on and Customer Assist.
    await db
      .insertInto('customer_packages')
      .values(
        ['attendant_console', 'cx_essentials'].map((packageId) => ({
          customer_id: customer.customerId,
          package_id: packageId,
          limit: 1,
        })),
      )
      .execute();
    const brussel = await db
      .insertInto('locations')
      .values({
        customer_id: customer.customerId,
        name: 'Brussel',
        country: 'BE',
        city: 'Brussel',
        time_zone: 'Europe/Brussels',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('phone_numbers')
      .values(
        Array.from({ length: 20 }, (_, index) => ({
          customer_id: customer.customerId,
          location_id: brussel.id,
          e164: `+32251112${String(index).padStart(2, '0')}`,
        })),
      )
      .execute();
    const seeded = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      csv([
        SEED_HEADER,
        'anna@audit.example,Anna,020 123 4501,1001,Amsterdam HQ,FALSE,FALSE,s.webex.com,TRUE,,,',
        'bea@audit.example,Bea,02 511 12 01,,Brussel,FALSE,FALSE,s.webex.com,TRUE,,,',
        'cas@audit.example,Cas,,1003,Amsterdam HQ,FALSE,FALSE,s.webex.com,,,TRUE,TRUE',
        'dee@audit.example,Dee,,,,FALSE,FALSE,s.webex.com,,TRUE,,',
      ]),
      'add-only',
    );
    expect(seeded.byRow).toEqual({ 2: 'add', 3: 'add', 4: 'add', 5: 'add' });
  });

  it.each(cases)('$name', async (testCase) => {
    const outcome: ImportOutcome = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      csv(testCase.lines),
      testCase.behaviour ?? 'add-only',
      true,
    );
    expect({
      actions: outcome.byRow,
      messages: outcome.rows.map((row) => [row.row, row.messages]),
    }).toMatchObject({
      actions: testCase.actions,
    });
    for (const [row, messages] of Object.entries(testCase.messages ?? {}))
      expect(outcome.rows.find((result) => result.row === Number(row))?.messages).toEqual(messages);
  });
  it('SPEC §6: an export of users with every package, the add-on and every field re-imports all unchanged, also saved again by Dutch Excel (Windows-1252, ;, CRLF, Dutch headers, WAAR/ONWAAR)', async () => {
    const header =
      `First Name,Last Name,Display Name,${EMAIL},Extension,Title,Department,Manager,Phone Number,` +
      'Caller ID Number,Caller ID First Name,Caller ID Last Name,Location,Preferred Language,Time zone,' +
      `${JABBER},Preferred Webex Site,Basic Messaging,Basic Space Meetings,Calling from Webex,Webex Voice,` +
      'Webex Calling,Webex Calling Standard,Webex Meetings,Webex Suite,Customer Assist,Attendant Console';
    const added = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      csv([
        header,
        'Élise,Müller-€,=Boss,rt1@audit.example,1201,"multi\nline, ""quoted""",-Sales,@mgr,020 123 4530,' +
          '020 123 4531,+Elise,Zoë,Amsterdam HQ,nl_NL,europe/amsterdam,TRUE,TRUE,rt.webex.com,,,,,TRUE,,,,,',
        'Voi,Ce,,rt2@audit.example,,,,,02 511 12 10,+32 2 511 12 11,,,Brussel,fr_BE,Europe/Brussels,FALSE,TRUE,,' +
          ',,,TRUE,,,,,,',
        'Sta,Nd,,rt3@audit.example,1203,,,,,,,,Amsterdam HQ,,,FALSE,FALSE,rt.webex.com,,,,,,TRUE,,,,',
        'Mee,Ting,,rt4@audit.example,,’quote’ – dash,,,,,,,,,,FALSE,FALSE,,,,,,,,TRUE,,,',
        'Cx,Es,,rt5@audit.example,1205,,,,010 765 4335,,,,Rotterdam,,,TRUE,FALSE,rt.webex.com,,,,,,,,,TRUE,',
      ]),
      'add-only',
    );
    expect(added.byRow).toEqual({ 2: 'add', 3: 'add', 4: 'add', 5: 'add', 6: 'add' });
    // A user with no basic licence at all: add-remove assigns only what the file says.
    const bare = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      csv([`${EMAIL},${NEW},Webex Meetings`, 'rt6@audit.example,FALSE,FALSE,rt.webex.com,TRUE']),
      'add-remove',
    );
    expect(bare.byRow).toEqual({ 2: 'add' });

    const exported = (
      await buffer((await exportUsersCsv(customer.context, customer.customerId)).body)
    ).toString('utf8');
    const records = parse(exported.replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][];
    const dutchHeader = new Map(USER_COLUMNS.map((column) => [column.english, column.dutch]));
    const dutch = records.map((cells, index) =>
      index === 0
        ? cells.map((cell) => dutchHeader.get(cell) ?? cell)
        : cells.map((cell) => (cell === 'TRUE' ? 'WAAR' : cell === 'FALSE' ? 'ONWAAR' : cell)),
    );
    const windows1252 = iconv.encode(
      stringify(dutch, { delimiter: ';', record_delimiter: '\r\n' }),
      'windows-1252',
    );
    const files = { export: new TextEncoder().encode(exported), 'Dutch Excel': new Uint8Array(windows1252) };
    const users = records.length - 1;
    for (const [name, bytes] of Object.entries(files)) {
      for (const behaviour of ['add-only', 'add-remove'] as const) {
        const again = await runImportFile(
          database(),
          customer.context,
          customer.customerId,
          bytes,
          behaviour,
          true,
        );
        expect({ name, behaviour, actions: again.rows.map((row) => row.action) }).toEqual({
          name,
          behaviour,
          actions: Array.from({ length: users }, () => 'unchanged'),
        });
        // Warnings (no preferred site for Meetings) are reported again: the one user without a site.
        expect(again.warnedRows.map((row) => again.rows.find((result) => result.row === row)?.email)).toEqual(
          ['rt4@audit.example'],
        );
      }
    }
  });
  it('SPEC §4/§6 applied: REMOVE| of the own national number in a row that moves the user abroad frees the number and moves the user', async () => {
    const applied = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      csv([`${EMAIL},Phone Number,Location`, 'anna@audit.example,REMOVE|020 123 4501,Brussel']),
      'add-only',
    );
    expect(applied.byRow).toEqual({ 2: 'modify' });
    const anna = await database()
      .db.selectFrom('users')
      .innerJoin('locations', 'locations.id', 'users.location_id')
      .select(['users.phone_number', 'users.extension', 'locations.name'])
      .where('users.email', '=', 'anna@audit.example')
      .executeTakeFirstOrThrow();
    expect(anna).toEqual({ phone_number: null, extension: '1001', name: 'Brussel' });
    const taken = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      csv([
        `${EMAIL},${NEW},Phone Number,Location,Webex Calling`,
        'next@audit.example,FALSE,FALSE,s,+31201234501,Amsterdam HQ,TRUE',
      ]),
      'add-only',
    );
    expect(taken.byRow).toEqual({ 2: 'add' });
  });
});

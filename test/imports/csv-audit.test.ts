// A partner admin's adversarial pass over SPEC §6 (with the §3–§5 rules it applies), through the
// whole import pipeline on a real database: files a spreadsheet user writes, each as a dry run
// against one customer with users in two countries. Each case names the SPEC sentence it checks.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportBehaviour } from '../../src/domain/users/desired-change.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { runImportFile, type ImportOutcome } from './import-helpers.ts';
import { createFixtureCustomer, type FixtureCustomer } from './import-setup.ts';

const EMAIL = 'User ID/Email (Required)';
const JABBER = 'Jabber with Webex Teams,Jabber Calling';
const SEED_HEADER = `${EMAIL},First Name,Phone Number,Extension,Location,${JABBER},Preferred Webex Site,Webex Calling,Webex Meetings`;

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
];

describe('SPEC §6 adversarial CSV files, through the import pipeline', () => {
  const database = useTestDatabase();
  let customer: FixtureCustomer;

  beforeAll(async () => {
    customer = await createFixtureCustomer(database());
    const { db } = database();
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
        'anna@audit.example,Anna,020 123 4501,1001,Amsterdam HQ,FALSE,FALSE,s.webex.com,TRUE,',
        'bea@audit.example,Bea,02 511 12 01,,Brussel,FALSE,FALSE,s.webex.com,TRUE,',
      ]),
      'add-only',
    );
    expect(seeded.byRow).toEqual({ 2: 'add', 3: 'add' });
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
});

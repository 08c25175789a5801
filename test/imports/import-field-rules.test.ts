// ADR 0083 on CSV imports: a cell over its field's length limit, or with a control or bidi character,
// or a look-alike email, is a row error naming row, column and reason (en + nl); the dry run shows it
// and the apply applies the other rows. Before, the dry run said `add` and the apply failed as a whole
// with the database's message (a btree index overflow). Values stored before the rules re-import
// `unchanged`.
import { describe, expect, it } from 'vitest';
import { rowIssueMessage } from '../../src/domain/messages/row-messages.ts';
import type { RowIssue } from '../../src/domain/users/plan-issues.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { runImportFile } from './import-helpers.ts';
import { createFixtureCustomer } from './import-setup.ts';

const HEADER =
  'User ID/Email (Required),First Name,Title,Jabber with Webex Teams,Jabber Calling,Preferred Webex Site,Webex Meetings';

function csv(rows: string[]): Uint8Array {
  return new TextEncoder().encode([HEADER, ...rows].join('\r\n') + '\r\n');
}

function row(email: string, firstName: string, title = ''): string {
  return `${email},${firstName},${title},FALSE,FALSE,devries.webex.com,TRUE`;
}

describe('CSV import and the field rules', () => {
  const database = useTestDatabase();
  let serial = 0;

  it('a First Name of 3000 characters is a row error; the 50 good rows are applied', async () => {
    const customer = await createFixtureCustomer(database(), `FIELDRULES-${(serial += 1)}`);
    const good = Array.from({ length: 50 }, (_, index) => row(`good${index}@fr.example`, `Good ${index}`));
    const file = csv([...good, row('long@fr.example', 'N'.repeat(3000))]);

    const dry = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      file,
      'add-only',
      true,
    );
    const refused = dry.rows.find((result) => result.email === 'long@fr.example');
    expect(refused?.action).toBe('error');
    expect(refused?.messages).toEqual([
      `Row ${refused?.row}, First Name: The value has 3000 characters; at most 100 are allowed.`,
    ]);
    const issue = refused?.issues[0] as unknown as RowIssue;
    expect(rowIssueMessage(issue, refused?.row ?? 0, 'nl')).toBe(
      `Rij ${refused?.row}, Voornaam: De waarde heeft 3000 tekens; er zijn er hoogstens 100 toegestaan.`,
    );
    expect(dry.rows.filter((result) => result.action === 'add')).toHaveLength(50);

    const applied = await runImportFile(database(), customer.context, customer.customerId, file, 'add-only');
    expect(applied.rows.filter((result) => result.action === 'add')).toHaveLength(50);
    expect(applied.rows.find((result) => result.email === 'long@fr.example')?.action).toBe('error');
    const stored = await database()
      .db.selectFrom('users')
      .select('email')
      .where('customer_id', '=', customer.customerId)
      .execute();
    expect(stored.map((user) => user.email).sort()).toEqual(good.map((line) => line.split(',')[0]).sort());
  });

  it.each([
    ['a First Name of 101 characters', row('x@fr.example', 'N'.repeat(101)), 'First Name', 'value_too_long'],
    ['a Title of 5000 characters', row('x@fr.example', 'X', 'T'.repeat(5000)), 'Title', 'value_too_long'],
    ['a First Name with BEL', row('x@fr.example', 'Bel\u0007'), 'First Name', 'forbidden_character'],
    ['a Title with U+202E', row('x@fr.example', 'X', 'gnp\u202Eexe'), 'Title', 'forbidden_character'],
  ])('%s is a row error on its column', async (_name, line, column, code) => {
    const customer = await createFixtureCustomer(database(), `FIELDRULES-${(serial += 1)}`);
    const dry = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      csv([line]),
      'add-only',
      true,
    );
    expect(dry.rows[0]?.action).toBe('error');
    expect(dry.rows[0]?.issues.map((issue) => issue.code)).toEqual([code]);
    expect(dry.rows[0]?.messages[0]).toMatch(new RegExp(`^Row 2, ${column}: `));
  });

  it.each([
    ['a zero-width space', 'a\u200b@fr.example', 'U+200B'],
    ['full-width letters', 'ＡＢＣ@fr.example', 'U+FF41'],
  ])('an email with %s next to the plain one is refused', async (_name, email, character) => {
    const customer = await createFixtureCustomer(database(), `FIELDRULES-${(serial += 1)}`);
    const plain = email.normalize('NFKC').replace('\u200b', '').toLowerCase();
    const outcome = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      csv([row(plain, 'Plain'), row(email, 'Spoof')]),
      'add-only',
    );
    expect(outcome.rows.map((result) => result.action)).toEqual(['add', 'error']);
    expect(outcome.rows[1]?.messages[0]).toContain(
      `is not a valid email address: it contains an invisible or look-alike character (${character}).`,
    );
    const stored = await database()
      .db.selectFrom('users')
      .select('email')
      .where('customer_id', '=', customer.customerId)
      .execute();
    expect(stored.map((user) => user.email)).toEqual([plain]);
  });

  it('a user stored before the rules (an over-long title) re-imports unchanged', async () => {
    const customer = await createFixtureCustomer(database(), `FIELDRULES-${(serial += 1)}`);
    const email = 'legacy@fr.example';
    await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      csv([row(email, 'Leg')]),
      'add-only',
    );
    const title = 'T'.repeat(5000);
    await database().db.updateTable('users').set({ title }).where('email', '=', email).execute();
    const again = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      csv([row(email, 'Leg', title)]),
      'add-only',
      true,
    );
    expect(again.rows[0]?.action).toBe('unchanged');
  });
});

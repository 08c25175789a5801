// SPEC §6: a file is UTF-8, or Windows-1252 as older Excel saves it, detected over the whole file.
// The import reads its stored file twice (ADR 0015): the first pass finds the encoding and every
// later pass (dry run, apply, an apply resumed after a crash) decodes the file the same way.
import { describe, expect, it } from 'vitest';
import { createImport } from '../../src/services/imports/create-import.ts';
import { runImport } from '../../src/services/imports/run-import.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { collectOutcome, type ImportOutcome } from './import-helpers.ts';
import { bytesBody, createGeneratedCustomer, type GeneratedCustomer } from './import-setup.ts';

/** Text as bytes, where `\xNN` escapes are single bytes (Windows-1252 as Excel wrote them). */
const latin = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));

class SimulatedCrash extends Error {}

describe('import of a Windows-1252 file', () => {
  const database = useTestDatabase();

  async function upload(customer: GeneratedCustomer, bytes: Uint8Array, dryRun: boolean): Promise<string> {
    const created = await createImport(customer.context, {
      customerRef: customer.customerId,
      behaviour: 'add-only',
      dryRun,
      fileName: 'excel-1252.csv',
      body: bytesBody(bytes),
    });
    return created.id;
  }

  async function run(
    customer: GeneratedCustomer,
    bytes: Uint8Array,
    dryRun: boolean,
  ): Promise<ImportOutcome> {
    const id = await upload(customer, bytes, dryRun);
    await runImport(database().db, id, { batchSize: 1 });
    return collectOutcome(customer.context, customer.customerId, id);
  }

  const storedUser = (email: string) =>
    database()
      .db.selectFrom('users')
      .select(['first_name', 'last_name', 'title'])
      .where('email', '=', email)
      .executeTakeFirst();

  it('decodes € ’ – (0x80–0x9F) as Windows-1252, not as C1 control characters', async () => {
    const customer = await createGeneratedCustomer(database(), {
      externalId: 'CP1252',
      locationCount: 1,
      numbersPerLocation: 10,
      prefixBase: 60,
    });
    const file = latin(
      'User ID/Email (Required),Last Name,Title,Jabber with Webex Teams,Jabber Calling,Preferred Webex Site,Webex Meetings\r\n' +
        'cp1@devries.example,O\x92Brien,Sales \x96 Noord \x80,FALSE,FALSE,hub.webex.com,TRUE\r\n',
    );
    const applied = await run(customer, file, false);
    expect(applied.view.status).toBe('completed');
    expect(applied.byRow).toEqual({ 2: 'add' });
    expect(await storedUser('cp1@devries.example')).toMatchObject({
      last_name: 'O’Brien',
      title: 'Sales – Noord €',
    });
    // A dry run of the same file reads the same values: nothing to change.
    expect((await run(customer, file, true)).byRow).toEqual({ 2: 'unchanged' });
  });

  it('reads a file as Windows-1252 when its first such byte comes after the first MiB, in a dry run and in an apply resumed after a crash', async () => {
    const customer = await createGeneratedCustomer(database(), {
      externalId: 'CP1252LATE',
      locationCount: 1,
      numbersPerLocation: 10,
      prefixBase: 61,
    });
    // The unknown column's header is \xC3\xA9: valid UTF-8 (é), but Windows-1252 (Ã©) in this file.
    const file = latin(
      'User ID/Email (Required),First Name,Junk\xC3\xA9,Jabber with Webex Teams,Jabber Calling,Preferred Webex Site,Webex Meetings\n' +
        `junk@devries.example,Anna,${'x'.repeat(1_100_000)},FALSE,FALSE,hub.webex.com,TRUE\n` +
        'cp2@devries.example,Jos\xE9,,FALSE,FALSE,hub.webex.com,TRUE\n',
    );

    const dry = await run(customer, file, true);
    expect(dry.view.status).toBe('validated');
    expect(dry.byRow).toEqual({ 2: 'add', 3: 'add' });
    expect(dry.view.fileWarnings.join(' ')).toContain('JunkÃ©');

    // The apply dies after row 2's batch; the resumed run reads the file again from its start.
    const id = await upload(customer, file, false);
    await expect(
      runImport(database().db, id, {
        batchSize: 1,
        afterBatchCommitted: () => {
          throw new SimulatedCrash('killed');
        },
      }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await storedUser('cp2@devries.example')).toBeUndefined();
    await runImport(database().db, id, { batchSize: 1 });
    const applied = await collectOutcome(customer.context, customer.customerId, id);
    expect(applied.view.status).toBe('completed');
    expect(applied.byRow).toEqual({ 2: 'add', 3: 'add' });
    expect(applied.view.fileWarnings.join(' ')).toContain('JunkÃ©');
    expect(await storedUser('cp2@devries.example')).toMatchObject({ first_name: 'José' });
    expect(await storedUser('junk@devries.example')).toMatchObject({ first_name: 'Anna' });
    // A dry run of the same file now reads what the apply stored.
    expect((await run(customer, file, true)).byRow).toEqual({ 2: 'unchanged', 3: 'unchanged' });
  });
});

// The error report (SPEC §6) is "the failed rows as uploaded": a `;` upload gets a `;` report with
// the header cells as uploaded, UTF-8 with BOM; a `,` upload a `,` one.
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { errorReportCsv } from '../../src/services/imports/import-queries.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { runImportFile } from './import-helpers.ts';
import { createFixtureCustomer, type FixtureCustomer } from './import-setup.ts';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part));
  return Buffer.concat(parts).toString('utf8');
}

const encode = (text: string) => new TextEncoder().encode(text);

describe('error report delimiter', () => {
  const database = useTestDatabase();
  let customer: FixtureCustomer;

  it('sets up the fixture customer', async () => {
    customer = await createFixtureCustomer(database());
  });

  async function dryRunReport(file: string): Promise<string> {
    const outcome = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      encode(file),
      'add-only',
      true,
    );
    expect(outcome.view.status).toBe('validated');
    return readAll(await errorReportCsv(customer.context, customer.customerId, outcome.view.id));
  }

  it('writes the report of a `;` upload with `;` and the uploaded header cells', async () => {
    const header =
      'Voornaam;Achternaam ;Gebruikers-ID/e-mail (verplicht);Functie;Webex Meetings;Jabber met Webex Teams;Jabber Calling';
    const file = [
      `\uFEFF${header}`,
      'Ok;Fine;ok@devries.example;Baker;WAAR;ONWAAR;ONWAAR',
      'Bad;"de Boer; jr.";not-an-email;"Head, baking";WAAR;ONWAAR;ONWAAR',
      'Two;Packages;two@devries.example;x;JA;ONWAAR;ONWAAR',
      '',
    ].join('\r\n');
    const report = await dryRunReport(file);
    expect(report.startsWith('\uFEFF')).toBe(true);
    const lines = report.slice(1).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`${header};Error;Line`);
    expect(lines[1]).toMatch(/^Bad;"de Boer; jr\.";not-an-email;Head, baking;WAAR;ONWAAR;ONWAAR;.+;3$/);
    const records = parse(report.slice(1), { delimiter: ';' }) as string[][];
    expect(records.map((record) => record.length)).toEqual([9, 9, 9]);
    expect(records[1]?.slice(0, 4)).toEqual(['Bad', 'de Boer; jr.', 'not-an-email', 'Head, baking']);
    expect(records[1]?.[7]).toContain('not-an-email');
    expect(records[2]?.slice(0, 5)).toEqual(['Two', 'Packages', 'two@devries.example', 'x', 'JA']);
    expect(records[2]?.[8]).toBe('4');
  });

  it('writes the report of a `,` upload with `,`', async () => {
    const file = 'First Name,User ID/Email (Required),Title\nBad,not-an-email,"Head; baking"\n';
    const report = await dryRunReport(file);
    const lines = report
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe('First Name,User ID/Email (Required),Title,Error,Line');
    expect(lines[1]).toMatch(/^Bad,not-an-email,Head; baking,.+,2$/);
  });

  it('writes the report of an applied `;` upload with `;`, after its file is gone', async () => {
    const file = 'Voornaam;Gebruikers-ID/e-mail (verplicht)\r\nBad;not-an-email\r\n';
    const outcome = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      encode(file),
      'add-only',
      false,
    );
    expect(outcome.view.status).toBe('completed_with_errors');
    const chunks = await sql<{ stored: number }>`
      select count(*)::int as stored from import_file_chunks where import_id = ${outcome.view.id}`.execute(
      database().db,
    );
    expect(chunks.rows[0]?.stored).toBe(0);
    const report = await readAll(
      await errorReportCsv(customer.context, customer.customerId, outcome.view.id),
    );
    expect(report.replace(/^\uFEFF/, '').split('\n')[0]).toBe(
      'Voornaam;Gebruikers-ID/e-mail (verplicht);Error;Line',
    );
  });
});

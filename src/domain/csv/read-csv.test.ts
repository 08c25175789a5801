import { describe, expect, it } from 'vitest';
import { CsvFileError, bytesSource, openCsv, readCsvHeader, type CsvRecord } from './read-csv.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function read(bytes: Uint8Array, maxBytes?: number) {
  const opened = await openCsv(bytesSource(bytes, 5), maxBytes === undefined ? {} : { maxBytes });
  if (!opened.ok) return { error: opened.error.code };
  const records: CsvRecord[] = [];
  for await (const record of opened.records) records.push(record);
  return { opened, records };
}

describe('openCsv', () => {
  it('numbers rows as a spreadsheet does: header 1, multi-line record one row, blank lines counted and skipped', async () => {
    const text =
      'User ID/Email (Required),Title\r\na@x.nl,"two\r\nlines"\r\n\r\n,,\r\n,\r\nb@x.nl,"say ""hi"", ok"\r\n';
    const result = await read(utf8(text));
    expect(result.records?.map((r) => [r.rowNumber, r.line, r.cells()])).toEqual([
      [2, 2, ['a@x.nl', 'two\r\nlines']],
      [6, 7, ['b@x.nl', 'say "hi", ok']],
    ]);
  });

  it('strips a UTF-8 BOM from the first header and detects ;', async () => {
    const result = await read(
      utf8('\uFEFFGebruikers-ID/e-mail (verplicht);Achternaam\na@x.nl;"de Boer, jr."\n'),
    );
    expect(result.opened?.delimiter).toBe(';');
    expect(result.opened?.columns.map((c) => c.column.key)).toEqual(['email', 'lastName']);
    expect(result.records?.[0]?.cells()).toEqual(['a@x.nl', 'de Boer, jr.']);
  });

  it('decodes Windows-1252 as older Excel saves it', async () => {
    const header = utf8('User ID/Email (Required);Last Name\n');
    const row = new Uint8Array([...utf8('a@x.nl;Ren'), 0xe9, 0x0a]);
    const result = await read(new Uint8Array([...header, ...row]));
    expect(result.opened?.encoding).toBe('windows-1252');
    expect(result.records?.[0]?.cells()).toEqual(['a@x.nl', 'René']);
  });

  it('keeps UTF-8 multi-byte characters split across chunks', async () => {
    const result = await read(utf8('User ID/Email (Required),Last Name\na@x.nl,Ééénmaal\n'));
    expect(result.opened?.encoding).toBe('utf-8');
    expect(result.records?.[0]?.cells()[1]).toBe('Ééénmaal');
  });

  it('keeps characters outside the BMP whole wherever the parser is fed a new piece of text', async () => {
    // The parser is fed 64K-character pieces; put an emoji on every possible boundary offset.
    const header = 'User ID/Email (Required),Last Name\n';
    const rows: string[] = [];
    for (let row = 0, length = 0; length < 200_000; row += 1) {
      rows.push(`u${row}@x.nl,De 😀 ${'x'.repeat(row % 7)}\n`);
      length += rows[row]?.length ?? 0;
    }
    const opened = await openCsv(bytesSource(utf8(header + rows.join('')), 1 << 20));
    if (!opened.ok) throw new Error(opened.error.code);
    let checked = 0;
    for await (const record of opened.records) {
      expect(record.cells()[1]).toMatch(/^De 😀 x*$/u);
      checked += 1;
    }
    expect(checked).toBe(rows.length);
  });

  it.each([
    ['binary', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]), 'binary_file'],
    ['empty', new Uint8Array([]), 'empty_file'],
    ['blank', utf8('\r\n\r\n'), 'empty_file'],
    ['no email column', utf8('First Name,Last Name\nA,B\n'), 'missing_email_column'],
    ['duplicate field', utf8('User ID/Email (Required),Location,Locatie\n'), 'duplicate_column'],
  ])('rejects a %s file', async (_name, bytes, code) => {
    expect(await read(bytes)).toEqual({ error: code });
  });

  it('rejects a file over the size limit', async () => {
    expect(await read(utf8('User ID/Email (Required)\na@x.nl\n'), 10)).toEqual({ error: 'file_too_large' });
  });

  it('reports a malformed file as a file error, early or while streaming', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `u${i}@x.nl,ok`).join('\n');
    for (const text of [
      'User ID/Email (Required),Title\na@x.nl,"never closed\n',
      `User ID/Email (Required),Title\n${rows}\na@x.nl,"never closed\n`,
    ]) {
      const opened = await openCsv(bytesSource(utf8(text)));
      if (!opened.ok) {
        expect(opened.error.code).toBe('malformed_csv');
        continue;
      }
      const drain = async () => {
        for await (const record of opened.records) void record;
      };
      await expect(drain()).rejects.toBeInstanceOf(CsvFileError);
    }
  });

  it('passes on a failing byte source as it is, not as a malformed file', async () => {
    const failure = new Error('connection lost');
    const source = (async function* chunks() {
      yield utf8(`User ID/Email (Required),Title\n${'a@x.nl,ok\n'.repeat(120_000)}`);
      throw failure;
    })();
    const opened = await openCsv(source);
    if (!opened.ok) throw new Error(opened.error.code);
    const drain = async () => {
      for await (const record of opened.records) void record;
    };
    await expect(drain()).rejects.toBe(failure);
  });
});

describe('readCsvHeader', () => {
  const header = async (text: string | Uint8Array) => {
    const bytes = typeof text === 'string' ? utf8(text) : text;
    return readCsvHeader(() => bytesSource(bytes, 5));
  };
  const whatOpenCsvTells = async (text: string) => {
    const opened = await openCsv(bytesSource(utf8(text), 5));
    if (!opened.ok) return opened;
    opened.close();
    const { ok, encoding, delimiter, headers, columns, fileWarnings } = opened;
    return { ok, encoding, delimiter, headers, columns, fileWarnings };
  };

  it('tells what openCsv tells of the header, for simple files and for those only csv-parse reads', async () => {
    for (const text of [
      '\uFEFFVoornaam;User ID/Email (Required);Webex Calling [Sub1]\r\nAnna;a@x.nl;WAAR\r\n',
      '"User ID/Email (Required)","Title, Dept"\n"a@x.nl","x"\n',
      // A stray quote in the first rows: the simple reader gives up, csv-parse reads it.
      'User ID/Email (Required),Title\na@x.nl,5" screen\n',
      'User ID/Email (Required),Bogus Column,Bogus Column\n',
    ]) {
      const expected = await whatOpenCsvTells(text);
      expect(expected.ok, text).toBe(true);
      expect(await header(text), text).toEqual(expected);
    }
  });

  it('refuses what openCsv refuses', async () => {
    expect(await header('Title,Name\nx,y\n')).toEqual(await whatOpenCsvTells('Title,Name\nx,y\n'));
    expect(await header('')).toMatchObject({ ok: false, error: { code: 'empty_file' } });
    expect(await header(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))).toMatchObject({
      ok: false,
      error: { code: 'binary_file' },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { NotUtf8Text } from './detect-encoding.ts';
import {
  CsvFileError,
  bytesSource,
  openCsv,
  readCsvHeader,
  readWithFallbacks,
  type CsvRecord,
  type OpenCsvOptions,
} from './read-csv.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Text as bytes, where `\xNN` escapes are single bytes (Windows-1252 as Excel wrote them). */
const latin = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

/** Rows, lines and cells of every data record, or the file's problem. */
async function readRecords(bytes: Uint8Array, options: OpenCsvOptions = {}, chunkBytes = 7) {
  const opened = await openCsv(bytesSource(bytes, chunkBytes), options);
  if (!opened.ok) return { error: opened.error };
  const records: [number, number, readonly string[]][] = [];
  try {
    for await (const record of opened.records) records.push([record.rowNumber, record.line, record.cells()]);
  } catch (error) {
    if (error instanceof CsvFileError) return { error: error.issue };
    throw error;
  }
  return { encoding: opened.encoding, delimiter: opened.delimiter, headers: opened.headers, records };
}

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

  it.each([
    ['a stray CR in an LF file', 'User ID/Email (Required),Title\na@x.nl,A\rb@x.nl,B\nc@x.nl,C\n'],
    ['a bare LF in a CRLF file', 'User ID/Email (Required),Title\r\na@x.nl,A\nb@x.nl,B\r\nc@x.nl,C\r\n'],
    [
      'CR only, as old Mac spreadsheets wrote',
      'User ID/Email (Required),Title\ra@x.nl,A\rb@x.nl,B\rc@x.nl,C',
    ],
  ])('ends a row at every line break a spreadsheet sees: %s', async (_name, text) => {
    const rows = [
      [2, 2, ['a@x.nl', 'A']],
      [3, 3, ['b@x.nl', 'B']],
      [4, 4, ['c@x.nl', 'C']],
    ];
    // The simple reader gives such a file up; csv-parse reads it, as readWithFallbacks arranges.
    expect((await readRecords(utf8(text), { simple: false }, 4)).records).toEqual(rows);
    const viaFallback = await readWithFallbacks({}, async (readAs) => readRecords(utf8(text), readAs, 4));
    expect(viaFallback.records).toEqual(rows);
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

  it.each([true, false])(
    'decodes € ’ – (0x80–0x9F) as Windows-1252 does, not as C1 control characters (simple reader: %s)',
    async (simple) => {
      const bytes = latin(
        'User ID/Email (Required),Last Name,Title\r\ncp1@devries.example,O\x92Brien,Sales \x96 Noord \x80\r\n',
      );
      expect(await readRecords(bytes, { simple })).toMatchObject({
        encoding: 'windows-1252',
        records: [[2, 2, ['cp1@devries.example', 'O’Brien', 'Sales – Noord €']]],
      });
    },
  );

  describe('a file valid as UTF-8 for its first MiB, with a Windows-1252 byte after it', () => {
    const bytes = latin(
      'User ID/Email (Required),First Name,Junk\n' +
        `junk@devries.example,,${'x'.repeat(1_100_000)}\n` +
        'cp1@devries.example,Jos\xe9,\n',
    );

    it.each([true, false])(
      'is refused as UTF-8 while it is read, never decoded with U+FFFD (simple reader: %s)',
      async (simple) => {
        await expect(readRecords(bytes, { simple }, 64 * 1024)).rejects.toBeInstanceOf(NotUtf8Text);
      },
    );

    it.each([true, false])('is read as Windows-1252 when told (simple reader: %s)', async (simple) => {
      const read = await readRecords(bytes, { simple, encoding: 'windows-1252' }, 64 * 1024);
      expect(read.encoding).toBe('windows-1252');
      expect(read.records?.[1]).toEqual([3, 3, ['cp1@devries.example', 'José', '']]);
    });
  });

  it('reads a UTF-8 file with a BOM as Windows-1252 when told so, BOM left out', async () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...latin('User ID/Email (Required),First Name\na@x.nl,Jos\xe9\n'),
    ]);
    expect(await readRecords(bytes, { simple: true, encoding: 'windows-1252' })).toMatchObject({
      headers: ['User ID/Email (Required)', 'First Name'],
      records: [[2, 2, ['a@x.nl', 'José']]],
    });
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

  it('keeps characters whole where a chunk after the first MiB is decoded a slice of bytes at a time', async () => {
    // Chunks after the sniffed start are decoded 64 KiB of bytes at a time: rows of varying
    // length put 3- and 4-byte characters across every slice boundary.
    const header = 'User ID/Email (Required),Last Name\n';
    const rows: string[] = [];
    for (let row = 0, length = 0; length < 1_500_000; row += 1) {
      rows.push(`u${row}@x.nl,De 😀€ ${'x'.repeat(row % 11)}\n`);
      length += rows[row]?.length ?? 0;
    }
    const opened = await openCsv(bytesSource(utf8(header + rows.join('')), 300_000));
    if (!opened.ok) throw new Error(opened.error.code);
    let checked = 0;
    for await (const record of opened.records) {
      expect(record.cells()[1]).toMatch(/^De 😀€ x*$/u);
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

  it.each([
    ['unterminated quote on row 2', 'User ID/Email (Required),Title\na@x.nl,"never closed\n', 2],
    [
      'unterminated quote on row 4',
      'User ID/Email (Required),Title\na@x.nl,x\nb@x.nl,y\nc@x.nl,"open\nd@x.nl,z\n',
      4,
    ],
    [
      'unterminated quote after blank and multi-line rows',
      'User ID/Email (Required),Title\r\n\r\na@x.nl,"two\r\nlines"\r\n,\r\nb@x.nl,"open\r\n',
      5,
    ],
    [
      'unterminated quote after 5,000 rows',
      `User ID/Email (Required),Title\n${'a@x.nl,ok\n'.repeat(5000)}b@x.nl,"open\n`,
      5002,
    ],
    [
      'unterminated quote after a blank line before the header',
      '\nUser ID/Email (Required),Title\na@x.nl,"open\n',
      3,
    ],
  ])('names the row of a malformed record: %s', async (_name, text, row) => {
    const read = await readRecords(utf8(text), { simple: false });
    expect(read.error).toMatchObject({ code: 'malformed_csv', row, reason: 'unclosed_quote' });
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

describe('blank lines before the header', () => {
  // SPEC §6: an empty line is a row that is skipped, before the header too. Rows keep the
  // numbers a spreadsheet shows, so the header is not row 1 here.
  it.each([
    ['an empty line', '\nUser ID/Email (Required),Title\na@x.nl,x\n', ',', [[3, 3, ['a@x.nl', 'x']]]],
    [
      'empty CRLF lines',
      '\r\n\r\nUser ID/Email (Required),Title\r\na@x.nl,x\r\n',
      ',',
      [[4, 4, ['a@x.nl', 'x']]],
    ],
    [
      'a row of delimiters',
      ';;\nUser ID/Email (Required);Title\na@x.nl;"x, y"\n',
      ';',
      [[3, 3, ['a@x.nl', 'x, y']]],
    ],
    [
      'spaces and a BOM',
      '\uFEFF  \n,\nUser ID/Email (Required),Title\na@x.nl,x\n',
      ',',
      [[4, 4, ['a@x.nl', 'x']]],
    ],
    [
      'a quoted blank line over two lines',
      '"\n";\n"User ID/Email (Required)";Title;Extension\na@x.nl;x;1\n',
      ';',
      [[3, 4, ['a@x.nl', 'x', '1']]],
    ],
  ])(
    'skips %s, reads the header after it, and numbers rows as a spreadsheet does (both readers)',
    async (_name, text, delimiter, records) => {
      for (const simple of [true, false]) {
        const read = await readRecords(utf8(text), { simple });
        expect(read, `${JSON.stringify(text)} simple: ${simple}`).toMatchObject({ delimiter, records });
        expect(read.headers?.[0]).toBe('User ID/Email (Required)');
      }
    },
  );

  it.each(['\n\n', ' \n , \n', ',,\r\n , \r\n'])(
    'finds no header in a file of blank lines only (%j): the file is empty',
    async (text) => {
      for (const simple of [true, false])
        expect(await readRecords(utf8(text), { simple })).toEqual({ error: { code: 'empty_file' } });
    },
  );
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

  it('reads the header after blank lines', async () => {
    expect(await header('\r\n;;\r\nVoornaam;User ID/Email (Required)\r\nAnna;a@x.nl\r\n')).toMatchObject({
      ok: true,
      delimiter: ';',
      headers: ['Voornaam', 'User ID/Email (Required)'],
    });
  });

  it('takes a character cut off at the end of the start of a file for a cut, not for Windows-1252', async () => {
    // The upload checks the header of its first chunk: a UTF-8 é may be cut in two there.
    const start = utf8('User ID/Email (Required),Opmerking \u00a0\na@x.nl,Ren\u00e9').slice(0, -1);
    const read = (options: OpenCsvOptions) => readCsvHeader(() => bytesSource(start, 5), options);
    expect(await read({ startOnly: true })).toMatchObject({
      encoding: 'utf-8',
      headers: ['User ID/Email (Required)', 'Opmerking \u00a0'],
    });
    expect(await read({})).toMatchObject({ encoding: 'windows-1252' });
  });

  it('reads the header as told when the file is known to be Windows-1252', async () => {
    // \xC3\xA9 is é in UTF-8, and Ã© in Windows-1252: only the whole file tells which.
    const bytes = latin('User ID/Email (Required),Notitie \xc3\xa9\na@x.nl,x\n');
    expect(await readCsvHeader(() => bytesSource(bytes, 5))).toMatchObject({
      encoding: 'utf-8',
      headers: ['User ID/Email (Required)', 'Notitie é'],
    });
    expect(await readCsvHeader(() => bytesSource(bytes, 5), { encoding: 'windows-1252' })).toMatchObject({
      encoding: 'windows-1252',
      headers: ['User ID/Email (Required)', 'Notitie Ã©'],
    });
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

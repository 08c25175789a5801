import { describe, expect, it } from 'vitest';
import { bytesSource, openCsv } from './read-csv.ts';
import { NotSimpleCsv, simpleCsvRecords, splitRaw } from './simple-csv.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Everything openCsv gives, read by csv-parse or by the simple reader, in small chunks. */
async function readAll(bytes: Uint8Array, simple: boolean, chunkBytes = 7) {
  const opened = await openCsv(bytesSource(bytes, chunkBytes), { simple });
  if (!opened.ok) return { error: opened.error };
  const records: { rowNumber: number; line: number; cells: readonly string[] }[] = [];
  for await (const record of opened.records)
    records.push({ rowNumber: record.rowNumber, line: record.line, cells: record.cells() });
  const { headers, columns, fileWarnings, delimiter, encoding } = opened;
  return { headers, columns, fileWarnings, delimiter, encoding, records };
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A file quoted as spreadsheets write it: ragged rows, blank lines, quotes and breaks in fields. */
function randomFile(random: () => number, delimiter: ',' | ';', lineBreak: string, rows = 150): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const quote = (value: string) =>
    value.includes('"') || value.includes(delimiter) || /[\r\n]/.test(value) || random() < 0.1
      ? `"${value.replaceAll('"', '""')}"`
      : value;
  const header = pick([
    ['Title', 'User ID/Email (Required)', 'Extension'],
    ['User ID/Email (Required)', 'Title'],
    ['First Name', 'Last Name', 'User ID/Email (Required)'],
  ]);
  const emailAt = header.indexOf('User ID/Email (Required)');
  const lines = [header.map(quote).join(delimiter)];
  for (let row = 0; row < rows; row += 1) {
    const email = pick([
      'a@x.nl',
      'A@X.NL',
      ' b@x.nl ',
      "'=c@x.nl",
      `u${Math.floor(random() * 50)}@x.nl`,
      '',
      'd"q@x.nl',
    ]);
    const other = () =>
      pick(['', 'x', ' y ', 'é', `de Boer${delimiter} jr.`, 'say "hi"', 'two\nlines', 'two\r\nlines', '"']);
    const cells = header.map((_, column) => (column === emailAt ? email : other()));
    const ragged = random() < 0.1 ? cells.slice(0, Math.floor(random() * cells.length)) : cells;
    const blankRow = pick(['', '   ', delimiter.repeat(2), ` ${delimiter} `, `"  "${delimiter}`, '"\n"']);
    lines.push(random() < 0.08 ? blankRow : ragged.map(quote).join(delimiter));
  }
  return lines.join(lineBreak) + (random() < 0.5 ? lineBreak : '');
}

describe('simple CSV reader', () => {
  it('reads what csv-parse reads from quoted files, rows and lines numbered alike, in chunks of any size', async () => {
    const random = seededRandom(42);
    for (let file = 0; file < 60; file += 1) {
      const delimiter = file % 2 ? ';' : ',';
      const lineBreak = file % 3 ? '\n' : '\r\n';
      // Some files start with blank rows before the header (skipped, and counted as rows).
      const blankStart = file % 4 === 1 ? `${lineBreak} ${delimiter}${lineBreak}` : '';
      const text = blankStart + randomFile(random, delimiter, lineBreak);
      const bytes = utf8(file % 5 === 0 ? `\uFEFF${text}` : text);
      const expected = await readAll(bytes, false);
      expect(expected.records?.length).toBeGreaterThan(100);
      expect(await readAll(bytes, true, 1 + (file % 13))).toEqual(expected);
      expect(await readAll(bytes, true, 1 << 20)).toEqual(expected);
    }
  });

  it('reads the same records in slices of any size, and one column of them alike (blank ones left out)', async () => {
    const random = seededRandom(7);
    /** The text in slices of 1–13 characters, as the reader may get it. */
    async function* slicesOf(text: string) {
      for (let start = 0; start < text.length;) {
        const end = start + 1 + Math.floor(random() * 13);
        yield text.slice(start, end);
        start = end;
      }
    }
    const read = async (text: string, delimiter: ',' | ';', column: number | null, whole = false) => {
      const records: string[][] = [];
      const slices = whole
        ? (async function* all() {
            yield text;
          })()
        : slicesOf(text);
      for await (const piece of simpleCsvRecords(slices, delimiter, { column }))
        records.push(...piece.records.map((raw) => splitRaw(raw, delimiter)));
      return records;
    };
    for (let file = 0; file < 30; file += 1) {
      const delimiter = file % 2 ? ';' : ',';
      const text = randomFile(random, delimiter, file % 3 ? '\n' : '\r\n');
      const records = await read(text, delimiter, null);
      expect(records).toEqual(await read(text, delimiter, null, true));
      const filled = records.filter((cells) => cells.some((cell) => cell.trim() !== ''));
      // Index 3 is past the widest header: every row is short there.
      for (const column of [0, 1, 2, 3]) {
        const expected = filled.map((cells) => [cells[column] ?? '']);
        expect(await read(text, delimiter, column)).toEqual(expected);
      }
    }
  });

  it("gives openCsv's data records one column at a time, across pieces of text", async () => {
    const random = seededRandom(11);
    for (let file = 0; file < 4; file += 1) {
      // ~3,000 rows: more than one piece of text, so the reader changes shape on the way.
      const bytes = utf8(randomFile(random, file % 2 ? ';' : ',', file % 3 ? '\n' : '\r\n', 3000));
      const whole = await readAll(bytes, true, 1 << 20);
      for (const index of [0, 1, 2]) {
        const opened = await openCsv(bytesSource(bytes, 1 << 20), { simple: true });
        if (!opened.ok || !opened.cellsOfColumn) throw new Error('not opened as simple CSV');
        const cells: string[] = [];
        for await (const piece of opened.cellsOfColumn(index)) cells.push(...piece);
        expect(cells).toEqual(whole.records?.map((record) => record.cells[index] ?? ''));
      }
    }
  });

  it('gives one column only for a column that exists, and whole records no longer after it', async () => {
    const open = async () => {
      const opened = await openCsv(bytesSource(utf8('User ID/Email (Required),Title\na@x.nl,x\n')), {
        simple: true,
      });
      if (!opened.ok || !opened.cellsOfColumn) throw new Error('not opened as simple CSV');
      return { opened, cellsOfColumn: opened.cellsOfColumn };
    };
    const drain = async (pieces: AsyncIterable<unknown>) => {
      for await (const piece of pieces) void piece;
    };
    await expect(drain((await open()).cellsOfColumn(-1))).rejects.toBeInstanceOf(RangeError);
    const { opened, cellsOfColumn } = await open();
    await drain(cellsOfColumn(0));
    await expect(drain(opened.batches)).rejects.toThrow(/cellsOfColumn/);
  });

  it('reads a blank line that starts a slice of an LF file as a blank line, not as a CRLF one', async () => {
    const text = 'User ID/Email (Required),Title\na@x.nl,x\n\nb@x.nl,y\n';
    const at = text.indexOf('\n\n') + 1;
    const slices = (async function* two() {
      yield text.slice(0, at);
      yield text.slice(at);
    })();
    const records: string[][] = [];
    for await (const piece of simpleCsvRecords(slices, ','))
      records.push(...piece.records.map((raw) => splitRaw(raw, ',')));
    expect(records).toEqual([['User ID/Email (Required)', 'Title'], ['a@x.nl', 'x'], [''], ['b@x.nl', 'y']]);
  });

  it('reads Windows-1252 files as decoded', async () => {
    const bytes = Uint8Array.from([
      ...utf8('User ID/Email (Required),Last Name\r\nA@x.nl,'),
      0x92,
      0xe9,
      0x80,
      ...utf8('\r\n'),
    ]);
    expect((await readAll(bytes, true)).records?.map((record) => record.cells)).toEqual([['A@x.nl', '’é€']]);
  });

  it('gives up where csv-parse might read otherwise: stray quotes, text after a closing quote, lone CR, mixed breaks', async () => {
    const header = 'User ID/Email (Required),Title';
    for (const text of [
      `${header}\na@x.nl,5" screen\n`,
      `${header}\na@x.nl,"x"y\n`,
      `${header}\na@x.nl,"open\n`,
      `${header}\r\na@x.nl,x\nb@x.nl,y\r\n`,
      `${header}\na@x.nl,x\r\nb@x.nl,y\n`,
      `${header}\na@x.nl,x\rb@x.nl\n`,
      `${header}\ra@x.nl,x\r`,
      `${header}\r\na@x.nl,"x"\r`,
    ]) {
      const batches = simpleCsvRecords(
        (async function* slices() {
          yield text;
        })(),
        ',',
      );
      const drain = async () => {
        for await (const batch of batches) void batch;
      };
      await expect(drain(), JSON.stringify(text)).rejects.toBeInstanceOf(NotSimpleCsv);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { bytesSource, openCsv, openCsvText } from './read-csv.ts';
import { readEmailColumn } from './read-email-column.ts';
import { emailColumnIndex } from './row-to-change.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The email cells of the data rows as the planning pass reads them (openCsv, csv-parse). */
async function cellsByCsvParse(bytes: Uint8Array): Promise<(string | undefined)[]> {
  const opened = await openCsv(bytesSource(bytes, 7));
  if (!opened.ok) throw new Error(opened.error.code);
  const index = emailColumnIndex(opened.columns);
  const cells: (string | undefined)[] = [];
  for await (const record of opened.records) cells.push(record.cells[index]);
  return cells;
}

/** The same through readEmailColumn (its blank rows left out, as openCsv does), or null when it gives up. */
async function cellsByReader(bytes: Uint8Array, chunkBytes = 7): Promise<(string | undefined)[] | null> {
  const opened = await openCsv(bytesSource(bytes));
  const text = await openCsvText(bytesSource(bytes, chunkBytes));
  if (!opened.ok || !text.ok) throw new Error('not a CSV');
  const cells: (string | undefined)[] = [];
  const read = await readEmailColumn(
    text.text,
    text.delimiter,
    emailColumnIndex(opened.columns),
    (cell, blank) => {
      if (!blank) cells.push(cell);
    },
  );
  return read ? cells : null;
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A file quoted as spreadsheets write it: ragged rows, blank lines, quotes and breaks in fields. */
function randomFile(random: () => number, delimiter: ',' | ';', lineBreak: string): string {
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
  for (let row = 0; row < 150; row += 1) {
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

describe('readEmailColumn', () => {
  it('reads the same email cells as csv-parse from quoted files, in chunks of any size', async () => {
    const random = seededRandom(42);
    for (let file = 0; file < 60; file += 1) {
      const text = randomFile(random, file % 2 ? ';' : ',', file % 3 ? '\n' : '\r\n');
      const bytes = utf8(file % 5 === 0 ? `\uFEFF${text}` : text);
      const expected = await cellsByCsvParse(bytes);
      expect(await cellsByReader(bytes, 1 + (file % 13))).toEqual(expected);
      expect(await cellsByReader(bytes, 1 << 20)).toEqual(expected);
    }
  });

  it('reads Windows-1252 files as decoded', async () => {
    const bytes = Uint8Array.from([
      ...utf8('User ID/Email (Required),Last Name\r\nA@x.nl,'),
      0xe9,
      ...utf8('\r\n'),
    ]);
    expect(await cellsByReader(bytes)).toEqual(['A@x.nl']);
  });

  it('hands over what csv-parse might read otherwise: stray quotes, text after a closing quote, lone CR, mixed breaks', async () => {
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
      const opened = await openCsvText(bytesSource(utf8(text), 5));
      if (!opened.ok) throw new Error('not a CSV');
      const read = await readEmailColumn(opened.text, opened.delimiter, 0, () => undefined);
      expect(read, JSON.stringify(text)).toBe(false);
    }
  });
});

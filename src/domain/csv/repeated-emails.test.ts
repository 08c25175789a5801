import { describe, expect, it } from 'vitest';
import { NumberKeyMap } from '../../lib/number-key-map.ts';
import { bytesSource, CsvFileError, openCsv } from './read-csv.ts';
import { emailFingerprint, RepeatedEmails, scanFileEmails } from './repeated-emails.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('scanFileEmails', () => {
  const scan = async (text: string) => {
    const bytes = utf8(text);
    const scanned = await scanFileEmails(() => bytesSource(bytes, 9));
    if (!scanned.ok) throw new Error(scanned.error.code);
    return scanned;
  };
  const repeated = async (text: string) => (await scan(text)).repeated;

  it('finds the emails on more than one row, read as the planner reads them', async () => {
    const found = await repeated(
      'Title,User ID/Email (Required)\nx,A@x.nl\ny, a@x.nl \nz,b@x.nl\n,\nw,c@x.nl\nv,C@X.NL\n',
    );
    expect(found.size).toBe(2);
    expect(found.has(emailFingerprint('a@x.nl'))).toBe(true);
    expect(found.has(emailFingerprint('c@x.nl'))).toBe(true);
    expect(found.has(emailFingerprint('b@x.nl'))).toBe(false);
  });

  it('reads quoted fields, a multi-line one included, with the simple reader', async () => {
    const found = await repeated(
      'Title,User ID/Email (Required)\n"two\nlines",a@x.nl\n"say ""hi""",b@x.nl\nx,a@x.nl\n',
    );
    expect([...found.entries()].map(([fingerprint]) => fingerprint)).toEqual([emailFingerprint('a@x.nl')]);
  });

  it('never counts the header', async () => {
    const found = await repeated('User ID/Email (Required)\nuser id/email (required)\n');
    expect(found.size).toBe(0);
  });

  it('counts the data rows as openCsv yields them, blank rows left out, with or without quotes', async () => {
    for (const text of [
      'User ID/Email (Required),Title\na@x.nl,x\n,\n\n , \n,y\nb@x.nl,\n',
      'User ID/Email (Required),Title\na@x.nl,"x"\n,\n\n" ", \n,"y\nz"\nb@x.nl,\n',
      'User ID/Email (Required),Title\na@x.nl,5" screen\n,\n,y\n',
    ]) {
      const opened = await openCsv(bytesSource(utf8(text)));
      if (!opened.ok) throw new Error(opened.error.code);
      let rows = 0;
      for await (const _record of opened.records) rows += 1;
      expect((await scan(text)).rows, JSON.stringify(text)).toBe(rows);
      // The last file has a quote inside an unquoted field: csv-parse reads it.
      expect((await scan(text)).simple).toBe(!text.includes('5"'));
    }
  });

  it('rejects a file that csv-parse cannot read, as the planning pass would', async () => {
    // Found while streaming (after 2,000 good rows), or at once: thrown, or returned.
    const good = 'a@x.nl,ok\n'.repeat(2000);
    for (const body of [`${good}b@x.nl,"x"y\nc@x.nl,"open\n`, 'b@x.nl,"x"y\nc@x.nl,"open\n']) {
      const bytes = utf8(`User ID/Email (Required),Title\n${body}`);
      const outcome = await scanFileEmails(() => bytesSource(bytes, 9)).then(
        (scanned) => (scanned.ok ? null : scanned.error),
        (error: unknown) => (error instanceof CsvFileError ? error.issue : error),
      );
      expect(outcome).toMatchObject({ code: 'malformed_csv' });
    }
  });
});

describe('scanFileEmails: the encoding of the whole file', () => {
  /** Text as bytes, where `\xNN` escapes are single bytes (Windows-1252 as Excel wrote them). */
  const latin = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
  const junk = `junk@devries.example,${'x'.repeat(1_100_000)}\n`;

  it.each([
    ['UTF-8', 'User ID/Email (Required),First Name\na@x.nl,Ren\u00e9\n', 'utf-8', true],
    [
      'Windows-1252 at its start',
      latin('User ID/Email (Required),First Name\na@x.nl,Ren\xe9\n'),
      'windows-1252',
      true,
    ],
    [
      'Windows-1252 only after the first MiB',
      latin(`User ID/Email (Required),Junk\n${junk}cp1@devries.example,Jos\xe9\n`),
      'windows-1252',
      true,
    ],
    [
      'Windows-1252 only after the first MiB, not simple CSV',
      latin(`User ID/Email (Required),Junk\n${junk}a@x.nl,5" screen\ncp1@devries.example,Jos\xe9\n`),
      'windows-1252',
      false,
    ],
    [
      'not simple CSV after the first MiB, Windows-1252 after that',
      latin(`User ID/Email (Required),Junk\n${junk}a@x.nl,"x"y\n${junk}cp1@devries.example,Jos\xe9\n`),
      'windows-1252',
      false,
    ],
  ])(
    'tells the next pass the encoding and the reader of a file that is %s',
    async (_name, text, encoding, simple) => {
      const bytes = typeof text === 'string' ? utf8(text) : text;
      const scanned = await scanFileEmails(() => bytesSource(bytes, 64 * 1024));
      expect(scanned).toMatchObject({ ok: true, encoding, simple });
      // The next pass, told both, reads every row as the file has it.
      const opened = await openCsv(bytesSource(bytes, 64 * 1024), scanned.ok ? scanned : {});
      if (!opened.ok) throw new Error(opened.error.code);
      const cells: string[] = [];
      for await (const record of opened.records) cells.push(record.cells()[1] ?? '');
      expect(cells.length).toBe(scanned.ok ? scanned.rows : -1);
      expect(cells.at(-1)).toMatch(/^(Jos|Ren)é$/);
    },
  );

  it('names the row where a quote is left open', async () => {
    const bytes = utf8('User ID/Email (Required),Title\na@x.nl,"never closed\nb@x.nl,x\n');
    const outcome = await scanFileEmails(() => bytesSource(bytes, 9)).then(
      (scanned) => (scanned.ok ? null : scanned.error),
      (error: unknown) => (error instanceof CsvFileError ? error.issue : error),
    );
    expect(outcome).toMatchObject({ code: 'malformed_csv', row: 2 });
  });
});

describe('RepeatedEmails', () => {
  it('answers exactly, and remembers only emails whose fingerprint repeats', () => {
    const fingerprints = new NumberKeyMap();
    // a and b share no email, but both fingerprints are listed (as a collision would list them).
    for (const email of ['a@x.nl', 'b@x.nl']) fingerprints.set(emailFingerprint(email), 1);
    const seen = new RepeatedEmails(fingerprints);
    expect(seen.firstRowOf('a@x.nl', 2)).toBeUndefined();
    expect(seen.firstRowOf('b@x.nl', 3)).toBeUndefined();
    expect(seen.firstRowOf('c@x.nl', 4)).toBeUndefined();
    expect(seen.firstRowOf('a@x.nl', 5)).toBe(2);
    expect(seen.firstRowOf('c@x.nl', 6)).toBeUndefined();
    expect(seen.emailOfFirstRow(2)).toBe('a@x.nl');
    expect(seen.emailOfFirstRow(3)).toBe('b@x.nl');
    expect(seen.emailOfFirstRow(4)).toBeUndefined();
    expect(seen.emailOfFirstRow(5)).toBeUndefined();
  });

  it('gives different emails different fingerprints, all safe integers', () => {
    const fingerprints = Array.from({ length: 50_000 }, (_, index) =>
      emailFingerprint(`first.last${index}@customer.example`),
    );
    expect(fingerprints.every((fingerprint) => Number.isSafeInteger(fingerprint) && fingerprint >= 0)).toBe(
      true,
    );
    expect(new Set(fingerprints).size).toBe(50_000);
  });
});

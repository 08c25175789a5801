// The duplicate rule (SPEC §6) for files of any size, with memory that does not follow the file
// (ADR 0015). A first pass counts a 53-bit fingerprint of every row's email. Only emails whose
// fingerprint occurs more than once can repeat. The planning pass then remembers exactly those
// emails (and their first rows), and nothing of the others. The fingerprints only narrow down
// which emails to remember, and the comparison that decides stays exact: a fingerprint collision
// costs one email of memory, never a wrong answer.
import { NumberKeyMap } from '../../lib/number-key-map.ts';
import type { MappedColumn } from './map-header.ts';
import type { SeenEmails } from './plan-csv-rows.ts';
import { CsvFileError, openCsv, openCsvText, type OpenCsvOptions } from './read-csv.ts';
import { readEmailColumn } from './read-email-column.ts';
import { emailColumnIndex, readEmailCell } from './row-to-change.ts';

/** Two 32-bit string hashes (FNV-1a and a multiply-rotate), 32 + 21 bits: exact in a double. */
export function emailFingerprint(email: string): number {
  let first = 0x811c9dc5;
  let second = 0x9747b28c;
  for (let index = 0; index < email.length; index += 1) {
    const unit = email.charCodeAt(index);
    first = Math.imul(first ^ unit, 0x01000193);
    second = Math.imul(second ^ unit, 0x5bd1e995);
    second ^= second >>> 15;
  }
  first = Math.imul(first ^ (first >>> 16), 0x85ebca6b);
  first ^= first >>> 13;
  second = Math.imul(second ^ (second >>> 13), 0xc2b2ae35);
  second ^= second >>> 16;
  return (first >>> 0) * 0x20_0000 + (second >>> 11);
}

/** What the first pass learns of a file. */
export interface FileEmailScan {
  /** Fingerprints of the emails on more than one data row. */
  readonly repeated: NumberKeyMap;
  /** Data rows (blank rows not counted), as openCsv yields them. */
  readonly rows: number;
}

/**
 * Reads the whole file once (which also shows it reads as CSV): its data rows and the
 * fingerprints of the emails that occur on more than one. `openSource` reads the file from its
 * start each time it is called (a second time when csv-parse has to read it).
 */
export async function scanFileEmails(
  openSource: () => AsyncIterable<Uint8Array>,
  columns: readonly MappedColumn[],
  options: OpenCsvOptions = {},
): Promise<FileEmailScan> {
  const emailIndex = emailColumnIndex(columns);
  let seen = new NumberKeyMap();
  let rows = 0;
  const count = (cell: string | undefined) => {
    rows += 1;
    const email = readEmailCell(cell);
    if (email === '') return;
    const fingerprint = emailFingerprint(email);
    seen.set(fingerprint, Math.min(2, (seen.get(fingerprint) ?? 0) + 1));
  };
  const text = await openCsvText(openSource(), options);
  const read =
    text.ok &&
    (await readEmailColumn(text.text, text.delimiter, emailIndex, (cell, blank) => {
      if (!blank) count(cell);
    }));
  if (!read) {
    seen = new NumberKeyMap();
    rows = 0;
    const opened = await openCsv(openSource(), options);
    if (!opened.ok) throw new CsvFileError(opened.error);
    for await (const record of opened.records) count(record.cells[emailIndex]);
  }
  const repeated = new NumberKeyMap(16);
  for (const [fingerprint, occurrences] of seen.entries()) if (occurrences > 1) repeated.set(fingerprint, 1);
  return { repeated, rows };
}

/**
 * The duplicate rule's memory during planning: exact first rows of the emails whose fingerprint
 * repeats, and for each such first row its email (a claim made by that row names its holder).
 */
export class RepeatedEmails implements SeenEmails {
  readonly #fingerprints: NumberKeyMap;
  readonly #firstRows = new Map<string, number>();
  readonly #emailOfFirstRow = new Map<number, string>();

  constructor(repeatedFingerprints: NumberKeyMap) {
    this.#fingerprints = repeatedFingerprints;
  }

  firstRowOf(email: string, row: number): number | undefined {
    if (!this.#fingerprints.has(emailFingerprint(email))) return undefined;
    const first = this.#firstRows.get(email);
    if (first !== undefined) return first;
    this.#firstRows.set(email, row);
    this.#emailOfFirstRow.set(row, email);
    return undefined;
  }

  /** The email of a row that was the first with it, if another row repeats it (else unknown). */
  emailOfFirstRow(row: number): string | undefined {
    return this.#emailOfFirstRow.get(row);
  }
}

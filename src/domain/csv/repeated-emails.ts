// The duplicate rule (SPEC §6) for files of any size, with memory that does not follow the file
// (ADR 0015). A first pass counts a 53-bit fingerprint of every row's email. Only emails whose
// fingerprint occurs more than once can repeat. The planning pass then remembers exactly those
// emails (and their first rows), and nothing of the others. The fingerprints only narrow down
// which emails to remember, and the comparison that decides stays exact: a fingerprint collision
// costs one email of memory, never a wrong answer.
import { NumberKeyMap } from '../../lib/number-key-map.ts';
import type { SeenEmails } from './plan-csv-rows.ts';
import type { FileIssue } from './map-header.ts';
import { openCsv, readWithFallbacks, type OpenCsvOptions, type TextEncoding } from './read-csv.ts';
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
  readonly ok: true;
  /** Fingerprints of the emails on more than one data row. */
  readonly repeated: NumberKeyMap;
  /** Data rows (blank rows not counted). */
  readonly rows: number;
  /** The simple reader read it (so the next pass may too: openCsv's `simple`). */
  readonly simple: boolean;
  /** The encoding of the whole file, for the next pass (openCsv's `encoding`). */
  readonly encoding: TextEncoding;
}

/** The first pass's answer: what it learnt, or why openCsv refused the file. */
export type FileEmailScanResult = FileEmailScan | { readonly ok: false; readonly error: FileIssue };

/**
 * Reads the whole file once, as the planning pass will: its data rows, and the fingerprints of
 * the emails on more than one of them. It tries the simple reader first and, when the file is
 * not simple CSV, reads it again with csv-parse. It decodes the file as its start suggests and,
 * when a later byte is not UTF-8, reads it again as Windows-1252: only a read of the whole file
 * knows its encoding. `openSource` reads the file from its start each time it is called. Returns
 * the file's problem when openCsv refuses it, and throws CsvFileError for one found while reading
 * (as the records of openCsv do).
 */
export function scanFileEmails(
  openSource: () => AsyncIterable<Uint8Array>,
  options: OpenCsvOptions = {},
): Promise<FileEmailScanResult> {
  return readWithFallbacks(options, (readAs) => countEmails(openSource, readAs));
}

async function countEmails(
  openSource: () => AsyncIterable<Uint8Array>,
  options: OpenCsvOptions & { readonly simple: boolean },
): Promise<FileEmailScanResult> {
  const opened = await openCsv(openSource(), options);
  if (!opened.ok) return opened;
  const emailIndex = emailColumnIndex(opened.columns);
  const seen = new NumberKeyMap();
  const count = (cell: string | undefined): void => {
    const email = readEmailCell(cell);
    if (email === '') return;
    const fingerprint = emailFingerprint(email);
    seen.set(fingerprint, Math.min(2, (seen.get(fingerprint) ?? 0) + 1));
  };
  let rows = 0;
  if (opened.cellsOfColumn) {
    for await (const cells of opened.cellsOfColumn(emailIndex)) {
      rows += cells.length;
      for (const cell of cells) count(cell);
    }
  } else {
    for await (const records of opened.batches) {
      rows += records.length;
      for (const record of records) count(record.cell(emailIndex));
    }
  }
  const repeated = new NumberKeyMap(16);
  for (const [fingerprint, occurrences] of seen.entries()) if (occurrences > 1) repeated.set(fingerprint, 1);
  return { ok: true, repeated, rows, simple: options.simple, encoding: opened.encoding };
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

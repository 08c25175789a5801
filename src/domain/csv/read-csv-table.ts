// A CSV file of any columns, read with the users import's file rules (SPEC §6 "Files": UTF-8 with
// or without BOM or Windows-1252 as older Excel saves it, `,` or `;`, CRLF or LF, quoted fields
// with line breaks, blank rows skipped) and refused with its file issues (empty, binary, too
// large, malformed). The claims CSV reads its file so: it has its own columns, not the user
// columns that openCsv maps by default, and no rules of its own about the file.
import type { FileIssue, HeaderMapping } from './map-header.ts';
import {
  CsvFileError,
  bytesSource,
  openCsv,
  readWithFallbacks,
  type CsvRecord,
  type TextEncoding,
} from './read-csv.ts';

export interface CsvTable {
  readonly ok: true;
  readonly encoding: TextEncoding;
  /** The header's cells, as written (the first row that is not blank). */
  readonly headers: readonly string[];
  /** The data records, blank rows left out. */
  readonly records: readonly CsvRecord[];
}

export type CsvTableResult = CsvTable | { readonly ok: false; readonly error: FileIssue };

/** Any header is taken: what its columns mean is the caller's business. */
const anyHeader = (): HeaderMapping => ({ ok: true, columns: [], warnings: [] });

/**
 * Reads a whole file held in memory. As the import does, it reads it again with csv-parse when
 * it is not simple CSV, and again as Windows-1252 when a byte further on is not UTF-8.
 */
export async function readCsvTable(
  file: Uint8Array,
  options: { readonly maxBytes?: number } = {},
): Promise<CsvTableResult> {
  try {
    return await readWithFallbacks(
      options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes },
      async (readAs): Promise<CsvTableResult> => {
        const opened = await openCsv(bytesSource(file), { ...readAs, mapHeader: anyHeader });
        if (!opened.ok) return opened;
        const records: CsvRecord[] = [];
        for await (const batch of opened.batches) for (const record of batch) records.push(record);
        return { ok: true, encoding: opened.encoding, headers: opened.headers, records };
      },
    );
  } catch (error) {
    // Found while reading the rows (after the header): a malformed record, say.
    if (error instanceof CsvFileError) return { ok: false, error: error.issue };
    throw error;
  }
}

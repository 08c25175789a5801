// Streaming CSV reader: bytes in, spreadsheet-numbered records out, memory flat in the file size.
// The header is row 1; a record with a multi-line field is one row; an empty line is a row that
// is skipped (SPEC §6). `line` is the physical line where the record starts (for the error report).
import { Readable, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { detectEncoding, looksBinary } from './detect-encoding.ts';
import { mapHeader, type FileIssue, type MappedColumn } from './map-header.ts';
import { CellsRecord, LineRecord, isBlankLine, isFilled, type CsvRecord } from './csv-record.ts';
import {
  NotSimpleCsv,
  simpleCsvRecords,
  splitRaw,
  type RawRecord,
  type SimpleRecordShape,
} from './simple-csv.ts';
import { firstLine, sniffDelimiter, type Delimiter } from './sniff-delimiter.ts';

export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Encoding is detected on this much of the file; 1 MiB holds thousands of rows. */
const SNIFF_BYTES = 1024 * 1024;

export type { CsvRecord } from './csv-record.ts';

export interface OpenedCsv {
  readonly ok: true;
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly delimiter: Delimiter;
  readonly headers: readonly string[];
  readonly columns: readonly MappedColumn[];
  readonly fileWarnings: readonly FileIssue[];
  /**
   * Data records (blank rows skipped). Throws CsvFileError on a file-level problem found later.
   * Read either these or `batches`, not both.
   */
  readonly records: AsyncIterable<CsvRecord>;
  /** The same records, as many at a time as were read together (one await per piece of text). */
  readonly batches: AsyncIterable<readonly CsvRecord[]>;
  /**
   * Only when read with `simple`: the cell at `index` of each data record (blank records left
   * out), a piece of text at a time, without splitting out the other cells. Read it instead of
   * `records` or `batches`.
   */
  readonly cellsOfColumn?: (index: number) => AsyncIterable<readonly string[]>;
  /** Stops reading: for a caller that only wanted the header. */
  close(): void;
}

export type OpenCsvResult = OpenedCsv | { ok: false; error: FileIssue };

/** A file-level problem discovered while streaming (after the header was accepted). */
export class CsvFileError extends Error {
  constructor(readonly issue: FileIssue) {
    super(issue.code);
    this.name = 'CsvFileError';
  }
}

export interface OpenCsvOptions {
  readonly maxBytes?: number;
  /**
   * The caller has read this very file with the simple reader (scanFileEmails did): read it so
   * again, without csv-parse (ADR 0015).
   */
  readonly simple?: boolean;
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** A file's text, decoded (BOM removed), with the delimiter its header line uses. */
interface CsvText {
  readonly ok: true;
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly delimiter: Delimiter;
  /** The text in slices. Throws CsvFileError when the file turns out too large or binary. */
  readonly text: AsyncIterable<string>;
}

/** Detects encoding and delimiter and decodes the file as it streams (file-level checks only). */
async function openCsvText(
  source: AsyncIterable<Uint8Array>,
  options: OpenCsvOptions = {},
): Promise<CsvText | { ok: false; error: FileIssue }> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const iterator = source[Symbol.asyncIterator]();
  const prefixChunks: Uint8Array[] = [];
  let prefixLength = 0;
  let ended = false;
  while (prefixLength < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    prefixChunks.push(next.value);
    prefixLength += next.value.length;
  }
  if (prefixLength > maxBytes) return { ok: false, error: { code: 'file_too_large', limitBytes: maxBytes } };
  const prefix = concat(prefixChunks, prefixLength);
  const guess = detectEncoding(prefix, ended);
  if (guess.kind === 'binary') return { ok: false, error: { code: 'binary_file' } };

  const decoder = new TextDecoder(guess.encoding);
  const prefixText = decoder.decode(prefix.subarray(guess.bomLength), { stream: !ended });
  if (prefixText.trim() === '') return { ok: false, error: { code: 'empty_file' } };
  const delimiter = sniffDelimiter(firstLine(prefixText) ?? prefixText);

  let bytesSeen = prefixLength;
  async function* decodedText(): AsyncGenerator<string> {
    yield* slices(prefixText);
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      bytesSeen += next.value.length;
      if (bytesSeen > maxBytes) throw new CsvFileError({ code: 'file_too_large', limitBytes: maxBytes });
      if (looksBinary(next.value)) throw new CsvFileError({ code: 'binary_file' });
      yield* slices(decoder.decode(next.value, { stream: true }));
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }
  return { ok: true, encoding: guess.encoding, delimiter, text: decodedText() };
}

export async function openCsv(
  source: AsyncIterable<Uint8Array>,
  options: OpenCsvOptions = {},
): Promise<OpenCsvResult> {
  const opened = await openCsvText(source, options);
  if (!opened.ok) return opened;
  const { delimiter } = opened;

  const { pieces, stop, shape } = options.simple
    ? simplePieces(opened.text, delimiter)
    : csvParsePieces(opened.text, delimiter);
  let rowNumber = 1;
  let piece: RawPiece | null;
  try {
    piece = await nextPiece(pieces, rowNumber);
  } catch (error) {
    if (error instanceof CsvFileError) return { ok: false, error: error.issue };
    throw error;
  }
  const first = piece?.records[0];
  if (!piece || !first) return { ok: false, error: { code: 'empty_file' } };
  const headers = splitRaw(first, delimiter);
  const mapping = mapHeader(headers);
  if (!mapping.ok) {
    stop();
    return { ok: false, error: mapping.error };
  }

  // csv-parse's info.lines counts a quoted CRLF as two lines, so lines are counted here.
  let nextLine = 1 + linesSpanned(headers);
  let startAt = 1;
  /** Data records as they are read, a piece of text at a time (blank rows skipped). */
  async function* recordPieces(): AsyncGenerator<CsvRecord[]> {
    if (shape && shape.column !== null)
      throw new Error('records after cellsOfColumn: the reader gives one column now');
    while (piece) {
      const records: CsvRecord[] = [];
      for (let index = startAt; index < piece.records.length; index += 1) {
        const raw = piece.records[index]!;
        rowNumber += 1;
        const line = nextLine;
        if (typeof raw === 'string') {
          // An unquoted line: one physical line, split when its cells are asked for.
          nextLine += 1;
          if (!isBlankLine(raw, 0, raw.length, delimiter))
            records.push(new LineRecord(rowNumber, line, raw, delimiter));
          continue;
        }
        nextLine += piece.multiLine ? linesSpanned(raw) : 1;
        if (isFilled(raw)) records.push(new CellsRecord(rowNumber, line, raw));
      }
      if (records.length > 0) yield records;
      startAt = 0;
      piece = await nextPiece(pieces, rowNumber + 1);
    }
  }
  const batches = recordPieces();
  async function* records(): AsyncGenerator<CsvRecord> {
    for await (const records of batches) yield* records;
  }

  async function* cellsOfColumn(index: number): AsyncGenerator<readonly string[]> {
    if (!shape) throw new Error('cellsOfColumn reads files opened with `simple` only');
    if (!Number.isInteger(index) || index < 0) throw new RangeError(`no column ${index}`);
    // The first piece was read as whole records; the reader gives the ones after it as one-cell
    // records, blank ones left out.
    shape.column = index;
    if (piece)
      yield piece.records
        .slice(startAt)
        .map((raw) => splitRaw(raw, delimiter))
        .filter(isFilled)
        .map((cells) => cells[index] ?? '');
    for (;;) {
      // Row numbers are not counted here; they only name the row of a csv-parse error.
      piece = await nextPiece(pieces, 0);
      if (!piece) return;
      yield piece.records.map((cells) => cells[0] ?? '');
    }
  }

  return {
    ok: true,
    encoding: opened.encoding,
    delimiter,
    headers,
    columns: mapping.columns,
    fileWarnings: mapping.warnings,
    batches,
    records: records(),
    ...(shape ? { cellsOfColumn } : {}),
    close: stop,
  };
}

/** What the header of a file tells, or why the file is refused. */
export type CsvHeaderResult =
  | Pick<OpenedCsv, 'ok' | 'encoding' | 'delimiter' | 'headers' | 'columns' | 'fileWarnings'>
  | { ok: false; error: FileIssue };

/**
 * Reads a file's header only (and the file-level problems found on the way), then stops. It reads
 * with the simple reader unless the file's first piece is not simple CSV (csv-parse would parse
 * the whole first MiB behind the header, ~30 ms). `openSource` reads the file from its start
 * each time.
 */
export async function readCsvHeader(
  openSource: () => AsyncIterable<Uint8Array>,
  options: OpenCsvOptions = {},
): Promise<CsvHeaderResult> {
  let opened: OpenCsvResult;
  try {
    opened = await openCsv(openSource(), { ...options, simple: true });
  } catch (error) {
    if (!(error instanceof NotSimpleCsv)) throw error;
    opened = await openCsv(openSource(), { ...options, simple: false });
  }
  if (!opened.ok) return opened;
  opened.close();
  const { ok, encoding, delimiter, headers, columns, fileWarnings } = opened;
  return { ok, encoding, delimiter, headers, columns, fileWarnings };
}

/** Records as a reader gives them; `multiLine` false promises no line break inside any cell. */
interface RawPiece {
  readonly records: readonly RawRecord[];
  readonly multiLine: boolean;
}

interface PieceSource {
  readonly pieces: AsyncIterator<RawPiece>;
  /** Stops reading (the header was refused). */
  readonly stop: () => void;
  /** The simple reader's record shape (cellsOfColumn changes it). */
  readonly shape?: SimpleRecordShape;
}

function csvParsePieces(text: AsyncIterable<string>, delimiter: Delimiter): PieceSource {
  // No `info`: its per-record bookkeeping costs ~15 % and its line count is wrong for quoted CRLF.
  const parser = parse({ delimiter, relax_column_count: true, relax_quotes: true, bom: true });
  // pipeline (not pipe) so an error of the byte source destroys the parser and reaches the reader.
  pipeline(Readable.from(text), parser, () => undefined);
  const parsed = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  async function* pieces(): AsyncGenerator<RawPiece> {
    for (;;) {
      const next = await parsed.next();
      if (next.done) return;
      yield { records: [next.value], multiLine: true };
    }
  }
  return { pieces: pieces(), stop: () => parser.destroy() };
}

function simplePieces(text: AsyncIterable<string>, delimiter: Delimiter): PieceSource {
  const shape: SimpleRecordShape = { column: null };
  const pieces = simpleCsvRecords(text, delimiter, shape);
  return { pieces, stop: () => void pieces.return(undefined), shape };
}

/**
 * The parser gets text in pieces of this size: it parses a whole piece in one go, and a stored
 * 1 MB chunk (~8,000 rows) would hold the event loop for tens of milliseconds, stalling the
 * import's database round trips and HTTP requests meanwhile.
 */
const PARSE_SLICE_CHARACTERS = 64 * 1024;

function* slices(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + PARSE_SLICE_CHARACTERS, text.length);
    // Never between the two halves of a surrogate pair (an emoji in a name): the parser encodes
    // each piece to UTF-8 on its own.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    yield text.slice(start, end);
    start = end;
  }
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** Physical lines a record occupies: one, plus the line breaks inside its quoted fields. */
function linesSpanned(record: readonly string[]): number {
  let lines = 1;
  for (const cell of record) {
    if (cell.includes('\n') || cell.includes('\r')) lines += cell.match(LINE_BREAK)?.length ?? 0;
  }
  return lines;
}

/** The next piece of records; `row` is the row number its first record would have. */
async function nextPiece(pieces: AsyncIterator<RawPiece>, row: number): Promise<RawPiece | null> {
  try {
    const next = await pieces.next();
    return next.done ? null : next.value;
  } catch (error) {
    // Only the parser's own errors say the file is malformed: a failing byte source (a database
    // error, an import stopped between chunks) stays what it is.
    if (!(error instanceof CsvError)) throw error;
    throw new CsvFileError({ code: 'malformed_csv', row, detail: error.message });
  }
}

/** Reads a whole in-memory buffer (tests, small uploads). */
export function bytesSource(bytes: Uint8Array, chunkSize = 64 * 1024): AsyncIterable<Uint8Array> {
  return (async function* chunks() {
    for (let offset = 0; offset < bytes.length; offset += chunkSize)
      yield bytes.subarray(offset, offset + chunkSize);
  })();
}

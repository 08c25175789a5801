// Streaming CSV reader: bytes in, spreadsheet-numbered records out, memory flat in the file size.
// The header is row 1; a record with a multi-line field is one row; an empty line is a row that
// is skipped (SPEC §6). `line` is the physical line where the record starts (for the error report).
import { Readable, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import {
  NotUtf8Text,
  chunkDecoder,
  detectEncoding,
  looksBinary,
  type TextEncoding,
} from './detect-encoding.ts';
import { mapHeader, type FileIssue, type HeaderMapping, type MappedColumn } from './map-header.ts';
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
/**
 * The encoding is guessed from this much of the file (1 MiB holds thousands of rows); the UTF-8
 * decoder checks the rest (NotUtf8Text).
 */
const SNIFF_BYTES = 1024 * 1024;

export type { CsvRecord } from './csv-record.ts';
export type { TextEncoding } from './detect-encoding.ts';

export interface OpenedCsv {
  readonly ok: true;
  readonly encoding: TextEncoding;
  readonly delimiter: Delimiter;
  readonly headers: readonly string[];
  readonly columns: readonly MappedColumn[];
  readonly fileWarnings: readonly FileIssue[];
  /**
   * Data records (blank rows skipped). Throws CsvFileError on a file-level problem found later,
   * and NotUtf8Text when the file was read as UTF-8 and turns out not to be. Read either these or
   * `batches`, not both.
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
  /**
   * The encoding the caller found when it read this very file (scanFileEmails did), instead of
   * the guess from the file's start. Without it, a file guessed UTF-8 that holds an invalid
   * sequence further on throws NotUtf8Text while it is read.
   */
  readonly encoding?: TextEncoding;
  /**
   * The source is only the start of the file (the upload checks the header of its first chunk):
   * an incomplete character at its end is cut off, not taken for a sign of Windows-1252.
   */
  readonly startOnly?: boolean;
  /**
   * Reads the header (default: mapHeader, the user columns of SPEC §6). A file of other columns
   * read with the same file rules (the claims CSV: read-csv-table.ts) gives its own.
   */
  readonly mapHeader?: (headers: readonly string[]) => HeaderMapping;
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
  readonly encoding: TextEncoding;
  readonly delimiter: Delimiter;
  /**
   * The text in slices. Throws CsvFileError when the file turns out too large or binary, and
   * NotUtf8Text when it was decoded as UTF-8 and is not.
   */
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
  const complete = ended && options.startOnly !== true;
  const guess = detectEncoding(prefix, complete);
  if (guess.kind === 'binary') return { ok: false, error: { code: 'binary_file' } };

  const encoding = options.encoding ?? guess.encoding;
  const decoder = chunkDecoder(encoding);
  let prefixText = decoder.decode(prefix.subarray(guess.bomLength));
  if (complete) prefixText += decoder.end();
  if (prefixText.trim() === '') return { ok: false, error: { code: 'empty_file' } };
  const delimiter = sniffDelimiter(headerLine(prefixText));

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
      // Decoded a slice of bytes at a time, not the whole chunk and then sliced: a 1 MB chunk's
      // text would be a megabyte string in V8's old generation per chunk read (two reads of
      // the file per import), where each brought the next full garbage collection closer. The
      // streaming decoder never splits a character (nor a surrogate pair) between two slices.
      for (let offset = 0; offset < next.value.length; offset += PARSE_SLICE_CHARACTERS) {
        const text = decoder.decode(next.value.subarray(offset, offset + PARSE_SLICE_CHARACTERS));
        if (text !== '') yield text;
      }
    }
    if (options.startOnly) return;
    const rest = decoder.end();
    if (rest) yield rest;
  }
  return { ok: true, encoding, delimiter, text: decodedText() };
}

/**
 * A line that is blank to the eye: white space, delimiters and quotes only. Such lines before
 * the header are rows that are skipped (SPEC §6), so the delimiter is sniffed after them.
 */
const BLANK_LINE = /^[\s,;"]*$/;

/** The first line of a decoded text start that is not blank (the header), or all of it. */
function headerLine(text: string): string {
  let rest = text;
  for (;;) {
    const line = firstLine(rest);
    if (line === null) return rest;
    if (!BLANK_LINE.test(line)) return line;
    const breakLength = rest.startsWith('\r\n', line.length) ? 2 : 1;
    rest = rest.slice(line.length + breakLength);
  }
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
  // The row of the last record read, and the physical line the next one starts on. csv-parse's
  // info.lines counts a quoted CRLF as two lines, so lines are counted here.
  let rowNumber = 0;
  let nextLine = 1;
  let piece: RawPiece | null;
  /** Where the records after the header start in `piece`. */
  let startAt = 0;
  let header: RawRecord | undefined;
  try {
    piece = await nextPiece(pieces, 1);
    // Blank lines before the header are rows that are skipped, as they are after it (SPEC §6):
    // a spreadsheet shows them, so the rows after them keep the numbers it shows.
    while (piece && header === undefined) {
      for (; startAt < piece.records.length; startAt += 1) {
        const raw = piece.records[startAt]!;
        rowNumber += 1;
        if (isBlankRecord(raw, delimiter)) {
          nextLine += typeof raw === 'string' ? 1 : linesSpanned(raw);
          continue;
        }
        header = raw;
        startAt += 1;
        break;
      }
      if (header === undefined) {
        piece = await nextPiece(pieces, rowNumber + 1);
        startAt = 0;
      }
    }
  } catch (error) {
    if (error instanceof CsvFileError) return { ok: false, error: error.issue };
    throw error;
  }
  if (header === undefined) return { ok: false, error: { code: 'empty_file' } };
  const headers = splitRaw(header, delimiter);
  const mapping = (options.mapHeader ?? mapHeader)(headers);
  if (!mapping.ok) {
    stop();
    return { ok: false, error: mapping.error };
  }
  nextLine += linesSpanned(headers);
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
    if (piece) {
      const cells = piece.records
        .slice(startAt)
        .map((raw) => splitRaw(raw, delimiter))
        .filter(isFilled)
        .map((record) => record[index] ?? '');
      if (cells.length > 0) yield cells;
    }
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
 * each time. The encoding is the guess from the file's start unless `options.encoding` gives it:
 * only a read of the whole file tells (scanFileEmails).
 */
export function readCsvHeader(
  openSource: () => AsyncIterable<Uint8Array>,
  options: OpenCsvOptions = {},
): Promise<CsvHeaderResult> {
  return readWithFallbacks(options, async (readAs): Promise<CsvHeaderResult> => {
    const opened = await openCsv(openSource(), readAs);
    if (!opened.ok) return opened;
    opened.close();
    const { ok, encoding, delimiter, headers, columns, fileWarnings } = opened;
    return { ok, encoding, delimiter, headers, columns, fileWarnings };
  });
}

/**
 * Runs `read` (which opens the file from its start) with the simple reader and the encoding of
 * `options` (else the guess from the file's start). When the file turns out not to be simple CSV
 * it runs it again with csv-parse, and when it turns out not to be UTF-8, again as Windows-1252.
 * `read` is told which reader and encoding to use: openCsv's `simple` and `encoding`.
 */
export async function readWithFallbacks<T>(
  options: OpenCsvOptions,
  read: (readAs: OpenCsvOptions & { readonly simple: boolean }) => Promise<T>,
): Promise<T> {
  let simple = options.simple ?? true;
  let encoding = options.encoding;
  for (;;) {
    try {
      return await read({ ...options, simple, ...(encoding ? { encoding } : {}) });
    } catch (error) {
      if (error instanceof NotSimpleCsv && simple) simple = false;
      else if (error instanceof NotUtf8Text && encoding !== 'windows-1252') encoding = 'windows-1252';
      else throw error;
    }
  }
}

/** A record of blank cells (or an unquoted line of them): a row that is skipped. */
function isBlankRecord(raw: RawRecord, delimiter: Delimiter): boolean {
  return typeof raw === 'string' ? isBlankLine(raw, 0, raw.length, delimiter) : !isFilled(raw);
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
  // Every line break ends a record, as a spreadsheet reads the file: csv-parse would otherwise
  // keep the first one it meets, and a stray CR in an LF file (or an LF in a CRLF one) would glue
  // two rows into one cell and shift the numbers of every row after it.
  const parser = parse({
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    bom: true,
  });
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

/**
 * The next piece of records; `row` is the row number its first record would have, for an error
 * that does not tell its own.
 */
async function nextPiece(pieces: AsyncIterator<RawPiece>, row: number): Promise<RawPiece | null> {
  try {
    const next = await pieces.next();
    return next.done ? null : next.value;
  } catch (error) {
    // Only the parser's own errors say the file is malformed: a failing byte source (a database
    // error, an import stopped between chunks) stays what it is.
    if (!(error instanceof CsvError)) throw error;
    throw new CsvFileError(malformedCsvIssue(error, rowOfParseError(error) ?? row));
  }
}

/** The file issue of a csv-parse error on `row`, as every reader of an uploaded CSV words it. */
export function malformedCsvIssue(error: Pick<CsvError, 'code' | 'message'>, row: number): FileIssue {
  return {
    code: 'malformed_csv',
    row,
    detail: error.message,
    // With relax_quotes and relax_column_count, an unclosed quote is the one way a file a
    // spreadsheet wrote fails to parse; other codes keep only the parser's text.
    ...(error.code === 'CSV_QUOTE_NOT_CLOSED' ? { reason: 'unclosed_quote' as const } : {}),
  };
}

/**
 * The row of the record csv-parse failed on: the records it finished before (blank ones
 * included, as rows are counted) plus one. The records it had parsed but not yet handed over are
 * dropped with the error, so the rows counted here would name an earlier row.
 */
function rowOfParseError(error: CsvError): number | undefined {
  const records: unknown = (error as { records?: unknown }).records;
  return typeof records === 'number' && Number.isInteger(records) ? records + 1 : undefined;
}

/** Reads a whole in-memory buffer (tests, small uploads). */
export function bytesSource(bytes: Uint8Array, chunkSize = 64 * 1024): AsyncIterable<Uint8Array> {
  return (async function* chunks() {
    for (let offset = 0; offset < bytes.length; offset += chunkSize)
      yield bytes.subarray(offset, offset + chunkSize);
  })();
}

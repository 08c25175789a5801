// A CSV reader for the files spreadsheets write, several times as fast as csv-parse (ADR 0015).
// An import reads its file twice (a first pass for the duplicate rule, then the planning pass),
// and csv-parse and the garbage its Buffers leave were a quarter of a dry run.
//
// It reads what csv-parse reads with openCsv's options, for files quoted as RFC 4180: quoted
// fields with doubled quotes, delimiters and line breaks inside, and one kind of line break
// between records. Anything else makes it throw NotSimpleCsv, and the file is read with
// csv-parse instead. That covers a quote inside an unquoted field (which csv-parse's
// relax_quotes keeps as text), a character after a closing quote, an unclosed quote, a lone CR,
// and LF mixed with CRLF (read-csv.ts then has csv-parse end a record at each of them).
import { cellOfLine, isBlankLine, isFilled } from './csv-record.ts';
import type { Delimiter } from './sniff-delimiter.ts';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
/** The record goes on past the text read so far. */
const NEED_MORE = -1;
/** Not a file this reader is sure to read as csv-parse does. */
const GIVE_UP = -2;

/** The text is not one this reader reads exactly as csv-parse: read it with csv-parse. */
export class NotSimpleCsv extends Error {
  constructor() {
    super('not simple CSV');
    this.name = 'NotSimpleCsv';
  }
}

/**
 * A record as the reader gives it: its cells, or (whole records only) an unquoted line, which
 * `splitRaw` turns into cells. Splitting waits until the cells are wanted (ADR 0017).
 */
export type RawRecord = string | string[];

/** The cells of a raw record. */
export function splitRaw(record: RawRecord, delimiter: Delimiter): string[] {
  return typeof record === 'string' ? record.split(delimiter) : record;
}

/** The records read from one slice of text. */
export interface SimpleCsvPiece {
  readonly records: RawRecord[];
  /** Whether a cell of these records holds a line break (a record then spans several lines). */
  readonly multiLine: boolean;
}

/**
 * What the reader makes of each record, read again at every slice, so a caller can change it
 * once it has read the header. `column: null` gives whole records (unquoted lines unsplit). A
 * number gives one-cell records of that column only (blank records left out): the first pass of
 * an import wants one column, and splitting out the others was most of its cost (ADR 0017).
 */
export interface SimpleRecordShape {
  column: number | null;
}

/**
 * The records (header included) of a decoded text, a slice's worth at a time. Throws NotSimpleCsv
 * where the text stops being simple, possibly after records were yielded.
 */
export async function* simpleCsvRecords(
  text: AsyncIterable<string>,
  delimiter: Delimiter,
  shape: SimpleRecordShape = { column: null },
): AsyncGenerator<SimpleCsvPiece> {
  const reader = new SimpleCsvReader(delimiter, shape);
  let carry = '';
  for await (const slice of text) {
    const chunk = carry + slice;
    const records: RawRecord[] = [];
    const consumed = reader.read(chunk, false, records);
    if (consumed === GIVE_UP) throw new NotSimpleCsv();
    carry = chunk.slice(consumed);
    if (records.length > 0) yield { records, multiLine: reader.takeMultiLine() };
  }
  const records: RawRecord[] = [];
  if (reader.read(carry, true, records) === GIVE_UP) throw new NotSimpleCsv();
  if (records.length > 0) yield { records, multiLine: reader.takeMultiLine() };
}

class SimpleCsvReader {
  #lineBreak: 'LF' | 'CRLF' | null = null;
  /** A quoted field with a line break was read since the last takeMultiLine(). */
  #multiLine = false;
  readonly #delimiter: number;

  constructor(
    private readonly delimiterText: Delimiter,
    private readonly shape: SimpleRecordShape,
  ) {
    this.#delimiter = delimiterText.charCodeAt(0);
  }

  /** Adds the whole records of `chunk` to `records`; returns where the first incomplete one starts. */
  read(chunk: string, final: boolean, records: RawRecord[]): number {
    let position = 0;
    // Where the next quote and CR are, found once per chunk rather than once per line.
    let nextQuote = chunk.indexOf('"');
    let nextCr = chunk.indexOf('\r');
    while (position < chunk.length) {
      const lf = chunk.indexOf('\n', position);
      if (lf < 0 && !final) return position;
      const lineEnd = lf < 0 ? chunk.length : lf;
      if (nextQuote >= 0 && nextQuote < position) nextQuote = chunk.indexOf('"', position);
      if (nextQuote >= 0 && nextQuote < lineEnd) {
        const next = this.#readQuotedRecord(chunk, position, final, records);
        if (next === GIVE_UP) return GIVE_UP;
        if (next === NEED_MORE) return position;
        position = next;
        continue;
      }
      if (nextCr >= 0 && nextCr < position) nextCr = chunk.indexOf('\r', position);
      // nextCr >= 0: with no CR left, -1 === lf - 1 would take a blank line at 0 for CRLF.
      const crlf = lf >= 0 && nextCr >= 0 && nextCr === lf - 1;
      if (nextCr >= 0 && nextCr < lineEnd && !crlf) return GIVE_UP;
      if (lf >= 0 && !this.#sameLineBreak(crlf ? 'CRLF' : 'LF')) return GIVE_UP;
      const end = crlf ? lineEnd - 1 : lineEnd;
      if (this.shape.column === null) records.push(chunk.slice(position, end));
      else this.#pushColumnCell(chunk, position, end, this.shape.column, records);
      position = lf < 0 ? chunk.length : lf + 1;
    }
    return position;
  }

  /** A record with quoted fields, character by character; returns where the next one starts. */
  #readQuotedRecord(chunk: string, start: number, final: boolean, records: RawRecord[]): number {
    let position = start;
    const cells: string[] = [];
    for (;;) {
      if (chunk.charCodeAt(position) === QUOTE) {
        let search = position + 1;
        let closing: number;
        for (;;) {
          closing = chunk.indexOf('"', search);
          if (closing < 0) return final ? GIVE_UP : NEED_MORE;
          if (closing + 1 >= chunk.length && !final) return NEED_MORE;
          if (chunk.charCodeAt(closing + 1) !== QUOTE) break;
          search = closing + 2;
        }
        const cell = chunk.slice(position + 1, closing).replaceAll('""', '"');
        if (!this.#multiLine && (cell.includes('\n') || cell.includes('\r'))) this.#multiLine = true;
        cells.push(cell);
        position = closing + 1;
        const after = chunk.charCodeAt(position);
        if (position < chunk.length && after !== this.#delimiter && after !== CR && after !== LF)
          return GIVE_UP;
      } else {
        let end = position;
        for (; end < chunk.length; end += 1) {
          const code = chunk.charCodeAt(end);
          if (code === this.#delimiter || code === CR || code === LF) break;
          if (code === QUOTE) return GIVE_UP;
        }
        if (end >= chunk.length && !final) return NEED_MORE;
        cells.push(chunk.slice(position, end));
        position = end;
      }
      if (position < chunk.length && chunk.charCodeAt(position) === this.#delimiter) {
        position += 1;
        continue;
      }
      const next = this.#afterRecord(chunk, position, final);
      if (next >= 0) this.#push(cells, records);
      return next;
    }
  }

  /** A record read cell by cell, in the shape asked for. */
  #push(cells: string[], records: RawRecord[]): void {
    const column = this.shape.column;
    if (column === null) records.push(cells);
    else if (isFilled(cells)) records.push([cells[column] ?? '']);
  }

  /** The one cell of an unquoted line (from `start` to `end`) at `column`, unless the line is blank. */
  #pushColumnCell(chunk: string, start: number, end: number, column: number, records: RawRecord[]): void {
    if (isBlankLine(chunk, start, end, this.delimiterText)) return;
    records.push([cellOfLine(chunk, start, end, this.delimiterText, column) ?? '']);
  }

  /** Past the line break (or at the end of the text) after a record's last field. */
  #afterRecord(chunk: string, position: number, final: boolean): number {
    if (position >= chunk.length) return position;
    if (chunk.charCodeAt(position) === CR) {
      if (position + 1 >= chunk.length) return final ? GIVE_UP : NEED_MORE;
      if (chunk.charCodeAt(position + 1) !== LF || !this.#sameLineBreak('CRLF')) return GIVE_UP;
      return position + 2;
    }
    return this.#sameLineBreak('LF') ? position + 1 : GIVE_UP;
  }

  takeMultiLine(): boolean {
    const multiLine = this.#multiLine;
    this.#multiLine = false;
    return multiLine;
  }

  /** One kind of line break per file: a file with two kinds goes to csv-parse. */
  #sameLineBreak(lineBreak: 'LF' | 'CRLF'): boolean {
    this.#lineBreak ??= lineBreak;
    return this.#lineBreak === lineBreak;
  }
}

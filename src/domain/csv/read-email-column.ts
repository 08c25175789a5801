// The email column of a CSV file, read without csv-parse for the duplicate rule's first pass
// (ADR 0015): about ten times as fast, which matters because it is a second pass over the file.
// It reads what csv-parse reads (with openCsv's options) for files quoted as RFC 4180 and
// spreadsheets write them: quoted fields with doubled quotes and line breaks inside, and one kind
// of line break between records. Anything else, such as a quote inside an unquoted field (which
// csv-parse's relax_quotes keeps as text), a character after a closing quote, a lone CR or a mix
// of LF and CRLF, makes it stop and return false, and the caller reads the file with csv-parse.
import type { Delimiter } from './sniff-delimiter.ts';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
/** The record goes on past the text read so far. */
const NEED_MORE = -1;
/** Not a file this reader is sure to read as csv-parse does. */
const GIVE_UP = -2;

/**
 * Calls `onRecord` for every record after the header with its raw email cell (undefined when the
 * record is shorter) and whether all its cells are blank (openCsv skips such rows). Returns false
 * when it gave up part way (see above).
 */
export async function readEmailColumn(
  text: AsyncIterable<string>,
  delimiter: Delimiter,
  emailIndex: number,
  onRecord: (emailCell: string | undefined, blank: boolean) => void,
): Promise<boolean> {
  const reader = new EmailColumnReader(delimiter, emailIndex, onRecord);
  let carry = '';
  for await (const slice of text) {
    const chunk = carry + slice;
    const consumed = reader.read(chunk, false);
    if (consumed === GIVE_UP) return false;
    carry = chunk.slice(consumed);
  }
  return reader.read(carry, true) !== GIVE_UP;
}

class EmailColumnReader {
  #lineBreak: 'LF' | 'CRLF' | null = null;
  #header = true;
  readonly #delimiter: number;
  /** Text other than blanks and delimiters: an unquoted line without it is a blank row. */
  readonly #content: RegExp;

  constructor(
    private readonly delimiterText: Delimiter,
    private readonly emailIndex: number,
    private readonly onRecord: (emailCell: string | undefined, blank: boolean) => void,
  ) {
    this.#delimiter = delimiterText.charCodeAt(0);
    this.#content = new RegExp(`[^\\s${delimiterText}]`);
  }

  /** Reads the whole records of `chunk`; returns where the first incomplete one starts, or GIVE_UP. */
  read(chunk: string, final: boolean): number {
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
        const next = this.#readQuotedRecord(chunk, position, final);
        if (next === GIVE_UP) return GIVE_UP;
        if (next === NEED_MORE) return position;
        position = next;
        continue;
      }
      if (nextCr >= 0 && nextCr < position) nextCr = chunk.indexOf('\r', position);
      const crlf = lf >= 0 && nextCr === lf - 1;
      if (nextCr >= 0 && nextCr < lineEnd && !crlf) return GIVE_UP;
      if (lf >= 0 && !this.#sameLineBreak(crlf ? 'CRLF' : 'LF')) return GIVE_UP;
      const end = crlf ? lineEnd - 1 : lineEnd;
      const email = this.#plainField(chunk, position, end);
      // Only a row with a blank email cell can be blank, so only then is the line searched.
      const blank = (email ?? '').trim() === '' && !this.#content.test(chunk.slice(position, end));
      this.#emit(email, blank);
      position = lf < 0 ? chunk.length : lf + 1;
    }
    return position;
  }

  /** The email field of an unquoted line. */
  #plainField(chunk: string, start: number, end: number): string | undefined {
    let fieldStart = start;
    for (let skipped = 0; skipped < this.emailIndex; skipped += 1) {
      const next = chunk.indexOf(this.delimiterText, fieldStart);
      if (next < 0 || next >= end) return undefined;
      fieldStart = next + 1;
    }
    const fieldEnd = chunk.indexOf(this.delimiterText, fieldStart);
    return chunk.slice(fieldStart, fieldEnd < 0 || fieldEnd > end ? end : fieldEnd);
  }

  /** A record with quoted fields, character by character; returns where the next one starts. */
  #readQuotedRecord(chunk: string, start: number, final: boolean): number {
    let position = start;
    let field = 0;
    let email: string | undefined;
    let blank = true;
    for (;;) {
      let value: string;
      if (chunk.charCodeAt(position) === QUOTE) {
        let search = position + 1;
        let closing: number;
        for (;;) {
          closing = chunk.indexOf('"', search);
          // Unclosed at the end of the file: csv-parse reports it, so leave it to csv-parse.
          if (closing < 0) return final ? GIVE_UP : NEED_MORE;
          if (closing + 1 >= chunk.length && !final) return NEED_MORE;
          if (chunk.charCodeAt(closing + 1) !== QUOTE) break;
          search = closing + 2;
        }
        value = chunk.slice(position + 1, closing).replaceAll('""', '"');
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
        value = chunk.slice(position, end);
        position = end;
      }
      if (field === this.emailIndex) email = value;
      if (blank && value.trim() !== '') blank = false;
      if (position < chunk.length && chunk.charCodeAt(position) === this.#delimiter) {
        position += 1;
        field += 1;
        continue;
      }
      return this.#endRecord(chunk, position, final, email, blank);
    }
  }

  /** At the line break (or end of text) after a record's last field. */
  #endRecord(
    chunk: string,
    position: number,
    final: boolean,
    email: string | undefined,
    blank: boolean,
  ): number {
    if (position >= chunk.length) {
      this.#emit(email, blank);
      return position;
    }
    if (chunk.charCodeAt(position) === CR) {
      if (position + 1 >= chunk.length) return final ? GIVE_UP : NEED_MORE;
      if (chunk.charCodeAt(position + 1) !== LF || !this.#sameLineBreak('CRLF')) return GIVE_UP;
      this.#emit(email, blank);
      return position + 2;
    }
    if (!this.#sameLineBreak('LF')) return GIVE_UP;
    this.#emit(email, blank);
    return position + 1;
  }

  /** csv-parse takes the first line break it meets as the one between all records. */
  #sameLineBreak(lineBreak: 'LF' | 'CRLF'): boolean {
    this.#lineBreak ??= lineBreak;
    return this.#lineBreak === lineBreak;
  }

  #emit(emailCell: string | undefined, blank: boolean): void {
    if (this.#header) this.#header = false;
    else this.onRecord(emailCell, blank);
  }
}

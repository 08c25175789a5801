// A data record of a CSV file, as openCsv hands it out. A record the simple reader read as an
// unquoted line keeps that line and splits it only when its cells are asked for (ADR 0017): an
// import holds a batch or two of records while it looks their keys up, and fifteen cells a row
// held that long were most of what the garbage collector had to copy.
import type { Delimiter } from './sniff-delimiter.ts';

export interface CsvRecord {
  /** The row a spreadsheet shows it on (the header is row 1). */
  readonly rowNumber: number;
  /** The physical line it starts on. */
  readonly line: number;
  /**
   * Its cells. A record read as an unquoted line is split at each call: ask when the cells are
   * needed, and keep them no longer than that.
   */
  cells(): readonly string[];
  /** One cell, without splitting out the others; undefined past the record's last cell. */
  cell(index: number): string | undefined;
}

/** A record whose cells were read one by one (quoted fields, or csv-parse). */
export class CellsRecord implements CsvRecord {
  constructor(
    readonly rowNumber: number,
    readonly line: number,
    private readonly values: readonly string[],
  ) {}

  cells(): readonly string[] {
    return this.values;
  }

  cell(index: number): string | undefined {
    return this.values[index];
  }
}

/** A record that is one unquoted line: its cells are the line split at the delimiter. */
export class LineRecord implements CsvRecord {
  constructor(
    readonly rowNumber: number,
    readonly line: number,
    private readonly text: string,
    private readonly delimiter: Delimiter,
  ) {}

  cells(): readonly string[] {
    return this.text.split(this.delimiter);
  }

  cell(index: number): string | undefined {
    return cellOfLine(this.text, 0, this.text.length, this.delimiter, index);
  }
}

/**
 * The cell at `index` of the unquoted line `text[start, end)`, found with `indexOf`; undefined
 * when the line has fewer cells (or `index` is negative, as for a column the file lacks).
 */
export function cellOfLine(
  text: string,
  start: number,
  end: number,
  delimiter: Delimiter,
  index: number,
): string | undefined {
  if (index < 0) return undefined;
  let cellStart = start;
  for (let skipped = 0; skipped < index; skipped += 1) {
    const delimiterAt = text.indexOf(delimiter, cellStart);
    if (delimiterAt < 0 || delimiterAt >= end) return undefined;
    cellStart = delimiterAt + 1;
  }
  const delimiterAt = text.indexOf(delimiter, cellStart);
  return text.slice(cellStart, delimiterAt < 0 || delimiterAt > end ? end : delimiterAt);
}

/** A record that is not blank: a cell holds more than white space (SPEC §6 skips blank rows). */
export const isFilled = (cells: readonly string[]): boolean => cells.some((cell) => cell.trim() !== '');

/**
 * Whether the unquoted line `text[start, end)` is blank. A line that starts with printable ASCII
 * other than the delimiter is not (most lines): it is answered without splitting.
 */
export function isBlankLine(text: string, start: number, end: number, delimiter: Delimiter): boolean {
  if (start < end) {
    const first = text.charCodeAt(start);
    if (first > 0x20 && first < 0x7f && first !== delimiter.charCodeAt(0)) return false;
  }
  return !isFilled(text.slice(start, end).split(delimiter));
}

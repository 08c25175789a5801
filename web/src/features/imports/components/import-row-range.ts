import { tKey } from '../../../i18n/t-key.ts';
import type { ImportCounts } from '../api/import-types.ts';

export type RowFilter = 'all' | 'error';

/** How many rows the filter shows in all: every row has exactly one action, warnings are extra. */
export function rowsMatching(counts: ImportCounts | undefined, filter: RowFilter): number {
  if (!counts) return 0;
  if (filter === 'error') return counts.error ?? 0;
  return (
    (counts.add ?? 0) +
    (counts.modify ?? 0) +
    (counts.remove ?? 0) +
    (counts.unchanged ?? 0) +
    (counts.error ?? 0)
  );
}

/** "rows X–Y of N" for page `pageNumber` (1-based) showing `shown` rows; null when there is nothing. */
export function rowRange(
  pageNumber: number,
  pageSize: number,
  shown: number,
  total: number,
): { from: number; to: number; total: number } | null {
  if (shown === 0) return null;
  const from = (pageNumber - 1) * pageSize + 1;
  const to = from + shown - 1;
  // The counts may lag the rows for a moment; never claim fewer rows than are on screen.
  return { from, to, total: Math.max(total, to) };
}

export interface ShownRows {
  readonly from: number;
  readonly to: number;
  readonly total: number;
  /** The spreadsheet row numbers (header = row 1) of the first and last row on the page. */
  readonly first: number;
  readonly last: number;
}

/**
 * A row number as the texts show it: the row a spreadsheet shows, an identifier a partner looks up
 * in the file, so written as the spreadsheet writes it, "Row 12345" in either language, never
 * "12,345" or "12.345". The server's row messages ("Row 12345, Extension: …") and the error report's
 * Line column write it so too. Given to the texts as a string: their formatter writes numbers, the
 * counts and places around it ("of 100,000"), the language's way (number-formatter.ts).
 */
export function rowNumberText(row: number): string {
  return String(row);
}

/**
 * What the label above the rows says. The Row column shows spreadsheet numbers (2 for the first
 * record), so the label never says "rows 1–5": all rows on one page are "5 rows"; a page of more is
 * named by the rows of the file it shows (as identifiers), and where that page stands among the
 * rows (as counts).
 */
export function shownRowsLabel(shown: ShownRows): {
  key: string;
  values: Record<string, number | string>;
} {
  const count = shown.to - shown.from + 1;
  if (shown.from === 1 && shown.to === shown.total)
    return { key: tKey('imports.rowCount'), values: { count } };
  const key = count === 1 ? tKey('imports.rowOfFile') : tKey('imports.rowsOfFile');
  return {
    key,
    values: {
      from: shown.from,
      to: shown.to,
      total: shown.total,
      first: rowNumberText(shown.first),
      last: rowNumberText(shown.last),
      count,
    },
  };
}

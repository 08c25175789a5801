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

import type { BatchResult } from '../api/add-users.ts';
import type { ManualRow } from './manual-rows-rules.ts';

/** A batch entry that created nobody: refused outright, or errors without a user. */
export function resultFailed(result: BatchResult | undefined): boolean {
  if (!result) return false;
  return result.result === 'failed' || ((result.errors ?? []).length > 0 && !result.user);
}

/**
 * "Fix the failed rows": only the rows the server refused, exactly as they were typed, and per row
 * (by its key) the server's reason, to show beside it.
 */
export function failedRowsToFix(
  rows: readonly ManualRow[],
  results: readonly BatchResult[],
): { rows: ManualRow[]; errors: Record<string, string> } {
  const failed: ManualRow[] = [];
  const errors: Record<string, string> = {};
  rows.forEach((row, position) => {
    // The server answers in submission order.
    const result = results[position];
    if (!resultFailed(result)) return;
    failed.push(row);
    const reason = (result?.errors ?? [])
      .map((error) => error.description)
      .filter(Boolean)
      .join(' ');
    if (reason) errors[row.key] = reason;
  });
  return { rows: failed, errors };
}

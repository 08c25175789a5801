import type { BatchResult } from '../api/add-users.ts';
import type { ProvisioningError } from '../api/user-types.ts';
import type { ManualRow } from './manual-rows-rules.ts';

/** A batch entry that created nobody: refused outright, or errors without a user. */
export function resultFailed(result: BatchResult | undefined): boolean {
  if (!result) return false;
  return result.result === 'failed' || ((result.errors ?? []).length > 0 && !result.user);
}

/** Per row key, the server's reasons for refusing that row (each with the field it names, if any). */
export type FailedRowErrors = Record<string, readonly ProvisioningError[]>;

/**
 * "Fix the failed rows": only the rows the server refused, exactly as they were typed, and per row
 * (by its key) the server's reasons, to show under the inputs of their fields or beside the row.
 */
export function failedRowsToFix(
  rows: readonly ManualRow[],
  results: readonly BatchResult[],
): { rows: ManualRow[]; errors: FailedRowErrors } {
  const failed: ManualRow[] = [];
  const errors: Record<string, ProvisioningError[]> = {};
  rows.forEach((row, position) => {
    // The server answers in submission order.
    const result = results[position];
    if (!resultFailed(result)) return;
    failed.push(row);
    const reasons = (result?.errors ?? []).filter((error) => error.description);
    if (reasons.length > 0) errors[row.key] = reasons;
  });
  return { rows: failed, errors };
}

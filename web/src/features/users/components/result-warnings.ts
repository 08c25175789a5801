import type { TFunction } from 'i18next';
import type { BatchResult } from '../api/add-users.ts';
import { warningInLanguage, warningLine } from '../../../lib/warning-line.ts';
import { resultFailed } from './failed-rows.ts';

// Where the app words a warning (shared with the claims feature): re-exported for this feature.
export { translatedWarningCodes, warningInLanguage, warningLine } from '../../../lib/warning-line.ts';

/**
 * The warnings of an added user in the current language (a refused user's are not shown), each
 * with its column (warningLine): by code where the app knows it, else as the server worded them.
 */
export function resultWarnings(
  result: BatchResult | undefined,
  packageId: string | null | undefined,
  t: TFunction,
): string[] {
  if (!result || resultFailed(result)) return [];
  return (result.warnings ?? [])
    .filter((warning) => warningInLanguage(warning, packageId ?? '', t))
    .map((warning) => warningLine(warning, packageId ?? '', t));
}

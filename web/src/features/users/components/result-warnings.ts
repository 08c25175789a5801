import type { TFunction } from 'i18next';
import { findPackage } from '../../../lib/package-catalog.ts';
import type { BatchResult } from '../api/add-users.ts';
import { resultFailed } from './failed-rows.ts';

/**
 * The server's warning codes (src/domain/users/plan-issues.ts) the web app words itself, so a
 * warning follows the language the admin switches to after the add. The others need parameters
 * the answer does not carry (an add-on, a typed number) and keep the server's description.
 */
const translatedCodes = new Set([
  'preferred_site_missing',
  'calling_fields_ignored',
  'unknown_user_nothing_assigned',
]);

/**
 * The warnings of an added user in the current language (a refused user's are not shown):
 * by code where the app knows it, else as the server worded them.
 */
export function resultWarnings(
  result: BatchResult | undefined,
  packageId: string | null | undefined,
  t: TFunction,
): string[] {
  if (!result || resultFailed(result)) return [];
  const known = findPackage(packageId);
  const packageName = known ? t(known.nameKey) : (packageId ?? '');
  return (result.warnings ?? [])
    .map((warning) =>
      translatedCodes.has(warning.code)
        ? t(`addUsers.warningCodes.${warning.code}`, { packageName })
        : warning.description,
    )
    .filter(Boolean);
}

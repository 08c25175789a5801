import { tKey } from '../../../i18n/t-key.ts';
import type { WebPackage } from '../../../lib/package-catalog.ts';
import { userPackages } from '../../../lib/package-catalog.ts';

export interface PackageChoice {
  entry: WebPackage;
  /** Translation key of why it cannot be chosen; null when it can. */
  disabledReason: string | null;
}

/** SPEC §3: the professional calling packages, which may never become Calling Standard. */
const professionalCalling = new Set(['webex_calling', 'webex_suite', 'cx_essentials']);

/**
 * The packages a form offers: only those the customer was sold (all while that is unknown), the
 * user's current package always (it is what they hold), and the forbidden changes of SPEC §3 shown
 * but disabled with their reason. The server still judges every change.
 */
export function packageChoices(
  soldIds: readonly string[] | null | undefined,
  currentPackage: string | null = null,
): PackageChoice[] {
  const sold = soldIds ? new Set(soldIds) : null;
  return userPackages
    .filter((entry) => !sold || sold.has(entry.id) || entry.id === currentPackage)
    .map((entry) => ({ entry, disabledReason: forbiddenChange(currentPackage, entry.id) }));
}

function forbiddenChange(from: string | null, to: string): string | null {
  if (from && from !== to && to === 'webex_calling_standard' && professionalCalling.has(from)) {
    return tKey('changePackage.forbiddenStandard');
  }
  return null;
}

import { tKey } from '../../../i18n/t-key.ts';
import type { WebPackage } from '../../../lib/package-catalog.ts';
import { findPackage, userPackages } from '../../../lib/package-catalog.ts';
import type { SoldPackage } from '../api/sold-packages.ts';

export interface PackageChoice {
  entry: WebPackage;
  /** Translation key of why it cannot be chosen; null when it can. */
  disabledReason: string | null;
  /** Values the reason's text names (the limit reached). */
  reasonValues?: { used: number; limit: number };
}

/** What the form knows about the user beyond their package; unknown facts disable nothing. */
export interface ChoiceFacts {
  /** The user is a customer full admin (SPEC §3: may not move to a lower package). */
  isCustomerFullAdmin?: boolean;
}

/** SPEC §3: the professional calling packages, which may never become Calling Standard. */
const professionalCalling = new Set(['webex_calling', 'webex_suite', 'cx_essentials']);

/**
 * The packages a form offers: only those the customer was sold (all while that is unknown), the
 * user's current package always (it is what they hold), and the changes the server would refuse
 * shown but disabled with their reason: SPEC §3's forbidden changes, a customer full admin's move
 * to a lower package, and a package whose sold limit is used up (SPEC §2). The server still judges
 * every change.
 */
export function packageChoices(
  sold: readonly (string | SoldPackage)[] | null | undefined,
  currentPackage: string | null = null,
  facts: ChoiceFacts = {},
): PackageChoice[] {
  const soldById = sold
    ? new Map(
        sold.map((entry) =>
          typeof entry === 'string' ? [entry, { id: entry, limit: null, used: null }] : [entry.id, entry],
        ),
      )
    : null;
  return userPackages
    .filter((entry) => !soldById || soldById.has(entry.id) || entry.id === currentPackage)
    .map((entry) => {
      if (entry.id === currentPackage) return { entry, disabledReason: null };
      const forbidden = forbiddenChange(currentPackage, entry, facts);
      if (forbidden) return { entry, disabledReason: forbidden };
      const limitReached = usedUp(soldById?.get(entry.id));
      if (limitReached) {
        return { entry, disabledReason: tKey('changePackage.limitReached'), reasonValues: limitReached };
      }
      return { entry, disabledReason: null };
    });
}

function forbiddenChange(from: string | null, to: WebPackage, facts: ChoiceFacts): string | null {
  if (from && to.id === 'webex_calling_standard' && professionalCalling.has(from)) {
    return tKey('changePackage.forbiddenStandard');
  }
  const fromRank = findPackage(from)?.rank ?? null;
  if (facts.isCustomerFullAdmin && fromRank !== null && to.rank !== null && to.rank < fromRank) {
    return tKey('changePackage.fullAdminLower');
  }
  return null;
}

/** Every sold one is taken: one more holder would pass the limit. */
function usedUp(sold: SoldPackage | undefined): { used: number; limit: number } | null {
  if (!sold || sold.limit === null || sold.used === null) return null;
  return sold.used >= sold.limit ? { used: sold.used, limit: sold.limit } : null;
}

import { tKey } from '../../../i18n/t-key.ts';
import type { WebPackage } from '../../../lib/package-catalog.ts';
import { findPackage, sellableExtras, userPackages } from '../../../lib/package-catalog.ts';
import type { SoldPackage } from '../api/sold-packages.ts';

export interface PackageChoice {
  entry: WebPackage;
  /** Translation key of why it cannot be chosen; null when it can. */
  disabledReason: string | null;
  /** Values the reason's text names (the limit reached). */
  reasonValues?: { used: number; limit: number };
  /**
   * The Attendant Console add-on next to this package: null when the package does not allow it or
   * the customer was not sold it (SPEC §3).
   */
  addOn: AddOnChoice | null;
}

/** The add-on a form may offer next to a package, or why it cannot be chosen. */
export interface AddOnChoice {
  entry: WebPackage;
  /** Translation key of why it cannot be chosen; null when it can. */
  disabledReason: string | null;
  reasonValues?: { used: number; limit: number };
}

/** What the form knows about the user beyond their package; unknown facts disable nothing. */
export interface ChoiceFacts {
  /** The user is a customer full admin (SPEC §3: may not move to a lower package). */
  isCustomerFullAdmin?: boolean;
  /** The user holds the Attendant Console add-on already (its limit does not stop them keeping it). */
  holdsAttendantConsole?: boolean;
}

/** SPEC §3: Attendant Console only with the packages the catalog allows it with. */
export function allowsAttendantConsole(packageId: string | null | undefined): boolean {
  return findPackage(packageId)?.allowsAttendantConsole ?? false;
}

const attendantConsole = sellableExtras.find((entry) => entry.id === 'attendant_console') as WebPackage;

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
      const addOn = addOnChoice(soldById, entry.id, facts);
      if (entry.id === currentPackage) return { entry, disabledReason: null, addOn };
      const forbidden = forbiddenChange(currentPackage, entry, facts);
      if (forbidden) return { entry, disabledReason: forbidden, addOn };
      const limitReached = usedUp(soldById?.get(entry.id));
      if (limitReached) {
        return {
          entry,
          disabledReason: tKey('changePackage.limitReached'),
          reasonValues: limitReached,
          addOn,
        };
      }
      return { entry, disabledReason: null, addOn };
    });
}

/**
 * The add-on next to `packageId`: offered when the package allows it and the customer was sold it
 * (all while the sold packages are unknown: the server decides), or the user holds it already;
 * disabled when its limit is used up and the user does not hold it.
 */
function addOnChoice(
  soldById: Map<string, SoldPackage> | null,
  packageId: string,
  facts: ChoiceFacts,
): AddOnChoice | null {
  if (!allowsAttendantConsole(packageId)) return null;
  const holds = facts.holdsAttendantConsole ?? false;
  if (soldById && !soldById.has(attendantConsole.id) && !holds) return null;
  const limitReached = holds ? null : usedUp(soldById?.get(attendantConsole.id));
  if (limitReached) {
    return {
      entry: attendantConsole,
      disabledReason: tKey('changePackage.limitReached'),
      reasonValues: limitReached,
    };
  }
  return { entry: attendantConsole, disabledReason: null };
}

function forbiddenChange(from: string | null, to: WebPackage, facts: ChoiceFacts): string | null {
  // SPEC §3: a professional calling package may never become Calling Standard.
  if (to.id === 'webex_calling_standard' && findPackage(from)?.professionalCalling) {
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

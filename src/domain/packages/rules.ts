// Pure package rules of SPEC §3. Each answers with typed violations (code + params) instead of
// throwing, so CSV rows, manual adds, the APIs and SCIM report the same facts in their own words.
import { ADD_ONS, PACKAGES, type AddOnId, type PackageId, type SellableId } from './catalog.ts';

export type PackageViolation =
  | { code: 'package_not_sold'; packageId: SellableId }
  | { code: 'package_limit_reached'; packageId: SellableId; limit: number }
  | { code: 'forbidden_change'; from: PackageId; to: PackageId }
  | { code: 'admin_downgrade'; from: PackageId; to: PackageId | null }
  | { code: 'add_on_not_allowed'; addOn: AddOnId; packageId: PackageId | null }
  | { code: 'number_or_extension_required'; packageId: PackageId }
  | { code: 'location_required'; packageId: PackageId };

export type PackageWarning =
  | { code: 'preferred_site_missing'; packageId: PackageId }
  | { code: 'add_on_dropped'; addOn: AddOnId; packageId: PackageId | null };

/** Which calling fields a package needs (SPEC §3 and the help text's table). */
export function requiredCallingFields(packageId: PackageId): {
  numberOrExtension: boolean;
  location: boolean;
} {
  const needs = PACKAGES[packageId].requiresNumberAndLocation;
  return { numberOrExtension: needs, location: needs };
}

/** SPEC §3: from a professional calling package to Webex Calling Standard is forbidden. */
export function checkPackageChange(from: PackageId | null, to: PackageId | null): PackageViolation | null {
  if (from === null || to === null || from === to) return null;
  if (PACKAGES[from].calling === 'professional' && to === 'webex_calling_standard') {
    return { code: 'forbidden_change', from, to };
  }
  return null;
}

/**
 * SPEC §3: a user who is also a customer full admin cannot be moved to a lower package, nor lose
 * their package while they are the customer's only full admin.
 */
export function checkFullAdminChange(input: {
  from: PackageId | null;
  to: PackageId | null;
  isCustomerFullAdmin: boolean;
  isOnlyCustomerFullAdmin: boolean;
}): PackageViolation | null {
  const { from, to } = input;
  if (!input.isCustomerFullAdmin || from === null || from === to) return null;
  if (to === null) return input.isOnlyCustomerFullAdmin ? { code: 'admin_downgrade', from, to } : null;
  if (PACKAGES[to].rank < PACKAGES[from].rank) return { code: 'admin_downgrade', from, to };
  return null;
}

/** The add-on is allowed only with the packages the catalog lists for it. */
export function isAddOnAllowed(addOn: AddOnId, packageId: PackageId | null): boolean {
  return packageId !== null && ADD_ONS[addOn].allowedWith.includes(packageId);
}

/**
 * After a package change, keep the add-on only where the new package allows it; otherwise drop it
 * with a warning (SPEC §3), never fail.
 */
export function reconcileAddOn(
  addOn: AddOnId,
  holdsAddOn: boolean,
  packageId: PackageId | null,
): { keep: boolean; warning: PackageWarning | null } {
  if (!holdsAddOn || isAddOnAllowed(addOn, packageId)) return { keep: holdsAddOn, warning: null };
  return { keep: false, warning: { code: 'add_on_dropped', addOn, packageId } };
}

export interface SoldPackage {
  readonly packageId: SellableId;
  /** null: unlimited. */
  readonly limit: number | null;
}

/**
 * SPEC §2: a package that was not sold, or whose limit is used up, cannot be assigned.
 * `inUse` counts the holders other than the user being changed.
 */
export function checkPackageAvailable(
  packageId: SellableId,
  sold: readonly SoldPackage[],
  inUse: number,
): PackageViolation | null {
  const entry = sold.find((candidate) => candidate.packageId === packageId);
  if (!entry) return { code: 'package_not_sold', packageId };
  if (entry.limit !== null && inUse >= entry.limit) {
    return { code: 'package_limit_reached', packageId, limit: entry.limit };
  }
  return null;
}

/** Calling number information of SPEC §3: an extension or a number (or both), and a location. */
export function checkCallingInfo(
  packageId: PackageId,
  info: { extension: string | null; phoneNumber: string | null; locationId: string | null },
): PackageViolation[] {
  const needed = requiredCallingFields(packageId);
  const violations: PackageViolation[] = [];
  if (needed.numberOrExtension && !info.extension && !info.phoneNumber) {
    violations.push({ code: 'number_or_extension_required', packageId });
  }
  if (needed.location && !info.locationId) violations.push({ code: 'location_required', packageId });
  return violations;
}

/** A missing preferred Webex site is a warning for packages that include meetings. */
export function checkPreferredSite(packageId: PackageId, site: string | null): PackageWarning | null {
  return PACKAGES[packageId].wantsPreferredWebexSite && !site
    ? { code: 'preferred_site_missing', packageId }
    : null;
}

/**
 * What happens to the calling fields when a user moves to a package (SPEC §3): a package without
 * calling releases number, extension and location; Voice and the calling packages keep them.
 */
export function keepsCallingFields(to: PackageId | null): boolean {
  return to !== null && PACKAGES[to].calling !== 'none';
}

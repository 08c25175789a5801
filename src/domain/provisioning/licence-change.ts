// The downstream steps of a user's licence change, and what a failure half-way means (SPEC §5,
// help text). Order matters: licences are taken away before new ones are given (the downstream
// holds one package per user), then the user's calling attributes follow. A failure while
// licences move leaves "Cannot update user license."; a failure after they moved (the attributes)
// leaves "Cannot update user attributes. License change cannot be reverted." Both carry the
// remedy: unassign the package, then assign it again — which is what repair does.
import type { AddOnId, PackageId } from '../packages/catalog.ts';
import {
  LICENSE_CHANGE_NOT_REVERTIBLE_TEXT,
  LICENSE_UPDATE_FAILED_TEXT,
  type WholesaleCodeName,
} from './wholesale-codes.ts';

export type Licence = PackageId | AddOnId;

export interface LicenceHolding {
  readonly packageId: PackageId | null;
  readonly attendantConsole: boolean;
  /** Whether the user has calling attributes (number, extension, location) to push downstream. */
  readonly hasCallingAttributes: boolean;
}

export type LicenceStep =
  | { readonly step: 'unassign_licence'; readonly licence: Licence }
  | { readonly step: 'assign_licence'; readonly licence: Licence }
  | { readonly step: 'update_user_attributes' };

function licences(holding: LicenceHolding): Licence[] {
  if (holding.packageId === null) return [];
  return holding.attendantConsole ? [holding.packageId, 'attendant_console'] : [holding.packageId];
}

/** The steps that take a user from `before` to `after` (both null-package for add / remove). */
export function licenceChangeSteps(before: LicenceHolding, after: LicenceHolding): LicenceStep[] {
  const held = licences(before);
  const wanted = licences(after);
  const steps: LicenceStep[] = [];
  // The add-on goes before its package and comes after it: downstream it depends on the package.
  for (const licence of [...held].reverse()) {
    if (!wanted.includes(licence)) steps.push({ step: 'unassign_licence', licence });
  }
  for (const licence of wanted) {
    if (!held.includes(licence)) steps.push({ step: 'assign_licence', licence });
  }
  const licencesMoved = steps.length > 0;
  if (
    after.packageId !== null &&
    after.hasCallingAttributes &&
    (licencesMoved || !before.hasCallingAttributes)
  ) {
    steps.push({ step: 'update_user_attributes' });
  }
  return steps;
}

/** Repair (SPEC §5): unassign the package (and add-on), then assign them again, then attributes. */
export function repairSteps(holding: LicenceHolding): LicenceStep[] {
  const held = licences(holding);
  const steps: LicenceStep[] = [
    ...[...held].reverse().map((licence) => ({ step: 'unassign_licence' as const, licence })),
    ...held.map((licence) => ({ step: 'assign_licence' as const, licence })),
  ];
  if (holding.packageId !== null && holding.hasCallingAttributes)
    steps.push({ step: 'update_user_attributes' });
  return steps;
}

export interface UserProvisioningError {
  readonly code: Extract<WholesaleCodeName, 'license_change_not_revertible' | 'license_update_failed'>;
  readonly description: string;
}

/** What the user shows when `failed` failed (the steps before it succeeded). */
export function errorForFailedStep(failed: LicenceStep['step']): UserProvisioningError {
  return failed === 'update_user_attributes'
    ? { code: 'license_change_not_revertible', description: LICENSE_CHANGE_NOT_REVERTIBLE_TEXT }
    : { code: 'license_update_failed', description: LICENSE_UPDATE_FAILED_TEXT };
}

// What the planner may know about the customer. An interface, so the CSV job can back it with
// in-memory maps for a whole file while the single-user API backs it with a few queries' results.
import type { PackageId, SellableId } from '../packages/catalog.ts';
import type { SoldPackage } from '../packages/rules.ts';

export interface PlanningLocation {
  readonly id: string;
  readonly name: string;
  /** ISO 3166 alpha-2, used to read national phone numbers. */
  readonly country: string;
}

export interface NumberEntry {
  readonly locationId: string;
  /** Lower-case email of the holder, or null when the number is free. */
  readonly holder: string | null;
}

export interface PlanningContext {
  readonly soldPackages: readonly SoldPackage[];
  /** Current holders of a package or add-on (the user being planned included when they hold it). */
  usage(packageId: SellableId): number;
  locationByName(name: string): PlanningLocation | null;
  locationById(id: string): PlanningLocation | null;
  numberEntry(e164: string): NumberEntry | null;
  /** Lower-case email of the user holding the extension, or null. */
  extensionHolder(extension: string): string | null;
  readonly extensionLength: number;
  /**
   * ISO 3166 alpha-2 of the customer (every customer has one): reads a national Caller ID Number of
   * a user without a location, who has no location country to read it with. Absent: not known, and
   * only international numbers are read.
   */
  readonly customerCountry?: string | null;
  readonly defaultPackageTemplate: PackageId | null;
  /** Preferred Webex site a created user without one gets (SPEC §2 setting), or null. */
  readonly defaultPreferredWebexSite: string | null;
  readonly autoAssignBasicLicences: boolean;
  readonly directorySync: boolean;
  isCustomerFullAdmin(email: string): boolean;
  readonly customerFullAdminCount: number;
  /** The email is a user of another customer (SPEC §5). */
  emailTakenElsewhere(email: string): boolean;
}

/** Location names are unique per customer, matched case-insensitively after trimming (SPEC §4). */
export function locationKey(name: string): string {
  return name.trim().toLowerCase();
}

// The part of a customer's planning context that no planned row changes (sold packages, locations,
// settings, admins), and the usage counts that planned rows do change. Shared by the planning
// states: InMemoryCustomerState (a few users, or tests) and BatchedCustomerState (imports).
import { ADD_ON_IDS, type PackageId, type SellableId } from '../packages/catalog.ts';
import type { SoldPackage } from '../packages/rules.ts';
import {
  locationKey,
  type NumberEntry,
  type PlanningContext,
  type PlanningLocation,
} from './planning-context.ts';
import type { UserState } from './user-state.ts';

export interface CustomerFacts {
  readonly soldPackages: readonly SoldPackage[];
  readonly locations: readonly PlanningLocation[];
  readonly extensionLength: number;
  /** The customer's own country (PlanningContext.customerCountry); absent: not known. */
  readonly customerCountry?: string | null;
  readonly defaultPackageTemplate: PackageId | null;
  /** Absent: none (the setting's default). */
  readonly defaultPreferredWebexSite?: string | null;
  readonly autoAssignBasicLicences: boolean;
  readonly directorySync: boolean;
  readonly customerFullAdmins: readonly string[];
}

export abstract class FixedCustomerContext implements PlanningContext {
  readonly soldPackages: readonly SoldPackage[];
  readonly extensionLength: number;
  readonly customerCountry: string | null;
  readonly defaultPackageTemplate: PackageId | null;
  readonly defaultPreferredWebexSite: string | null;
  readonly autoAssignBasicLicences: boolean;
  readonly directorySync: boolean;
  readonly customerFullAdminCount: number;
  readonly #fullAdmins: ReadonlySet<string>;
  readonly #locationsByKey = new Map<string, PlanningLocation>();
  readonly #locationsById = new Map<string, PlanningLocation>();

  constructor(facts: CustomerFacts) {
    this.soldPackages = facts.soldPackages;
    this.extensionLength = facts.extensionLength;
    this.customerCountry = facts.customerCountry?.trim().toUpperCase() || null;
    this.defaultPackageTemplate = facts.defaultPackageTemplate;
    this.defaultPreferredWebexSite = facts.defaultPreferredWebexSite?.trim() || null;
    this.autoAssignBasicLicences = facts.autoAssignBasicLicences;
    this.directorySync = facts.directorySync;
    this.#fullAdmins = new Set(facts.customerFullAdmins.map((email) => email.toLowerCase()));
    this.customerFullAdminCount = this.#fullAdmins.size;
    for (const location of facts.locations) {
      this.#locationsByKey.set(locationKey(location.name), location);
      this.#locationsById.set(location.id, location);
    }
  }

  locationByName(name: string): PlanningLocation | null {
    return this.#locationsByKey.get(locationKey(name)) ?? null;
  }

  locationById(id: string): PlanningLocation | null {
    return this.#locationsById.get(id) ?? null;
  }

  isCustomerFullAdmin(email: string): boolean {
    return this.#fullAdmins.has(email.toLowerCase());
  }

  abstract usage(packageId: SellableId): number;
  abstract numberEntry(e164: string): NumberEntry | null;
  abstract extensionHolder(extension: string): string | null;
  abstract emailTakenElsewhere(email: string): boolean;
}

/** Holders of each package and add-on, kept as users are added and removed. */
export class UsageCounts {
  readonly #counts: Map<string, number>;

  constructor(initial: ReadonlyMap<string, number> = new Map()) {
    this.#counts = new Map(initial);
  }

  get(id: SellableId): number {
    return this.#counts.get(id) ?? 0;
  }

  /** Counts what a user holds once more (`delta` 1) or once less (-1). */
  count(user: UserState, delta: 1 | -1): void {
    if (user.packageId) this.#add(user.packageId, delta);
    for (const addOn of ADD_ON_IDS) if (user.addOns[addOn]) this.#add(addOn, delta);
  }

  #add(id: string, delta: number): void {
    this.#counts.set(id, (this.#counts.get(id) ?? 0) + delta);
  }
}

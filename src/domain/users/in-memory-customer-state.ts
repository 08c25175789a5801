// A PlanningContext held in memory, updated as each planned row is applied, so that a whole file
// is validated as if its rows ran one after another (limits, numbers and extensions taken by an
// earlier row are seen by later rows). Used by requests that touch a few users (loaded from the
// database: services/users/planning-state.ts) and by tests; the CSV job uses BatchedCustomerState.
import { ADD_ON_IDS, type PackageId, type SellableId } from '../packages/catalog.ts';
import type { SoldPackage } from '../packages/rules.ts';
import type { UserPlan } from './plan-user-change.ts';
import {
  locationKey,
  type NumberEntry,
  type PlanningContext,
  type PlanningLocation,
} from './planning-context.ts';
import type { UserState } from './user-state.ts';

export interface CustomerSnapshot {
  readonly soldPackages: readonly SoldPackage[];
  readonly locations: readonly PlanningLocation[];
  /** Every number of every location, E.164. Holders are derived from `users`. */
  readonly numbers: readonly { e164: string; locationId: string }[];
  readonly users: readonly UserState[];
  readonly extensionLength: number;
  readonly defaultPackageTemplate: PackageId | null;
  readonly autoAssignBasicLicences: boolean;
  readonly directorySync: boolean;
  readonly customerFullAdmins: readonly string[];
  /** Decides whether an email belongs to a user of another customer. */
  readonly emailTakenElsewhere: (email: string) => boolean;
}

export class InMemoryCustomerState implements PlanningContext {
  readonly soldPackages: readonly SoldPackage[];
  readonly extensionLength: number;
  readonly defaultPackageTemplate: PackageId | null;
  readonly autoAssignBasicLicences: boolean;
  readonly directorySync: boolean;
  readonly customerFullAdminCount: number;
  readonly #users = new Map<string, UserState>();
  readonly #usage = new Map<SellableId, number>();
  readonly #locationsByKey = new Map<string, PlanningLocation>();
  readonly #locationsById = new Map<string, PlanningLocation>();
  /** Inventory: number -> location. */
  readonly #numberLocations = new Map<string, string>();
  /** Number -> lower-case email of the user holding it. */
  readonly #numberHolders = new Map<string, string>();
  readonly #extensions = new Map<string, string>();
  readonly #fullAdmins: ReadonlySet<string>;
  readonly #emailTakenElsewhere: (email: string) => boolean;

  constructor(snapshot: CustomerSnapshot) {
    this.soldPackages = snapshot.soldPackages;
    this.extensionLength = snapshot.extensionLength;
    this.defaultPackageTemplate = snapshot.defaultPackageTemplate;
    this.autoAssignBasicLicences = snapshot.autoAssignBasicLicences;
    this.directorySync = snapshot.directorySync;
    this.#fullAdmins = new Set(snapshot.customerFullAdmins.map((email) => email.toLowerCase()));
    this.customerFullAdminCount = this.#fullAdmins.size;
    this.#emailTakenElsewhere = snapshot.emailTakenElsewhere;
    for (const location of snapshot.locations) {
      this.#locationsByKey.set(locationKey(location.name), location);
      this.#locationsById.set(location.id, location);
    }
    for (const entry of snapshot.numbers) this.#numberLocations.set(entry.e164, entry.locationId);
    for (const user of snapshot.users) this.#add(user);
  }

  user(email: string): UserState | null {
    return this.#users.get(email.toLowerCase()) ?? null;
  }

  users(): IterableIterator<UserState> {
    return this.#users.values();
  }

  usage(packageId: SellableId): number {
    return this.#usage.get(packageId) ?? 0;
  }

  locationByName(name: string): PlanningLocation | null {
    return this.#locationsByKey.get(locationKey(name)) ?? null;
  }

  locationById(id: string): PlanningLocation | null {
    return this.#locationsById.get(id) ?? null;
  }

  numberEntry(e164: string): NumberEntry | null {
    const locationId = this.#numberLocations.get(e164);
    if (locationId === undefined) return null;
    return { locationId, holder: this.#numberHolders.get(e164) ?? null };
  }

  extensionHolder(extension: string): string | null {
    return this.#extensions.get(extension) ?? null;
  }

  isCustomerFullAdmin(email: string): boolean {
    return this.#fullAdmins.has(email.toLowerCase());
  }

  emailTakenElsewhere(email: string): boolean {
    return this.#emailTakenElsewhere(email);
  }

  /** Makes a planned change visible to the rows planned after it. */
  apply(plan: UserPlan): void {
    if (plan.action === 'add' || plan.action === 'modify' || plan.action === 'remove') {
      if (plan.before) this.#remove(plan.before);
      if (plan.after) this.#add(plan.after);
    }
  }

  #count(id: SellableId, delta: number): void {
    // Not the overridable usage(): a subclass that adds usage kept elsewhere (planning-state.ts)
    // would be counted twice, and is not initialised yet while this constructor runs.
    this.#usage.set(id, (this.#usage.get(id) ?? 0) + delta);
  }

  #add(user: UserState): void {
    this.#users.set(user.email, user);
    if (user.packageId) this.#count(user.packageId, 1);
    for (const addOn of ADD_ON_IDS) if (user.addOns[addOn]) this.#count(addOn, 1);
    if (user.extension) this.#extensions.set(user.extension, user.email);
    if (user.phoneNumber) this.#numberHolders.set(user.phoneNumber, user.email);
  }

  #remove(user: UserState): void {
    this.#users.delete(user.email);
    if (user.packageId) this.#count(user.packageId, -1);
    for (const addOn of ADD_ON_IDS) if (user.addOns[addOn]) this.#count(addOn, -1);
    if (user.extension && this.#extensions.get(user.extension) === user.email)
      this.#extensions.delete(user.extension);
    if (user.phoneNumber && this.#numberHolders.get(user.phoneNumber) === user.email) {
      this.#numberHolders.delete(user.phoneNumber);
    }
  }
}

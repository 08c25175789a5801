// A PlanningContext held in memory, updated as each planned row is applied, so that a whole file
// is validated as if its rows ran one after another (limits, numbers and extensions taken by an
// earlier row are seen by later rows). Used by requests that touch a few users (loaded from the
// database: services/users/planning-state.ts) and by tests; the CSV job uses BatchedCustomerState.
import { FixedCustomerContext, UsageCounts, type CustomerFacts } from './customer-facts.ts';
import type { SellableId } from '../packages/catalog.ts';
import type { UserPlan } from './plan-user-change.ts';
import type { NumberEntry } from './planning-context.ts';
import type { UserState } from './user-state.ts';

export interface CustomerSnapshot extends CustomerFacts {
  /** Every number of every location, E.164. Holders are derived from `users`. */
  readonly numbers: readonly { e164: string; locationId: string }[];
  readonly users: readonly UserState[];
  /** Decides whether an email belongs to a user of another customer. */
  readonly emailTakenElsewhere: (email: string) => boolean;
}

export class InMemoryCustomerState extends FixedCustomerContext {
  readonly #users = new Map<string, UserState>();
  readonly #usage = new UsageCounts();
  /** Inventory: number -> location. */
  readonly #numberLocations = new Map<string, string>();
  /** Number -> lower-case email of the user holding it. */
  readonly #numberHolders = new Map<string, string>();
  readonly #extensions = new Map<string, string>();
  readonly #emailTakenElsewhere: (email: string) => boolean;

  constructor(snapshot: CustomerSnapshot) {
    super(snapshot);
    this.#emailTakenElsewhere = snapshot.emailTakenElsewhere;
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
    return this.#usage.get(packageId);
  }

  numberEntry(e164: string): NumberEntry | null {
    const locationId = this.#numberLocations.get(e164);
    if (locationId === undefined) return null;
    return { locationId, holder: this.#numberHolders.get(e164) ?? null };
  }

  extensionHolder(extension: string): string | null {
    return this.#extensions.get(extension) ?? null;
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

  // Counts go to #usage, not through the overridable usage(): a subclass that adds usage kept
  // elsewhere (services/users/planning-state.ts) would otherwise count them twice.
  #add(user: UserState): void {
    this.#users.set(user.email, user);
    this.#usage.count(user, 1);
    if (user.extension) this.#extensions.set(user.extension, user.email);
    if (user.phoneNumber) this.#numberHolders.set(user.phoneNumber, user.email);
  }

  #remove(user: UserState): void {
    this.#users.delete(user.email);
    this.#usage.count(user, -1);
    if (user.extension && this.#extensions.get(user.extension) === user.email)
      this.#extensions.delete(user.extension);
    if (user.phoneNumber && this.#numberHolders.get(user.phoneNumber) === user.email) {
      this.#numberHolders.delete(user.phoneNumber);
    }
  }
}

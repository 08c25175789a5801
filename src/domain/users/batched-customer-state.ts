// The planning state of a streaming import (ADR 0013): a customer's facts that do not grow (sold
// packages, locations, admins, usage counts), the stored users and holders that one batch of rows
// asks about (loaded per batch), and what the import's earlier rows did to numbers and extensions.
// Memory follows the batch, not the file or the customer: the only per-row memory is the compact
// record of numbers and extensions claimed or freed by earlier rows.
import { CompactStringMap } from '../../lib/compact-string-map.ts';
import type { PlanningState } from '../csv/plan-csv-rows.ts';
import type { SellableId } from '../packages/catalog.ts';
import { FixedCustomerContext, UsageCounts, type CustomerFacts } from './customer-facts.ts';
import type { UserPlan } from './plan-user-change.ts';
import type { NumberEntry } from './planning-context.ts';
import type { UserState } from './user-state.ts';

export interface BatchedStateFacts extends CustomerFacts {
  /** Stored holders of each package and add-on when the import (or its resumed run) started. */
  readonly usage: ReadonlyMap<string, number>;
  /**
   * Ids for the emails of claiming rows. The import passes the map its duplicate rule fills
   * (SeenEmailsTable), so a claimer's email is stored once; a key new to it is added with value 0.
   */
  readonly emailIds?: CompactStringMap;
}

/** What the rows of one batch may ask about, as stored. Emails lower-case. */
export interface BatchFacts {
  /** The customer's users with the batch's emails. */
  readonly users: ReadonlyMap<string, UserState>;
  /** Emails of the batch that belong to users of other customers. */
  readonly foreignEmails: ReadonlySet<string>;
  /** The customer's inventory entries among the numbers the batch may touch, with their holders. */
  readonly numbers: ReadonlyMap<string, NumberEntry>;
  /** Holders of the extensions the batch asks for. */
  readonly extensionHolders: ReadonlyMap<string, string>;
}

const EMPTY_BATCH: BatchFacts = {
  users: new Map(),
  foreignEmails: new Set(),
  numbers: new Map(),
  extensionHolders: new Map(),
};

/** Value of a number or extension that an earlier row released. Claims hold the claimer's id. */
const FREED = -1;

export class BatchedCustomerState extends FixedCustomerContext implements PlanningState {
  readonly #usage: UsageCounts;
  /** Emails of the rows that claimed a number or an extension (by id). */
  readonly #claimers: CompactStringMap;
  /** Number (E.164) or extension -> claimer id, or FREED: the import's own changes so far. */
  readonly #numbers = new CompactStringMap();
  readonly #extensions = new CompactStringMap();
  #batch: BatchFacts = EMPTY_BATCH;

  constructor(facts: BatchedStateFacts) {
    super(facts);
    this.#usage = new UsageCounts(facts.usage);
    this.#claimers = facts.emailIds ?? new CompactStringMap();
  }

  /** Replaces the previous batch's stored facts with this batch's. */
  loadBatch(facts: BatchFacts): void {
    this.#batch = facts;
  }

  user(email: string): UserState | null {
    return this.#batch.users.get(email.toLowerCase()) ?? null;
  }

  usage(packageId: SellableId): number {
    return this.#usage.get(packageId);
  }

  numberEntry(e164: string): NumberEntry | null {
    const stored = this.#batch.numbers.get(e164);
    if (!stored) return null;
    return { locationId: stored.locationId, holder: this.#holder(this.#numbers, e164, stored.holder) };
  }

  extensionHolder(extension: string): string | null {
    return this.#holder(this.#extensions, extension, this.#batch.extensionHolders.get(extension) ?? null);
  }

  emailTakenElsewhere(email: string): boolean {
    return this.#batch.foreignEmails.has(email.toLowerCase());
  }

  /** Makes a planned change visible to the rows planned after it. */
  apply(plan: UserPlan): void {
    if (plan.action !== 'add' && plan.action !== 'modify' && plan.action !== 'remove') return;
    if (plan.before) this.#release(plan.before);
    if (plan.after) this.#claim(plan.after);
  }

  /** The import's own change to a key wins over the stored holder. */
  #holder(changes: CompactStringMap, key: string, stored: string | null): string | null {
    const id = changes.idOf(key);
    if (id < 0) return stored;
    const claimer = changes.valueAt(id);
    return claimer === FREED ? null : this.#claimers.keyAt(claimer);
  }

  #release(user: UserState): void {
    this.#usage.count(user, -1);
    if (user.extension) this.#releaseKey(this.#extensions, user.extension, user.email);
    if (user.phoneNumber) this.#releaseKey(this.#numbers, user.phoneNumber, user.email);
  }

  /**
   * A user's stored state is what it holds unless the import changed the key since (then it is
   * freed only if the import's last claimer is this user). The batch need not have looked the
   * key's holder up: a row that only removes a user names none of its keys.
   */
  #releaseKey(changes: CompactStringMap, key: string, email: string): void {
    const id = changes.idOf(key);
    if (id < 0) {
      changes.set(key, FREED);
      return;
    }
    const claimer = changes.valueAt(id);
    if (claimer !== FREED && this.#claimers.keyAt(claimer) === email) changes.setValueAt(id, FREED);
  }

  #claim(user: UserState): void {
    this.#usage.count(user, 1);
    if (!user.extension && !user.phoneNumber) return;
    const claimer = this.#claimers.intern(user.email);
    if (user.extension) this.#extensions.set(user.extension, claimer);
    if (user.phoneNumber) this.#numbers.set(user.phoneNumber, claimer);
  }
}

// The planning state of a streaming import (ADR 0013): a customer's facts that do not grow (sold
// packages, locations, admins, usage counts), the stored users and holders that one batch of rows
// asks about (loaded per batch), and what the import's earlier rows did to numbers and extensions.
// Memory follows the batch, not the file or the customer: the only per-row memory is the record of
// numbers and extensions claimed or freed by earlier rows, 12 bytes a slot (ADR 0015).
import { NumberKeyMap } from '../../lib/number-key-map.ts';
import type { PlanningState } from '../csv/plan-csv-rows.ts';
import type { SellableId } from '../packages/catalog.ts';
import { FixedCustomerContext, UsageCounts, type CustomerFacts } from './customer-facts.ts';
import type { UserPlan } from './plan-user-change.ts';
import type { NumberEntry } from './planning-context.ts';
import type { UserState } from './user-state.ts';

export interface BatchedStateFacts extends CustomerFacts {
  /**
   * Stored holders of each package and add-on when the import (or its resumed run) started. Other
   * channels may add holders while it runs: each batch is checked again, under the customer's usage
   * lock, against the usage stored when it is written (ADR 0073).
   */
  readonly usage: ReadonlyMap<string, number>;
  /**
   * The email of a row that claimed a key, when the file has that email on another row too
   * (RepeatedEmails). Only then can a later row be the claimer's own user.
   */
  readonly repeatedEmailOfRow?: (row: number) => string | undefined;
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

/** Value of a number or extension that an earlier row released. Claims hold the claimer's row. */
const FREED = -1;

/**
 * What stands for the holder of a key that row `row` claimed, when that row's email is on no other
 * row of the file: not an email (so no row's email equals it), since no later row can be its user.
 */
const claimedByRow = (row: number): string => `(row ${row})`;

/**
 * Numbers (E.164) or extensions -> the row that claimed them last, or FREED. Keys are digits, kept
 * as numbers (exact below 2^53); anything else, which validation does not let through, in a Map.
 */
class ClaimedKeys {
  readonly #numeric = new NumberKeyMap();
  readonly #other = new Map<string, number>();

  constructor(private readonly toNumber: (key: string) => number | null) {}

  get(key: string): number | undefined {
    const numeric = this.toNumber(key);
    return numeric === null ? this.#other.get(key) : this.#numeric.get(numeric);
  }

  set(key: string, value: number): void {
    const numeric = this.toNumber(key);
    if (numeric === null) this.#other.set(key, value);
    else this.#numeric.set(numeric, value);
  }
}

/** +31201234567 -> 31201234567 (E.164 has at most 15 digits). */
const e164Number = (e164: string): number | null =>
  /^\+\d{1,15}$/.test(e164) ? Number(e164.slice(1)) : null;
/** 0123 -> 10123: the leading 1 keeps leading zeros apart (0123 is not 123). */
const extensionNumber = (extension: string): number | null =>
  /^\d{1,14}$/.test(extension) ? Number(`1${extension}`) : null;

export class BatchedCustomerState extends FixedCustomerContext implements PlanningState {
  readonly #usage: UsageCounts;
  readonly #repeatedEmailOfRow: (row: number) => string | undefined;
  /** The import's own changes so far. */
  readonly #numbers = new ClaimedKeys(e164Number);
  readonly #extensions = new ClaimedKeys(extensionNumber);
  #batch: BatchFacts = EMPTY_BATCH;

  constructor(facts: BatchedStateFacts) {
    super(facts);
    this.#usage = new UsageCounts(facts.usage);
    this.#repeatedEmailOfRow = facts.repeatedEmailOfRow ?? (() => undefined);
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

  /** Makes a planned change (of the file's row `row`) visible to the rows planned after it. */
  apply(plan: UserPlan, row: number): void {
    if (plan.action !== 'add' && plan.action !== 'modify' && plan.action !== 'remove') return;
    if (plan.before) this.#release(plan.before);
    if (plan.after) this.#claim(plan.after, row);
  }

  /**
   * The import's own change to a key wins over the stored holder. A claimer is the first row of
   * its email (a repeat is an error row and claims nothing), so it is a later row's user exactly
   * when the file repeats that email, and then its email is known.
   */
  #holder(changes: ClaimedKeys, key: string, stored: string | null): string | null {
    const claimer = changes.get(key);
    if (claimer === undefined) return stored;
    if (claimer === FREED) return null;
    return this.#repeatedEmailOfRow(claimer) ?? claimedByRow(claimer);
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
  #releaseKey(changes: ClaimedKeys, key: string, email: string): void {
    const claimer = changes.get(key);
    if (claimer === undefined || this.#holder(changes, key, null) === email) changes.set(key, FREED);
  }

  #claim(user: UserState, row: number): void {
    this.#usage.count(user, 1);
    if (user.extension) this.#extensions.set(user.extension, row);
    if (user.phoneNumber) this.#numbers.set(user.phoneNumber, row);
  }
}

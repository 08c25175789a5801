// A short-lived memory of who an API token is (ADR 0053). A list request otherwise spends one of
// its three database round trips on the same token lookup every time. Entries live at most `ttlMs`;
// `clear()` forgets everything at once and also stops lookups still in flight from storing what
// they read before it, so a revocation made through this process applies to the very next request.

export class PrincipalCache<T> {
  readonly #entries = new Map<string, { readonly value: T; readonly until: number }>();
  #generation = 0;

  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: { ttlMs: number; maxEntries?: number; now?: () => number }) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? (() => Date.now());
  }

  /** Identifies the cache's state before a lookup; pass it to `set` when the lookup is done. */
  get generation(): number {
    return this.#generation;
  }

  get(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.until > this.#now()) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  /** Remembers a lookup's result, unless the cache was cleared since the lookup began. */
  set(key: string, value: T, lookupGeneration: number): void {
    if (lookupGeneration !== this.#generation) return;
    // Bounded: the oldest entry makes room (a Map iterates in insertion order).
    if (this.#entries.size >= this.#maxEntries && !this.#entries.has(key)) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.delete(key);
    this.#entries.set(key, { value, until: this.#now() + this.#ttlMs });
  }

  clear(): void {
    this.#generation += 1;
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}

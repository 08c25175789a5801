// A map from non-negative safe integers to int32 values in two typed arrays (open addressing,
// linear probing). An import keeps one entry per claimed phone number or extension, and counts
// a fingerprint per email of the file (ADR 0015). A V8 Map costs ~80 heap bytes an entry and
// gives the garbage collector millions of objects to trace. This costs 12 bytes a slot, at most
// 24–32 bytes a key, and is three objects whatever its size.

/** Marks an empty slot: keys are never negative. */
const EMPTY = -1;
/** Grow when more than this share of the slots is taken (linear probing stays short below it). */
const MAX_LOAD = 0.75;

/** murmur3's fmix32 over both 32-bit halves, so that keys differing only high up spread too. */
function hashKey(key: number): number {
  let hash = (key >>> 0) ^ Math.imul(Math.floor(key / 0x1_0000_0000), 0x9e3779b1);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

function checkKey(key: number): void {
  if (!Number.isSafeInteger(key) || key < 0)
    throw new RangeError(`NumberKeyMap keys are safe integers ≥ 0, got ${key}`);
}

function checkValue(value: number): void {
  if ((value | 0) !== value) throw new RangeError(`NumberKeyMap values are int32, got ${value}`);
}

export class NumberKeyMap {
  #keys: Float64Array;
  #values: Int32Array;
  #count = 0;

  /** `initialCapacity`: keys before the first grow. */
  constructor(initialCapacity = 1024) {
    let slots = 16;
    while (slots * MAX_LOAD < initialCapacity) slots *= 2;
    this.#keys = new Float64Array(slots).fill(EMPTY);
    this.#values = new Int32Array(slots);
  }

  get size(): number {
    return this.#count;
  }

  get(key: number): number | undefined {
    checkKey(key);
    const slot = this.#slotOf(key);
    return this.#keys[slot] === key ? this.#values[slot] : undefined;
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  set(key: number, value: number): void {
    checkKey(key);
    checkValue(value);
    let slot = this.#slotOf(key);
    if (this.#keys[slot] !== key) {
      if (this.#count + 1 > this.#keys.length * MAX_LOAD) {
        this.#grow();
        slot = this.#slotOf(key);
      }
      this.#keys[slot] = key;
      this.#count += 1;
    }
    this.#values[slot] = value;
  }

  /** Every entry, in no particular order. */
  *entries(): Generator<[key: number, value: number]> {
    for (let slot = 0; slot < this.#keys.length; slot += 1) {
      const key = this.#keys[slot]!;
      if (key !== EMPTY) yield [key, this.#values[slot]!];
    }
  }

  /** Bytes held by its typed arrays, for benchmarks. */
  get reservedBytes(): number {
    return this.#keys.byteLength + this.#values.byteLength;
  }

  /** The slot holding the key, or the empty slot where it would go. */
  #slotOf(key: number): number {
    const mask = this.#keys.length - 1;
    let slot = hashKey(key) & mask;
    for (;;) {
      const stored = this.#keys[slot]!;
      if (stored === key || stored === EMPTY) return slot;
      slot = (slot + 1) & mask;
    }
  }

  #grow(): void {
    const keys = this.#keys;
    const values = this.#values;
    this.#keys = new Float64Array(keys.length * 2).fill(EMPTY);
    this.#values = new Int32Array(keys.length * 2);
    for (let slot = 0; slot < keys.length; slot += 1) {
      const key = keys[slot]!;
      if (key === EMPTY) continue;
      const target = this.#slotOf(key);
      this.#keys[target] = key;
      this.#values[target] = values[slot]!;
    }
  }
}

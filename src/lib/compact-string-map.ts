// An exact string → int32 map for remembering millions of keys (the CSV import's seen emails, claimed phone
// numbers) without a V8 Map's ~80–100 heap bytes per entry and the GC pressure that comes with them: key bytes
// live in an append-only arena of Uint8Array chunks, per-entry fields in parallel Int32Arrays and the index in an
// open-addressing Int32Array slot table, so the GC sees a handful of large objects instead of millions of small ones.

/** Arena chunk size; a key never spans chunks, and a larger key gets a chunk of its own. */
const CHUNK_BYTES = 1 << 20;
/** Never a byte of well-formed UTF-8, so it marks keys stored as raw UTF-16 (see `encode`) without ambiguity. */
const UTF16_MARKER = 0xff;
const encoder = new TextEncoder();
/** ignoreBOM: a key starting with U+FEFF must round-trip unchanged instead of losing it. */
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** `String.prototype.isWellFormed` runs on Node 20 but is typed in lib ES2024, newer than our tsconfig's lib. */
type CheckableString = string & { isWellFormed(): boolean };

/** FNV-1a over the bytes, then murmur3's fmix32 so the low bits a power-of-two mask keeps are well mixed. */
function hashBytes(bytes: Uint8Array, length: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

function grown(array: Int32Array, length: number): Int32Array {
  const next = new Int32Array(length);
  next.set(array);
  return next;
}

/** Values are stored in an Int32Array: silently truncating a row number would be a wrong answer, so refuse. */
function checkInt32(value: number): void {
  if ((value | 0) !== value) throw new RangeError(`CompactStringMap values are int32, got ${value}`);
}

/** A map from strings to int32 values, ids dense from 0 in insertion order. Never removes keys. */
export class CompactStringMap {
  private readonly chunks: Uint8Array[] = [];
  /** The shared chunk being filled (-1 before the first); oversized keys' own chunks sit beside it. */
  private fillChunk = -1;
  private fillOffset = CHUNK_BYTES;
  // Per entry, indexed by id. Position is (chunk, offset) so that chunks of any size stay addressable.
  private entryChunk: Int32Array;
  private entryOffset: Int32Array;
  private entryLength: Int32Array;
  private entryHash: Int32Array;
  private entryValue: Int32Array;
  /** Entry id + 1 per slot (0 = empty); power-of-two length, kept at most half full for short probes. */
  private slots: Int32Array;
  private count = 0;
  /** The current key's bytes, encoded once per call into a buffer reused across calls. */
  private scratch = new Uint8Array(256);
  private scratchLength = 0;

  /** `initialCapacity`: entries before the first grow. */
  constructor(initialCapacity = 1024) {
    const capacity = Math.max(1, Math.ceil(initialCapacity));
    this.entryChunk = new Int32Array(capacity);
    this.entryOffset = new Int32Array(capacity);
    this.entryLength = new Int32Array(capacity);
    this.entryHash = new Int32Array(capacity);
    this.entryValue = new Int32Array(capacity);
    let slotCount = 2;
    while (slotCount < capacity * 2) slotCount *= 2;
    this.slots = new Int32Array(slotCount);
  }

  get size(): number {
    return this.count;
  }

  /** The key's id, or -1 when absent. */
  idOf(key: string): number {
    return this.slots[this.probe(this.encode(key))]! - 1;
  }

  /** The key's id, adding the key (with value `initialValue`, default 0) when absent. */
  intern(key: string, initialValue = 0): number {
    checkInt32(initialValue);
    const hash = this.encode(key);
    let slot = this.probe(hash);
    if (this.slots[slot] !== 0) return this.slots[slot]! - 1;
    if ((this.count + 1) * 2 > this.slots.length) {
      this.rehash(this.slots.length * 2);
      slot = this.probe(hash);
    }
    const id = this.count++;
    if (id === this.entryHash.length) this.growEntries(id * 2);
    this.storeScratch(id);
    this.entryHash[id] = hash;
    this.entryValue[id] = initialValue;
    this.slots[slot] = id + 1;
    return id;
  }

  /** The key of an id (decoded from the arena). Throws RangeError for an unknown id. */
  keyAt(id: number): string {
    this.checkId(id);
    const length = this.entryLength[id]!;
    if (length === 0) return '';
    const start = this.entryOffset[id]!;
    const bytes = this.chunks[this.entryChunk[id]!]!.subarray(start, start + length);
    if (bytes[0] !== UTF16_MARKER) return decoder.decode(bytes);
    let key = '';
    for (let i = 1; i < length; i += 2) key += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return key;
  }

  valueAt(id: number): number {
    this.checkId(id);
    return this.entryValue[id]!;
  }

  setValueAt(id: number, value: number): void {
    this.checkId(id);
    checkInt32(value);
    this.entryValue[id] = value;
  }

  /** Conveniences. */
  get(key: string): number | undefined {
    const id = this.idOf(key);
    return id < 0 ? undefined : this.entryValue[id];
  }

  set(key: string, value: number): void {
    checkInt32(value); // before interning, so a refused value adds no key
    // Intern first: it may replace entryValue while growing, so index the array only afterwards.
    this.setValueAt(this.intern(key), value);
  }

  has(key: string): boolean {
    return this.idOf(key) >= 0;
  }

  /** Bytes held by its typed arrays (arena chunks, entry arrays, slot table, scratch), for benchmarks. */
  get reservedBytes(): number {
    const entries = [this.entryChunk, this.entryOffset, this.entryLength, this.entryHash, this.entryValue];
    let bytes = this.slots.byteLength + this.scratch.byteLength;
    for (const array of entries) bytes += array.byteLength;
    for (const chunk of this.chunks) bytes += chunk.byteLength;
    return bytes;
  }

  /** Writes the key's bytes to the scratch buffer and returns their hash. */
  private encode(key: string): number {
    if (key.length * 3 > this.scratch.length) {
      this.scratch = new Uint8Array(Math.max(key.length * 3, this.scratch.length * 2));
    }
    if ((key as CheckableString).isWellFormed()) {
      this.scratchLength = encoder.encodeInto(key, this.scratch).written;
    } else {
      // TextEncoder turns lone surrogates into U+FFFD, which would merge distinct keys: keep the UTF-16 units.
      this.scratch[0] = UTF16_MARKER;
      for (let i = 0; i < key.length; i++) {
        const unit = key.charCodeAt(i);
        this.scratch[1 + 2 * i] = unit >>> 8;
        this.scratch[2 + 2 * i] = unit & 0xff;
      }
      this.scratchLength = 1 + 2 * key.length;
    }
    return hashBytes(this.scratch, this.scratchLength);
  }

  /** The slot holding the scratch key, or the empty slot where it would go (linear probing). */
  private probe(hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = this.slots[slot]!;
      if (stored === 0 || (this.entryHash[stored - 1] === hash && this.scratchEquals(stored - 1)))
        return slot;
    }
  }

  private scratchEquals(id: number): boolean {
    const length = this.scratchLength;
    if (this.entryLength[id] !== length) return false;
    const chunk = this.chunks[this.entryChunk[id]!]!;
    const start = this.entryOffset[id]!;
    for (let i = 0; i < length; i++) if (chunk[start + i] !== this.scratch[i]) return false;
    return true;
  }

  /** Appends the scratch bytes to the arena; chunks are only ever added, never copied. */
  private storeScratch(id: number): void {
    const length = this.scratchLength;
    let chunk = this.fillChunk;
    let offset = this.fillOffset;
    if (length > CHUNK_BYTES) {
      chunk = this.chunks.push(new Uint8Array(length)) - 1;
      offset = 0;
    } else if (length > 0) {
      if (offset + length > CHUNK_BYTES) {
        chunk = this.fillChunk = this.chunks.push(new Uint8Array(CHUNK_BYTES)) - 1;
        offset = 0;
      }
      this.fillOffset = offset + length;
    }
    const target = this.chunks[chunk];
    for (let i = 0; i < length; i++) target![offset + i] = this.scratch[i]!;
    this.entryChunk[id] = chunk;
    this.entryOffset[id] = offset;
    this.entryLength[id] = length;
  }

  /** Rebuilds the slot table from the stored hashes: no key is re-encoded or re-hashed. */
  private rehash(slotCount: number): void {
    const slots = new Int32Array(slotCount);
    const mask = slotCount - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = this.entryHash[id]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }

  private growEntries(capacity: number): void {
    this.entryChunk = grown(this.entryChunk, capacity);
    this.entryOffset = grown(this.entryOffset, capacity);
    this.entryLength = grown(this.entryLength, capacity);
    this.entryHash = grown(this.entryHash, capacity);
    this.entryValue = grown(this.entryValue, capacity);
  }

  private checkId(id: number): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.count) throw new RangeError(`unknown id ${id}`);
  }
}

import { describe, expect, it } from 'vitest';
import { CompactStringMap } from './compact-string-map.ts';

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = [
  'a',
  'b',
  'z',
  '0',
  '9',
  '.',
  '@',
  '-',
  'é',
  'ß',
  '中',
  '文',
  '😀',
  '👍🏽',
  '\u{10ffff}',
  '\0',
];
const ONE_MIB = 1 << 20;

function keyPool(random: () => number, count: number): string[] {
  const pick = (n: number) => Math.floor(random() * n);
  const randomKey = (length: number) =>
    Array.from({ length }, () => ALPHABET[pick(ALPHABET.length)]).join('');
  const keys = ['', 'a', 'b', '\uFEFFa', '\uD800', '\uFFFD', 'a\uDC00b', 'a\uFFFDb', 'é', 'e\u0301'];
  while (keys.length < count) {
    const base = `first.last${pick(10_000_000)}@example.com`;
    keys.push(
      base,
      base.slice(0, -1) + 'n',
      `${base}x`,
      randomKey(pick(12)),
      `shared/prefix/${randomKey(3)}`,
    );
  }
  return keys;
}

describe('CompactStringMap', () => {
  it('matches a reference Map over ~200k keys with interleaved intern/get/set', () => {
    const random = seededRandom(42);
    const pool = keyPool(random, 250_000);
    const map = new CompactStringMap(1); // start tiny: forces every grow path many times
    const reference = new Map<string, { id: number; value: number }>();
    // Collected rather than expect()ed per step: 400k expect calls would dominate the run time.
    const mismatches: string[] = [];
    const check = (what: string, actual: unknown, wanted: unknown) => {
      if (actual !== wanted) mismatches.push(`${what}: got ${String(actual)}, wanted ${String(wanted)}`);
    };
    for (let step = 0; step < 400_000; step++) {
      const key = pool[Math.floor(random() * pool.length)]!;
      const value = Math.floor(random() * 2 ** 32) - 2 ** 31;
      const known = reference.get(key);
      switch (step % 4) {
        case 0: {
          const id = map.intern(key, value);
          if (!known) reference.set(key, { id: reference.size, value });
          check(`intern ${JSON.stringify(key)}`, id, reference.get(key)!.id);
          break;
        }
        case 1:
          check(`get ${JSON.stringify(key)}`, map.get(key), known?.value);
          check(`idOf ${JSON.stringify(key)}`, map.idOf(key), known?.id ?? -1);
          break;
        case 2:
          map.set(key, value);
          if (known) known.value = value;
          else reference.set(key, { id: reference.size, value });
          break;
        default:
          check(`has ${JSON.stringify(key)}`, map.has(key), known !== undefined);
      }
    }
    for (const [key, { id, value }] of reference) {
      check(`final idOf ${JSON.stringify(key)}`, map.idOf(key), id);
      check(`keyAt ${id}`, map.keyAt(id), key);
      check(`valueAt ${id}`, map.valueAt(id), value);
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(reference.size).toBeGreaterThan(100_000);
    expect(map.size).toBe(reference.size);
  });

  it('hands out dense ids in insertion order and round-trips keys', () => {
    const keys = [
      '',
      'alice@example.com',
      'Alice@example.com',
      'josé',
      '中文',
      '😀',
      '\uD83D',
      '\uDE00',
      '\uFEFF',
    ];
    const map = new CompactStringMap(2);
    keys.forEach((key, index) => expect(map.intern(key, index * 10)).toBe(index));
    keys.forEach((key, index) => {
      expect(map.intern(key, 999)).toBe(index); // already present: initial value ignored
      expect(map.keyAt(index)).toBe(key);
      expect(map.valueAt(index)).toBe(index * 10);
    });
    expect(map.size).toBe(keys.length);
  });

  it('keeps strings apart that encode alike or share a 32-bit hash', () => {
    const map = new CompactStringMap();
    // Lone surrogates would become U+FFFD under TextEncoder; these two share FNV-1a+fmix32 (found by brute force).
    const pairs = [
      ['\uD800', '\uFFFD'],
      ['user449599@example.com', 'user612382@example.com'],
    ];
    for (const [first, second] of pairs) {
      const firstId = map.intern(first!);
      expect(map.idOf(second!)).toBe(-1);
      expect(map.intern(second!)).not.toBe(firstId);
      expect(map.keyAt(map.idOf(second!))).toBe(second);
    }
  });

  it.each([-1, 3, 1.5, Number.NaN])('throws RangeError for unknown id %s', (id) => {
    const map = new CompactStringMap();
    ['a', 'b', 'c'].forEach((key) => map.intern(key));
    expect(() => map.keyAt(id)).toThrow(RangeError);
    expect(() => map.valueAt(id)).toThrow(RangeError);
    expect(() => map.setValueAt(id, 1)).toThrow(RangeError);
  });

  it.each([2 ** 31, -(2 ** 31) - 1, 0.5, Number.NaN])('refuses non-int32 value %s', (value) => {
    const map = new CompactStringMap();
    const id = map.intern('a');
    expect(() => map.setValueAt(id, value)).toThrow(RangeError);
    expect(() => map.set('a', value)).toThrow(RangeError);
    expect(() => map.intern('b', value)).toThrow(RangeError);
    expect(map.valueAt(id)).toBe(0);
    expect(map.has('b')).toBe(false);
  });

  it('stores keys longer than a chunk and keeps working afterwards', () => {
    const map = new CompactStringMap(4);
    const before = Array.from({ length: 1000 }, (_, i) => `before${i}`);
    before.forEach((key) => map.intern(key));
    const huge = 'x'.repeat(ONE_MIB + 7);
    const hugeWide = '中'.repeat(ONE_MIB / 2); // 1.5 MiB of UTF-8
    const hugeId = map.intern(huge, 7);
    const wideId = map.intern(hugeWide, 8);
    const after = Array.from({ length: 50_000 }, (_, i) => `after${i}@example.com`);
    after.forEach((key, i) => map.intern(key, i));
    expect(map.keyAt(hugeId)).toBe(huge);
    expect(map.keyAt(wideId)).toBe(hugeWide);
    expect(map.get(huge)).toBe(7);
    expect(map.get(`${huge}y`)).toBeUndefined();
    before.forEach((key, i) => expect(map.idOf(key)).toBe(i));
    after.forEach((key, i) => expect(map.get(key)).toBe(i));
    expect(map.keyAt(map.size - 1)).toBe(after.at(-1));
  });

  it('holds 100k ~30-byte keys in under 10 MB of typed arrays', () => {
    const map = new CompactStringMap();
    expect(map.reservedBytes).toBeGreaterThan(0);
    for (let i = 0; i < 100_000; i++) map.intern(`first.last${i}@example-mail.com`, i);
    expect(map.size).toBe(100_000);
    expect(map.reservedBytes).toBeLessThan(10_000_000);
  });
});

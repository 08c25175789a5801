import { describe, expect, it } from 'vitest';
import { NumberKeyMap } from './number-key-map.ts';

describe('NumberKeyMap', () => {
  it('agrees with a Map through many grows, for keys near 0, near 2^32 and near 2^53', () => {
    const map = new NumberKeyMap(4);
    const reference = new Map<number, number>();
    let state = 7;
    const random = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state;
    };
    const bases = [0, 0x1_0000_0000 - 500, Number.MAX_SAFE_INTEGER - 5000, 31_201_234_567];
    for (let i = 0; i < 20_000; i += 1) {
      const key = bases[i % bases.length]! + (random() % 4000);
      const value = (random() | 0) % 100_000;
      map.set(key, value);
      reference.set(key, value);
    }
    expect(map.size).toBe(reference.size);
    for (const [key, value] of reference) expect(map.get(key)).toBe(value);
    expect(new Map(map.entries())).toEqual(reference);
    for (const absent of [1_000_000, 0x1_0000_0000 + 10_000, Number.MAX_SAFE_INTEGER - 10_000])
      expect(map.has(absent)).toBe(false);
  });

  it('overwrites a value without adding a key', () => {
    const map = new NumberKeyMap();
    map.set(42, 1);
    map.set(42, -1);
    expect(map.get(42)).toBe(-1);
    expect(map.size).toBe(1);
  });

  it('grows before it is more than three quarters full', () => {
    const map = new NumberKeyMap(12);
    const before = map.reservedBytes;
    for (let key = 0; key < 12; key += 1) map.set(key, key);
    expect(map.reservedBytes).toBe(before);
    map.set(12, 12);
    expect(map.reservedBytes).toBe(before * 2);
  });

  it('refuses keys and values it cannot hold exactly', () => {
    const map = new NumberKeyMap();
    expect(() => map.set(-1, 0)).toThrow(RangeError);
    expect(() => map.set(1.5, 0)).toThrow(RangeError);
    expect(() => map.set(2 ** 53, 0)).toThrow(RangeError);
    expect(() => map.set(1, 2 ** 31)).toThrow(RangeError);
    expect(() => map.get(Number.NaN)).toThrow(RangeError);
    expect(map.size).toBe(0);
  });
});

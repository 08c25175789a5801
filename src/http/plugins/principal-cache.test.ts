import { describe, expect, it } from 'vitest';
import { PrincipalCache } from './principal-cache.ts';

function clockedCache(options: { ttlMs: number; maxEntries?: number }) {
  const clock = { now: 1_000 };
  const cache = new PrincipalCache<string>({ ...options, now: () => clock.now });
  return { cache, clock };
}

describe('PrincipalCache', () => {
  it('answers a stored value until its time to live has passed, then forgets it', () => {
    const { cache, clock } = clockedCache({ ttlMs: 1_000 });
    cache.set('a', 'alice', cache.generation);
    clock.now += 999;
    expect(cache.get('a')).toBe('alice');
    clock.now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('forgets everything on clear', () => {
    const { cache } = clockedCache({ ttlMs: 1_000 });
    cache.set('a', 'alice', cache.generation);
    cache.set('b', 'bob', cache.generation);
    cache.clear();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeUndefined();
  });

  it('does not store what a lookup read before a clear (e.g. a token revoked meanwhile)', () => {
    const { cache } = clockedCache({ ttlMs: 1_000 });
    const before = cache.generation;
    cache.clear();
    cache.set('a', 'alice', before);
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 'alice', cache.generation);
    expect(cache.get('a')).toBe('alice');
  });

  it('holds at most maxEntries, dropping the oldest first', () => {
    const { cache } = clockedCache({ ttlMs: 1_000, maxEntries: 2 });
    cache.set('a', 'alice', cache.generation);
    cache.set('b', 'bob', cache.generation);
    cache.set('c', 'carol', cache.generation);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe('bob');
    expect(cache.get('c')).toBe('carol');
  });

  it('starts a fresh time to live when a key is stored again', () => {
    const { cache, clock } = clockedCache({ ttlMs: 1_000 });
    cache.set('a', 'old', cache.generation);
    clock.now += 900;
    cache.set('a', 'new', cache.generation);
    clock.now += 900;
    expect(cache.get('a')).toBe('new');
  });
});

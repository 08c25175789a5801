import { describe, expect, it } from 'vitest';
import type { ExpiryChoice } from './token-expiry.ts';
import { expiresAtFor } from './token-expiry.ts';

describe('expiresAtFor', () => {
  const now = new Date('2026-01-01T12:00:00.000Z');
  it.each<[ExpiryChoice, string | undefined]>([
    ['never', undefined],
    ['30', '2026-01-31T12:00:00.000Z'],
    ['90', '2026-04-01T12:00:00.000Z'],
    ['365', '2027-01-01T12:00:00.000Z'],
  ])('%s → %s', (choice, expected) => {
    expect(expiresAtFor(choice, now)).toBe(expected);
  });
});

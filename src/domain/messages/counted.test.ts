import { describe, expect, it } from 'vitest';
import { counted, isSingular } from './counted.ts';

describe('counted', () => {
  it.each([
    [0, 'en', '0 users'],
    [1, 'en', '1 user'],
    [2, 'en', '2 users'],
    [0, 'nl', '0 gebruikers'],
    [1, 'nl', '1 gebruiker'],
    [21, 'nl', '21 gebruikers'],
  ] as const)('%i in %s reads "%s"', (count, locale, expected) => {
    const [singular, plural] = locale === 'en' ? ['user', 'users'] : ['gebruiker', 'gebruikers'];
    expect(counted(count, locale, singular, plural)).toBe(expected);
  });

  it('takes the singular only for one', () => {
    expect([0, 1, 2, 11].map((count) => isSingular(count, 'en'))).toEqual([false, true, false, false]);
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalLanguageTag, isLanguageTag } from './language-tag.ts';

describe('canonicalLanguageTag', () => {
  it.each([
    { input: 'nl', stored: 'nl' },
    { input: 'nl_NL', stored: 'nl_NL' },
    { input: 'en_US', stored: 'en_US' },
    { input: 'en_us', stored: 'en_US' }, // the public Wholesale API's example
    { input: 'fr_fr', stored: 'fr_FR' },
    { input: 'nl-NL', stored: 'nl_NL' }, // the form partners' settings also accept
    { input: 'EN', stored: 'en' },
    { input: ' de_DE ', stored: 'de_DE' },
    { input: 'en_GB', stored: 'en_GB' },
  ])('stores $input as $stored', ({ input, stored }) => {
    expect(canonicalLanguageTag(input)).toBe(stored);
    expect(isLanguageTag(input)).toBe(true);
  });

  it.each([
    { input: 'xx_YY_zz', why: 'three parts' },
    { input: 'xx', why: 'not an ISO 639-1 language' },
    { input: 'xx_NL', why: 'not an ISO 639-1 language' },
    { input: 'nl_ZZ', why: 'not an assigned region' },
    { input: 'en_UK', why: 'UK is reserved; the region is GB' },
    { input: 'en_EU', why: 'EU is reserved, not a country' },
    { input: 'nld', why: 'ISO 639-2, not 639-1' },
    { input: 'Dutch', why: 'a name' },
    { input: 'nl NL', why: 'a space' },
    { input: 'nl_', why: 'an empty region' },
    { input: 'nl_NLD', why: 'an alpha-3 region' },
    { input: '', why: 'empty' },
  ])('refuses $input ($why)', ({ input }) => {
    expect(canonicalLanguageTag(input)).toBeNull();
    expect(isLanguageTag(input)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { countryOptions, rankCountries } from './country-options.ts';

const firstCodes = (language: string, search: string, count: number) =>
  rankCountries(countryOptions(language), search)
    .slice(0, count)
    .map((option) => option.value);

describe('rankCountries', () => {
  it.each([
    ['en', 'NL', 'NL'],
    ['en', 'nl', 'NL'],
    ['en', 'US', 'US'],
    ['en', 'de', 'DE'],
    ['nl', 'NL', 'NL'],
    ['nl', 'US', 'US'],
    ['nl', 'DE', 'DE'],
    ['nl', 'be', 'BE'],
  ])('%s: "%s" puts %s first', (language, search, code) => {
    expect(firstCodes(language, search, 1)).toEqual([code]);
  });

  it('puts names starting with the text before names that only contain it', () => {
    const ranked = rankCountries(countryOptions('en'), 'land').map((option) => option.label);
    const firstContains = ranked.findIndex((label) => !label.toLowerCase().startsWith('land'));
    expect(ranked.slice(0, firstContains).every((label) => label.toLowerCase().startsWith('land'))).toBe(
      true,
    );
    expect(ranked).toContain('Finland (FI)');
  });

  it('finds a Dutch name by its start, accents ignored', () => {
    expect(firstCodes('nl', 'neder', 1)).toEqual(['NL']);
    expect(rankCountries(countryOptions('en'), 'cote').map((option) => option.value)).toContain('CI');
  });

  it('keeps every option for an empty search', () => {
    expect(rankCountries(countryOptions('en'), '  ')).toHaveLength(countryOptions('en').length);
  });
});

import { describe, expect, it } from 'vitest';
import { checkCountry, checkLanguage } from './customer-input.ts';

describe('checkCountry', () => {
  it.each([
    { country: undefined, field: 'country', codes: [] },
    { country: 'NL', field: 'country', codes: [] },
    { country: 'ZZ', field: 'country', codes: ['invalid_country'] },
    { country: 'EU', field: 'firstLocation.country', codes: ['invalid_country'] },
    { country: 'UK', field: 'country', codes: ['invalid_country'] },
    { country: 'nl', field: 'country', codes: ['invalid_country'] },
  ])('$country as $field → $codes', ({ country, field, codes }) => {
    const details = checkCountry(country, field);
    expect(details.map((detail) => detail.code)).toEqual(codes);
    for (const detail of details) expect(detail.field).toBe(field);
  });
});

describe('checkLanguage', () => {
  it.each([
    { language: undefined, field: 'language', codes: [] },
    { language: null, field: 'language', codes: [] },
    { language: 'nl', field: 'language', codes: [] },
    { language: 'en_us', field: 'language', codes: [] },
    { language: 'xx_YY_zz', field: 'language', codes: ['invalid_language'] },
    { language: '', field: 'language', codes: ['invalid_language'] },
    { language: 'xx', field: 'firstLocation.language', codes: ['invalid_language'] },
  ])('$language as $field → $codes', ({ language, field, codes }) => {
    const details = checkLanguage(language, field);
    expect(details.map((detail) => detail.code)).toEqual(codes);
    for (const detail of details) {
      expect(detail.field).toBe(field);
      expect(detail.description).toContain(field);
    }
  });
});

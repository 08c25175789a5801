import { describe, expect, it } from 'vitest';
import { ASSIGNED_COUNTRY_CODE_COUNT, isCountryCode } from './country-code.ts';

describe('isCountryCode', () => {
  it('knows exactly the 249 assigned ISO 3166-1 alpha-2 codes', () => {
    expect(ASSIGNED_COUNTRY_CODE_COUNT).toBe(249);
  });

  it.each([
    { code: 'NL', why: 'a country' },
    { code: 'US', why: 'a country' },
    { code: 'GB', why: 'the United Kingdom under its ISO code' },
    { code: 'AQ', why: 'Antarctica: assigned, though it has no phone numbering plan' },
    { code: 'BV', why: 'Bouvet Island: assigned, without a phone numbering plan' },
    { code: 'AX', why: 'Åland Islands' },
    { code: 'SS', why: 'South Sudan (assigned 2011)' },
  ])('accepts $code ($why)', ({ code }) => {
    expect(isCountryCode(code)).toBe(true);
  });

  it.each([
    { code: 'ZZ', why: 'user-assigned (unknown region)' },
    { code: 'EU', why: 'exceptionally reserved (European Union)' },
    { code: 'UK', why: 'exceptionally reserved; the United Kingdom is GB' },
    { code: 'QO', why: 'user-assigned (outlying Oceania in CLDR)' },
    { code: 'XA', why: 'user-assigned (pseudo-locale region)' },
    { code: 'XK', why: 'Kosovo: a user-assigned code, not ISO' },
    { code: 'AC', why: 'Ascension Island: reserved, a phone region only' },
    { code: 'TA', why: 'Tristan da Cunha: reserved, a phone region only' },
    { code: 'AN', why: 'Netherlands Antilles: transitionally reserved since 2010' },
    { code: 'nl', why: 'lower case: stored codes are upper case' },
    { code: 'NLD', why: 'alpha-3' },
    { code: '', why: 'empty' },
  ])('refuses $code ($why)', ({ code }) => {
    expect(isCountryCode(code)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { hasE164Shape, isValidE164, normalizePhoneNumber, rememberValidE164 } from './normalize-phone.ts';

describe('normalizePhoneNumber', () => {
  it.each([
    { raw: '+31201234501', country: 'NL', e164: '+31201234501', plusRestored: false },
    { raw: '020 123 4503', country: 'NL', e164: '+31201234503', plusRestored: false },
    { raw: '+31 20-123 4501', country: 'NL', e164: '+31201234501', plusRestored: false },
    { raw: '0031201234501', country: 'NL', e164: '+31201234501', plusRestored: false },
    { raw: '06 12345678', country: 'NL', e164: '+31612345678', plusRestored: false },
    // Excel stripped the `+`.
    { raw: '31201234567', country: 'NL', e164: '+31201234567', plusRestored: true },
    // Excel stripped the leading trunk zero.
    { raw: '201234503', country: 'NL', e164: '+31201234503', plusRestored: false },
    { raw: '+442079460000', country: 'NL', e164: '+442079460000', plusRestored: false },
    { raw: '+31201234501', country: null, e164: '+31201234501', plusRestored: false },
    // National formats written with a slash or an en dash, as Belgian, German, Austrian and Dutch
    // spreadsheets and word processors do.
    { raw: '02/511.12.01', country: 'BE', e164: '+3225111201', plusRestored: false },
    { raw: '030/1234567', country: 'DE', e164: '+49301234567', plusRestored: false },
    { raw: '01/234 56 78', country: 'AT', e164: '+4312345678', plusRestored: false },
    { raw: '020\u2013123\u20134501', country: 'NL', e164: '+31201234501', plusRestored: false },
    // In the North American plan the leading 1 is how a number is dialled nationally: no `+` lost.
    { raw: '1-212-555-1201', country: 'US', e164: '+12125551201', plusRestored: false },
    { raw: '12125551201', country: 'CA', e164: '+12125551201', plusRestored: false },
  ])('$raw in $country -> $e164', ({ raw, country, e164, plusRestored }) => {
    expect(normalizePhoneNumber(raw, country)).toEqual({ ok: true, e164, plusRestored });
  });

  it.each([
    { raw: 'abc', country: 'NL' },
    { raw: '', country: 'NL' },
    { raw: '12', country: 'NL' },
    { raw: '020 123 4503', country: null },
    { raw: '=1+2', country: 'NL' },
    { raw: '020 123 4503 ext. 12', country: 'NL' },
    { raw: '020#1234503', country: 'NL' },
  ])('rejects $raw', ({ raw, country }) => {
    expect(normalizePhoneNumber(raw, country)).toEqual({ ok: false, reason: 'invalid_phone_number' });
  });
});

describe('isValidE164', () => {
  it.each([
    ['+31201234501', true],
    ['31201234501', false],
    ['+3120', false],
    ['+31 20 1234501', false],
  ])('%s -> %s', (value, expected) => {
    expect(isValidE164(value)).toBe(expected);
  });
});

describe('rememberValidE164', () => {
  it('takes remembered E.164 numbers as they are, and nothing else', () => {
    // Not a valid Dutch number for libphonenumber (too short), so only the memory can accept it.
    expect(normalizePhoneNumber('+3120123', 'NL').ok).toBe(false);
    rememberValidE164(['+3120123', '020 123 4567', 'not a number']);
    expect(normalizePhoneNumber('+3120123', 'NL')).toEqual({
      ok: true,
      e164: '+3120123',
      plusRestored: false,
    });
    expect(normalizePhoneNumber('+3120123', null)).toEqual({
      ok: true,
      e164: '+3120123',
      plusRestored: false,
    });
    // Other spellings of numbers are still read by libphonenumber.
    expect(normalizePhoneNumber(' +3120123', 'NL').ok).toBe(false);
    expect(normalizePhoneNumber('not a number', 'NL').ok).toBe(false);
  });

  it('recognises the E.164 shape', () => {
    expect(
      ['+31201234567', '+1 202 555 0100', '31201234567', '+0123456789', '+3120'].map(hasE164Shape),
    ).toEqual([true, false, false, false, false]);
  });
});

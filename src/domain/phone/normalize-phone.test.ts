import { describe, expect, it } from 'vitest';
import { isValidE164, normalizePhoneNumber } from './normalize-phone.ts';

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
  ])('$raw in $country -> $e164', ({ raw, country, e164, plusRestored }) => {
    expect(normalizePhoneNumber(raw, country)).toEqual({ ok: true, e164, plusRestored });
  });

  it.each([
    { raw: 'abc', country: 'NL' },
    { raw: '', country: 'NL' },
    { raw: '12', country: 'NL' },
    { raw: '020 123 4503', country: null },
    { raw: '=1+2', country: 'NL' },
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

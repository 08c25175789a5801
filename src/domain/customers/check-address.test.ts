// SPEC §2: a billing address's lines are at most 50 characters; a longer one is refused, naming
// its field, in English and Dutch.
import { describe, expect, it } from 'vitest';
import { checkAddress } from './customer-input.ts';

const line = (length: number) => 'x'.repeat(length);

describe('checkAddress (lines ≤ 50 characters)', () => {
  it.each([
    { why: 'no address', address: undefined },
    { why: 'empty lines', address: { addressLine1: '', addressLine2: null } },
    { why: 'line 1 of exactly 50', address: { addressLine1: line(50) } },
    { why: 'line 2 of exactly 50', address: { addressLine1: 'Damrak 1', addressLine2: line(50) } },
    { why: 'a long city (not a line)', address: { city: line(60) } },
  ])('accepts $why', ({ address }) => {
    expect(checkAddress(address)).toEqual([]);
  });

  it.each([
    { field: 'addressLine1' as const, prefix: undefined, named: 'address.addressLine1' },
    { field: 'addressLine2' as const, prefix: undefined, named: 'address.addressLine2' },
    { field: 'addressLine1' as const, prefix: 'location', named: 'location.addressLine1' },
  ])('refuses $field of 51 characters, naming $named', ({ field, prefix, named }) => {
    expect(checkAddress({ [field]: line(51) }, prefix)).toEqual([
      {
        code: 'too_long',
        field: named,
        description: `${field} is longer than 50 characters.`,
        descriptionNl: `${field} is langer dan 50 tekens.`,
      },
    ]);
  });

  it('refuses both lines at once when both are too long', () => {
    const fields = checkAddress({ addressLine1: line(51), addressLine2: line(80) }).map((d) => d.field);
    expect(fields).toEqual(['address.addressLine1', 'address.addressLine2']);
  });
});

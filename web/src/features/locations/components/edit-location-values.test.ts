import { describe, expect, it } from 'vitest';
import type { LocationDetails } from '../api/update-location.ts';
import type { EditLocationValues } from './edit-location-values.ts';
import { editLocationErrors, editLocationPatch, editLocationValuesOf } from './edit-location-values.ts';

const t = (key: string, values?: Record<string, unknown>) =>
  values ? `${key}:${JSON.stringify(values)}` : key;

const location: LocationDetails = {
  id: 'l1',
  name: 'Amsterdam HQ',
  country: 'NL',
  address: { addressLine1: 'Damrak 1', addressLine2: null, city: 'Amsterdam', zipCode: '1012 LG' },
  timeZone: 'Europe/Amsterdam',
  language: null,
};
const initial = editLocationValuesOf(location);
const edited = (changes: Partial<EditLocationValues>): EditLocationValues => ({ ...initial, ...changes });

describe('editLocationPatch', () => {
  it.each([
    ['nothing changed', {}, {}],
    ['a new name, trimmed', { name: ' Amsterdam Zuid ' }, { name: 'Amsterdam Zuid' }],
    ['an emptied address line is cleared with null', { addressLine1: '' }, { addressLine1: null }],
    ['a language added', { language: 'nl_NL' }, { language: 'nl_NL' }],
    [
      'a new time zone and city',
      { timeZone: 'Europe/Brussels', city: 'Brussel' },
      { timeZone: 'Europe/Brussels', city: 'Brussel' },
    ],
  ] as const)('%s', (_name, changes, expected) => {
    expect(editLocationPatch(edited(changes), initial)).toEqual(expected);
  });
});

describe('editLocationErrors', () => {
  it.each([
    ['valid', {}, {}],
    ['an empty name', { name: '  ' }, { name: 'fieldErrors.required' }],
    ['an empty time zone', { timeZone: '' }, { timeZone: 'fieldErrors.required' }],
    ['a name over 80', { name: 'x'.repeat(81) }, { name: 'fieldErrors.maxLength:{"count":80}' }],
    [
      'an address line over 50',
      { addressLine1: 'x'.repeat(51) },
      { addressLine1: 'fieldErrors.maxLength:{"count":50}' },
    ],
    ['an emptied address line is fine', { addressLine1: '' }, {}],
  ] as const)('%s', (_name, changes, expected) => {
    expect(editLocationErrors(edited(changes), t)).toEqual(expected);
  });
});

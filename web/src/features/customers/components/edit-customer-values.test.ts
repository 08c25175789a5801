import { describe, expect, it } from 'vitest';
import { acmeCustomer } from '../../../testing/acme-customer.ts';
import { editCustomerErrors, editCustomerPatch, editCustomerValuesOf } from './edit-customer-values.ts';

const customer = acmeCustomer;

const t = (key: string, values?: Record<string, unknown>) =>
  values ? `${key} ${JSON.stringify(values)}` : key;
const initial = editCustomerValuesOf(customer);

describe('edit customer values', () => {
  it('starts from what the server holds, an absent line as empty', () => {
    expect(initial).toEqual({
      name: 'Acme BV',
      adminEmail: 'admin@acme.example',
      language: 'nl_NL',
      country: 'NL',
      addressLine1: 'Damrak 1',
      addressLine2: '',
      zipCode: '1012 LG',
      city: 'Amsterdam',
      stateOrProvince: '',
    });
  });

  it.each([
    { change: {}, patch: {} },
    { change: { name: '  Acme Holding ' }, patch: { name: 'Acme Holding' } },
    { change: { name: 'Acme BV ' }, patch: {} },
    { change: { country: 'BE', language: 'en_GB' }, patch: { country: 'BE', language: 'en_GB' } },
    {
      change: { zipCode: '' },
      patch: {
        address: {
          addressLine1: 'Damrak 1',
          addressLine2: null,
          city: 'Amsterdam',
          stateOrProvince: null,
          zipCode: null,
        },
      },
    },
  ])('sends only what changed: $change', ({ change, patch }) => {
    expect(editCustomerPatch({ ...initial, ...change }, initial)).toEqual(patch);
  });

  it('refuses an emptied required field and an over-long line before sending', () => {
    expect(editCustomerErrors({ ...initial, name: ' ', addressLine1: 'x'.repeat(51) }, t)).toEqual({
      name: 'fieldErrors.required',
      addressLine1: 'fieldErrors.maxLength {"count":50}',
    });
    expect(editCustomerErrors(initial, t)).toEqual({});
  });

  it.each([
    { name: 'a % in the name', change: { name: 'Acme 100% BV' }, errors: { name: 'validation.noPercent' } },
    {
      name: 'an admin email without @',
      change: { adminEmail: 'admin.acme.example' },
      errors: { adminEmail: 'validation.email' },
    },
    {
      name: 'an admin email without a domain dot',
      change: { adminEmail: 'admin@acme' },
      errors: { adminEmail: 'validation.email' },
    },
  ])('refuses $name as the create wizard does', ({ change, errors }) => {
    expect(editCustomerErrors({ ...initial, ...change }, t)).toEqual(errors);
  });
});

import { describe, expect, it } from 'vitest';
import { sellablePackages } from '../../../lib/package-catalog.ts';
import type { CustomerWizardValues } from './customer-wizard-values.ts';
import {
  emptyWizardValues,
  sellsCalling,
  toNewCustomer,
  validateWizardStep,
} from './customer-wizard-values.ts';

function values(change: Partial<CustomerWizardValues> = {}): CustomerWizardValues {
  return {
    ...emptyWizardValues(sellablePackages.map((entry) => entry.id)),
    name: 'Acme BV',
    externalId: 'ACME-1',
    adminEmail: 'admin@acme.nl',
    addressLine1: 'Damrak 1',
    city: 'Amsterdam',
    ...change,
  };
}

function withPackages(ids: string[]): Partial<CustomerWizardValues> {
  const base = emptyWizardValues(sellablePackages.map((entry) => entry.id)).packages;
  for (const id of ids) base[id] = { selected: true, limit: '' };
  return { packages: base };
}

describe('validateWizardStep', () => {
  it.each([
    ['organization', {}, {}],
    ['organization', { name: ' ' }, { name: 'validation.required' }],
    ['organization', { name: '100% Acme' }, { name: 'validation.noPercent' }],
    ['organization', { adminEmail: 'not-an-email' }, { adminEmail: 'validation.email' }],
    ['organization', { externalId: '' }, { externalId: 'validation.required' }],
    ['address', {}, {}],
    ['address', { country: 'NLD' }, { country: 'validation.chooseCountry' }],
    ['address', { country: 'XX' }, { country: 'validation.chooseCountry' }],
    ['address', { country: '' }, { country: 'validation.chooseCountry' }],
    ['address', { addressLine1: 'x'.repeat(51) }, { addressLine1: 'validation.max50' }],
    ['address', { city: '' }, { city: 'validation.required' }],
    ['packages', {}, { packages: 'validation.choosePackage' }],
    ['packages', withPackages(['webex_meetings']), {}],
    ['location', withPackages(['webex_meetings']), {}],
    [
      'location',
      withPackages(['webex_calling']),
      {
        locationName: 'validation.required',
        locationAddressLine1: 'validation.required',
        locationCity: 'validation.required',
      },
    ],
    [
      'location',
      {
        ...withPackages(['webex_calling']),
        locationName: 'HQ',
        locationAddressLine1: 'Damrak 1',
        locationCity: 'Amsterdam',
        locationTimeZone: 'Amsterdam',
      },
      { locationTimeZone: 'validation.timeZone' },
    ],
    [
      'location',
      {
        ...withPackages(['webex_calling']),
        locationName: 'HQ',
        locationAddressLine1: 'Damrak 1',
        locationCity: 'Amsterdam',
        locationTimeZone: '',
      },
      { locationTimeZone: 'validation.timeZone' },
    ],
  ] as const)('%s with %j → %j', (step, change, expected) => {
    expect(validateWizardStep(step, values(change))).toEqual(expected);
  });

  it('rejects a negative package limit', () => {
    const change = withPackages(['webex_calling']);
    change.packages!.webex_calling = { selected: true, limit: -1 };
    expect(validateWizardStep('packages', values(change))).toEqual({
      'packages.webex_calling.limit': 'wizard.limitInvalid',
    });
  });
});

describe('toNewCustomer', () => {
  it('sends the first location only when calling is sold', () => {
    expect(sellsCalling(values(withPackages(['webex_meetings'])))).toBe(false);
    expect(toNewCustomer(values(withPackages(['webex_meetings']))).firstLocation).toBeUndefined();
    const calling = values({
      ...withPackages(['webex_calling']),
      locationName: 'HQ',
      locationAddressLine1: 'Damrak 1',
      locationCity: 'Amsterdam',
      country: 'nl',
    });
    const body = toNewCustomer(calling);
    expect(body.country).toBe('NL');
    expect(body.packages).toEqual([{ id: 'webex_calling' }]);
    expect(body.firstLocation).toMatchObject({ name: 'HQ', country: 'NL', timeZone: 'Europe/Amsterdam' });
  });
});

import { describe, expect, it } from 'vitest';
import type { PublicCustomerShape } from '../../../domain/provisioning/public-customer.ts';
import { licenseIdOf, withLicenseIds } from './license-ids.ts';

const CUSTOMER = '9c9103cc-595a-408e-8907-930de51e1feb';

describe('licenseIdOf', () => {
  it('is a version 5 UUID, the same for the same customer and package', () => {
    const id = licenseIdOf(CUSTOMER, 'webex_calling');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(licenseIdOf(CUSTOMER, 'webex_calling')).toBe(id);
  });

  it.each([
    [CUSTOMER, 'webex_meetings'],
    ['00000000-0000-4000-8000-000000000000', 'webex_calling'],
  ])('differs for another customer or package (%s, %s)', (customerId, packageId) => {
    expect(licenseIdOf(customerId, packageId)).not.toBe(licenseIdOf(CUSTOMER, 'webex_calling'));
  });
});

describe('licenseIdOf keeps the ids it has already answered', () => {
  // Computed before the hand-written UUIDv5 gave way to the uuid package: a partner may have
  // stored these, so they must never change.
  it.each([
    [CUSTOMER, 'webex_calling', 'a6f79c69-e109-5484-93c7-2c75f89ce7e9'],
    [CUSTOMER, 'webex_meetings', '47480b87-3303-5263-9456-af0e58508dc9'],
    ['00000000-0000-4000-8000-000000000000', 'webex_calling', 'befccab5-2bbe-5bb5-bcfc-d5643fc89ba3'],
    [CUSTOMER.toUpperCase(), 'attendant_console', '8803a09c-8b3c-59db-8f51-bf02bc79b236'],
    ['ext-ref', 'cisco_calling_plan', '04ba7911-9689-538a-a8b7-b00758af6e0e'],
  ])('%s / %s → %s', (customerId, packageId, expected) => {
    expect(licenseIdOf(customerId, packageId)).toBe(expected);
  });
});

describe('withLicenseIds', () => {
  const customer: PublicCustomerShape = {
    id: CUSTOMER,
    externalId: 'ext',
    address: { country: 'US' },
    status: 'provisioned_with_errors',
    packages: ['webex_calling', 'webex_meetings'],
    resourceDetails: {
      packages: [
        { name: 'webex_calling', status: 'provisioned' },
        { name: 'webex_meetings', status: 'error', errors: [{ errorCode: 10030, description: 'x' }] },
      ],
    },
  };

  it('lists a licence only for the provisioned packages', () => {
    expect(withLicenseIds(customer).resourceDetails?.packages).toEqual([
      { name: 'webex_calling', status: 'provisioned', licenseIds: [licenseIdOf(CUSTOMER, 'webex_calling')] },
      { name: 'webex_meetings', status: 'error', errors: [{ errorCode: 10030, description: 'x' }] },
    ]);
  });

  it('leaves a customer without resource details as it is', () => {
    const { resourceDetails: _omitted, ...bare } = customer;
    expect(withLicenseIds(bare)).toEqual(bare);
  });
});

import { describe, expect, it } from 'vitest';
import {
  customerChangesFromUpdate,
  customerDraftFromCreate,
  normalizeLanguage,
  packagesRemovedInUse,
  requiresFirstLocation,
  toPublicCustomer,
  type CustomerRecord,
  type PublicCustomerCreateInput,
} from './public-customer.ts';

const address = {
  addressLine1: '771 Alder Drive',
  addressLine2: 'Cisco Site 5',
  city: 'Milpitas',
  stateOrProvince: 'CA',
  zipOrPostalCode: '95035',
  country: 'US',
};
const location = { name: 'Head Office', address, timezone: 'America/Los_Angeles', language: 'en_us' };

const create: PublicCustomerCreateInput = {
  packages: ['common_area_calling'],
  externalId: 'c1677a16-557a-4fb4-b48f-24adde57ec99',
  address,
  customerInfo: { name: "John's Pizza", primaryEmail: 'John.Anderson@acme.com', language: 'en' },
  provisioningParameters: {
    calling: { location },
    packages: { limits: { common_area_calling: 50, webex_calling: 50 } },
  },
};

const record: CustomerRecord = {
  id: 'cust-1',
  externalId: 'ext-1',
  status: 'provisioned',
  addressLine1: '771 Alder Drive',
  addressLine2: null,
  city: 'Milpitas',
  stateOrProvince: 'CA',
  zipCode: '95035',
  country: 'US',
  packages: [
    { packageId: 'webex_calling', limit: 10 },
    { packageId: 'webex_meetings', limit: null },
  ],
  errors: [],
};

describe('customerDraftFromCreate', () => {
  it('maps the public example to our draft', () => {
    expect(customerDraftFromCreate(create)).toEqual({
      ok: true,
      value: {
        name: "John's Pizza",
        externalId: 'c1677a16-557a-4fb4-b48f-24adde57ec99',
        adminEmail: 'john.anderson@acme.com',
        language: 'en',
        address: {
          addressLine1: '771 Alder Drive',
          addressLine2: 'Cisco Site 5',
          city: 'Milpitas',
          stateOrProvince: 'CA',
          zipCode: '95035',
          country: 'US',
        },
        packages: [{ packageId: 'common_area_calling', limit: 50 }],
        firstLocation: {
          name: 'Head Office',
          timeZone: 'America/Los_Angeles',
          language: 'en_US',
          addressLine1: '771 Alder Drive',
          addressLine2: 'Cisco Site 5',
          city: 'Milpitas',
          stateOrProvince: 'CA',
          zipCode: '95035',
          country: 'US',
        },
      },
    });
  });

  it.each([
    [
      'a calling package without a location',
      { packages: ['webex_calling'], provisioningParameters: {} },
      ['first_location_required'],
    ],
    [
      'common area calling without a location',
      { packages: ['common_area_calling'], provisioningParameters: undefined },
      ['first_location_required'],
    ],
    [
      'an unsupported package',
      { packages: ['webex_meetings', 'cx_premium_agent'] },
      ['package_not_supported'],
    ],
    [
      'the add-on without a host package',
      { packages: ['webex_meetings', 'attendant_console'] },
      ['add_on_not_allowed'],
    ],
    [
      'an existing org without customerInfo',
      { orgId: 'Y2lz', customerInfo: undefined },
      ['customer_exists_for_org'],
    ],
    ['no customerInfo', { customerInfo: undefined }, ['customer_info_required']],
  ])('refuses %s', (_name, change, errors) => {
    const result = customerDraftFromCreate({ ...create, ...change } as PublicCustomerCreateInput);
    expect(result).toEqual({ ok: false, errors });
  });

  it('accepts meetings only without a location, unlimited when no limit is given', () => {
    const result = customerDraftFromCreate({
      ...create,
      packages: ['webex_meetings', 'webex_meetings'],
      provisioningParameters: undefined,
    });
    expect(result.ok && result.value.packages).toEqual([{ packageId: 'webex_meetings', limit: null }]);
    expect(result.ok && result.value.firstLocation).toBeNull();
  });

  it('accepts the add-on with a host package', () => {
    const result = customerDraftFromCreate({ ...create, packages: ['webex_suite', 'attendant_console'] });
    expect(result.ok).toBe(true);
  });
});

describe('customerChangesFromUpdate', () => {
  it('needs no location when the customer has one', () => {
    expect(customerChangesFromUpdate({ packages: ['webex_calling'] }, { hasLocation: true })).toEqual({
      ok: true,
      value: { packages: [{ packageId: 'webex_calling', limit: null }], firstLocation: null },
    });
  });

  it('needs a first location when calling is sold to a customer without one', () => {
    expect(customerChangesFromUpdate({ packages: ['webex_voice'] }, { hasLocation: false })).toEqual({
      ok: false,
      errors: ['first_location_required'],
    });
  });

  it('carries externalId and address when given', () => {
    const result = customerChangesFromUpdate(
      { packages: ['webex_meetings'], externalId: 'new-ext', address },
      { hasLocation: false },
    );
    expect(result.ok && result.value.externalId).toBe('new-ext');
    expect(result.ok && result.value.address?.zipCode).toBe('95035');
  });
});

describe('packagesRemovedInUse', () => {
  it.each([
    [['webex_calling', 'webex_meetings'], ['webex_calling'], { webex_meetings: 2 }, ['webex_meetings']],
    [['webex_calling', 'webex_meetings'], ['webex_calling'], { webex_meetings: 0 }, []],
    [['webex_calling'], ['webex_calling', 'webex_suite'], { webex_calling: 5 }, []],
  ])('%j → %j with %j in use', (current, next, inUse, expected) => {
    expect(packagesRemovedInUse(current, next, inUse)).toEqual(expected);
  });
});

describe('toPublicCustomer', () => {
  it('shows orgId only when provisioned, and package details', () => {
    expect(toPublicCustomer(record)).toEqual({
      id: 'cust-1',
      orgId: 'cust-1',
      externalId: 'ext-1',
      address: {
        addressLine1: '771 Alder Drive',
        city: 'Milpitas',
        stateOrProvince: 'CA',
        zipOrPostalCode: '95035',
        country: 'US',
      },
      status: 'provisioned',
      packages: ['webex_calling', 'webex_meetings'],
      resourceDetails: {
        packages: [
          { name: 'webex_calling', status: 'provisioned' },
          { name: 'webex_meetings', status: 'provisioned' },
        ],
      },
    });
  });

  it('puts package errors on the package and org errors on the customer, in English', () => {
    const shape = toPublicCustomer({
      ...record,
      status: 'provisioned_with_errors',
      errors: [
        {
          code: 'provisioning_failed',
          description: 'Webex Calling could not be enabled.',
          descriptionNl: 'Webex Calling kon niet worden ingeschakeld.',
          packageId: 'webex_calling',
        },
        {
          code: 'admin_invite_failed',
          description: 'The customer full admin could not be invited.',
          descriptionNl: 'De volledige beheerder van de klant kon niet worden uitgenodigd.',
        },
      ],
    });
    expect(shape.orgId).toBeUndefined();
    expect(shape.resourceDetails?.packages[0]).toEqual({
      name: 'webex_calling',
      status: 'error',
      errors: [{ errorCode: 10032, description: 'Webex Calling could not be enabled.' }],
    });
    expect(shape.resourceDetails?.packages[1]).toEqual({ name: 'webex_meetings', status: 'provisioned' });
    expect(shape.errors).toEqual([
      { errorCode: 10033, description: 'The customer full admin could not be invited.' },
    ]);
  });

  it.each([
    ['provisioning', 'provisioning'],
    ['updating', 'provisioning'],
    ['deleting', 'deleting'],
    ['error', 'error'],
  ] as const)('a %s customer shows its packages as %s', (status, packageStatus) => {
    expect(toPublicCustomer({ ...record, status }).resourceDetails?.packages[0]?.status).toBe(packageStatus);
  });
});

describe('small rules', () => {
  it.each([
    [['webex_meetings'], false],
    [['webex_voice'], true],
    [['common_area_calling'], true],
    [['attendant_console'], false],
  ])('requiresFirstLocation(%j) = %s', (packages, expected) => {
    expect(requiresFirstLocation(packages)).toBe(expected);
  });

  it.each([
    ['en', 'en'],
    ['en_us', 'en_US'],
    ['nl-NL', 'nl_NL'],
    ['NL', 'nl'],
    ['english', null],
    [undefined, null],
  ])('normalizeLanguage(%j) = %j', (input, expected) => {
    expect(normalizeLanguage(input)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { PACKAGES, PACKAGE_IDS, type PackageId } from './catalog.ts';
import {
  checkCallingInfo,
  checkFullAdminChange,
  checkPackageAvailable,
  checkPackageChange,
  checkPreferredSite,
  isAddOnAllowed,
  keepsCallingFields,
  reconcileAddOn,
  requiredCallingFields,
} from './rules.ts';

describe('package catalog', () => {
  it('lists the six packages of SPEC §3 with their display names', () => {
    expect(PACKAGE_IDS.map((id) => PACKAGES[id].displayName)).toEqual([
      'Webex Voice',
      'Webex Calling',
      'Webex Calling Standard',
      'Webex Meetings',
      'Webex Suite',
      'Customer Assist',
    ]);
  });
});

describe('requiredCallingFields (the help text table; Voice needs neither)', () => {
  it.each<[PackageId, boolean]>([
    ['webex_voice', false],
    ['webex_calling', true],
    ['webex_calling_standard', true],
    ['webex_suite', true],
    ['webex_meetings', false],
    ['cx_essentials', true],
  ])('%s needs number + location: %s', (packageId, needed) => {
    expect(requiredCallingFields(packageId)).toEqual({ numberOrExtension: needed, location: needed });
  });
});

describe('checkPackageChange (professional calling → Calling Standard is forbidden)', () => {
  it.each<[PackageId | null, PackageId | null, boolean]>([
    ['webex_calling', 'webex_calling_standard', true],
    ['webex_suite', 'webex_calling_standard', true],
    ['cx_essentials', 'webex_calling_standard', true],
    ['webex_voice', 'webex_calling_standard', false],
    ['webex_meetings', 'webex_calling_standard', false],
    ['webex_calling_standard', 'webex_calling', false],
    ['webex_suite', 'webex_meetings', false],
    ['webex_calling', 'webex_calling', false],
    [null, 'webex_calling_standard', false],
    ['webex_calling', null, false],
  ])('%s → %s forbidden: %s', (from, to, forbidden) => {
    expect(checkPackageChange(from, to) !== null).toBe(forbidden);
  });
});

describe('checkFullAdminChange (Meetings = Voice < Calling Standard < Calling = Customer Assist < Suite)', () => {
  it.each<[PackageId, PackageId | null, boolean, boolean, string | null]>([
    ['webex_suite', 'webex_calling', true, false, 'admin_downgrade'],
    ['webex_calling', 'cx_essentials', true, false, null],
    ['webex_calling', 'webex_suite', true, false, null],
    ['webex_calling_standard', 'webex_meetings', true, false, 'admin_downgrade'],
    ['webex_meetings', 'webex_voice', true, false, null],
    ['webex_suite', 'webex_meetings', false, false, null],
    ['webex_suite', null, true, true, 'admin_downgrade'],
    ['webex_suite', null, true, false, null],
  ])('%s → %s (admin %s, only admin %s): %s', (from, to, isAdmin, isOnly, code) => {
    expect(
      checkFullAdminChange({ from, to, isCustomerFullAdmin: isAdmin, isOnlyCustomerFullAdmin: isOnly })
        ?.code ?? null,
    ).toBe(code);
  });
});

describe('attendant console add-on', () => {
  it.each<[PackageId | null, boolean]>([
    ['webex_calling', true],
    ['webex_suite', true],
    ['cx_essentials', true],
    ['webex_calling_standard', false],
    ['webex_voice', false],
    ['webex_meetings', false],
    [null, false],
  ])('with %s allowed: %s', (packageId, allowed) => {
    expect(isAddOnAllowed('attendant_console', packageId)).toBe(allowed);
  });

  it('is dropped with a warning when the new package no longer allows it, never an error', () => {
    expect(reconcileAddOn('attendant_console', true, 'webex_meetings')).toEqual({
      keep: false,
      warning: { code: 'add_on_dropped', addOn: 'attendant_console', packageId: 'webex_meetings' },
    });
    expect(reconcileAddOn('attendant_console', true, 'webex_suite')).toEqual({ keep: true, warning: null });
    expect(reconcileAddOn('attendant_console', false, 'webex_meetings')).toEqual({
      keep: false,
      warning: null,
    });
  });
});

describe('checkPackageAvailable (sold and within its limit)', () => {
  const sold = [
    { packageId: 'webex_calling' as const, limit: 2 },
    { packageId: 'webex_meetings' as const, limit: null },
  ];
  it.each([
    ['webex_calling', 0, null],
    ['webex_calling', 1, null],
    ['webex_calling', 2, 'package_limit_reached'],
    ['webex_meetings', 10_000, null],
    ['webex_suite', 0, 'package_not_sold'],
    ['attendant_console', 0, 'package_not_sold'],
  ] as const)('%s with %i holders: %s', (packageId, inUse, code) => {
    expect(checkPackageAvailable(packageId, sold, inUse)?.code ?? null).toBe(code);
  });
});

describe('checkCallingInfo (an extension or a number, and a location)', () => {
  it.each([
    ['webex_calling', { extension: '1001', phoneNumber: null, locationId: 'l' }, []],
    ['webex_calling', { extension: null, phoneNumber: '+31201234501', locationId: 'l' }, []],
    [
      'webex_calling',
      { extension: null, phoneNumber: null, locationId: 'l' },
      ['number_or_extension_required'],
    ],
    ['webex_suite', { extension: '1001', phoneNumber: null, locationId: null }, ['location_required']],
    [
      'webex_calling_standard',
      { extension: null, phoneNumber: null, locationId: null },
      ['number_or_extension_required', 'location_required'],
    ],
    ['webex_voice', { extension: null, phoneNumber: null, locationId: null }, []],
    ['webex_meetings', { extension: null, phoneNumber: null, locationId: null }, []],
  ] as const)('%s %j → %j', (packageId, info, codes) => {
    expect(checkCallingInfo(packageId, info).map((violation) => violation.code)).toEqual(codes);
  });
});

describe('checkPreferredSite (a warning, never an error)', () => {
  it.each<[PackageId, string | null, boolean]>([
    ['webex_meetings', null, true],
    ['webex_calling', null, true],
    ['webex_voice', null, false],
    ['webex_suite', 'acme.webex.com', false],
  ])('%s with site %s warns: %s', (packageId, site, warns) => {
    expect(checkPreferredSite(packageId, site) !== null).toBe(warns);
  });
});

describe('keepsCallingFields (no calling releases number, extension and location; Voice keeps them)', () => {
  it.each<[PackageId | null, boolean]>([
    ['webex_voice', true],
    ['webex_calling', true],
    ['webex_meetings', false],
    [null, false],
  ])('%s keeps: %s', (packageId, keeps) => {
    expect(keepsCallingFields(packageId)).toBe(keeps);
  });
});

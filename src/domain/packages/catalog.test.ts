// The catalog is SPEC §3's table as data, and every package set the code uses is derived from it.
// Each table below is SPEC's, written out once here so a wrong flag in the catalog fails.
import { describe, expect, it } from 'vitest';
import { ATTENDANT_CONSOLE_HOSTS, requiresFirstLocation } from '../provisioning/public-customer.ts';
import { WHOLESALE_CODES } from '../provisioning/wholesale-codes.ts';
import {
  ADD_ONS,
  CALLING_SELLABLE_IDS,
  CUSTOMER_LEVEL_PACKAGES,
  PACKAGE_IDS,
  PACKAGES,
  SELLABLE_IDS,
  packageDisplayName,
  type CallingTier,
  type PackageId,
  type SellableId,
} from './catalog.ts';

describe('the catalog holds SPEC §3 table', () => {
  it.each<[PackageId, CallingTier, boolean, boolean]>([
    // id, calling, number + location required, Attendant Console allowed with it
    ['webex_voice', 'voice', false, false],
    ['webex_calling', 'professional', true, true],
    ['webex_calling_standard', 'standard', true, false],
    ['webex_suite', 'professional', true, true],
    ['webex_meetings', 'none', false, false],
    ['cx_essentials', 'professional', true, true],
  ])('%s: calling %s, number + location %s, add-on host %s', (id, calling, numberAndLocation, addOnHost) => {
    expect({
      calling: PACKAGES[id].calling,
      requiresNumberAndLocation: PACKAGES[id].requiresNumberAndLocation,
      addOnHost: ADD_ONS.attendant_console.allowedWith.includes(id),
    }).toEqual({ calling, requiresNumberAndLocation: numberAndLocation, addOnHost });
  });

  it('sells common area calling as a customer-level calling package', () => {
    expect(CUSTOMER_LEVEL_PACKAGES.common_area_calling.calling).toBe(true);
  });
});

// SPEC §2: a calling package sold means the Wholesale API asks for a first location.
const MEANS_CALLING: readonly [SellableId, boolean][] = [
  ['webex_voice', true],
  ['webex_calling', true],
  ['webex_calling_standard', true],
  ['webex_meetings', false],
  ['webex_suite', true],
  ['cx_essentials', true],
  ['attendant_console', false],
  ['common_area_calling', true],
];

describe('sets derived from the catalog', () => {
  it('names every sellable in the calling table', () => {
    expect(MEANS_CALLING.map(([id]) => id).sort()).toEqual([...SELLABLE_IDS].sort());
  });

  it.each(MEANS_CALLING)(
    '%s means calling: %s (CALLING_SELLABLE_IDS and requiresFirstLocation)',
    (id, calling) => {
      expect(CALLING_SELLABLE_IDS.includes(id)).toBe(calling);
      expect(requiresFirstLocation([id])).toBe(calling);
    },
  );

  it.each(PACKAGE_IDS.map((id) => [id, ADD_ONS.attendant_console.allowedWith.includes(id)] as const))(
    'the public API lets Attendant Console depend on %s: %s, as the catalog says',
    (id, allowed) => {
      expect(ATTENDANT_CONSOLE_HOSTS.includes(id)).toBe(allowed);
    },
  );

  it('names the add-on hosts of the catalog in the Wholesale API error text', () => {
    expect(WHOLESALE_CODES.add_on_not_allowed.description).toBe(
      'attendant_console is only available with webex_calling, webex_suite or cx_essentials.',
    );
  });
});

// SPEC §3 and §6 names, in English and Dutch, for every id a customer can be sold: a message that
// names a package (a limit below use, a package in use) must never show a raw id.
const DISPLAY_NAMES: readonly [SellableId, string, string][] = [
  ['webex_voice', 'Webex Voice', 'Webex Voice'],
  ['webex_calling', 'Webex Calling', 'Webex Calling'],
  ['webex_calling_standard', 'Webex Calling Standard', 'Webex Calling Standard'],
  ['webex_meetings', 'Webex Meetings', 'Webex Meetings'],
  ['webex_suite', 'Webex Suite', 'Webex Suite'],
  ['cx_essentials', 'Customer Assist', 'Klantassistentie'],
  ['attendant_console', 'Attendant Console', 'Attendant Console'],
  ['common_area_calling', 'Common Area Calling', 'Common Area Calling'],
];

describe('packageDisplayName names every sellable of the catalog', () => {
  it('lists every sellable in the name table', () => {
    expect(DISPLAY_NAMES.map(([id]) => id).sort()).toEqual([...SELLABLE_IDS].sort());
  });

  it.each(DISPLAY_NAMES)('%s is "%s" in English and "%s" in Dutch', (id, en, nl) => {
    expect([packageDisplayName(id, 'en'), packageDisplayName(id, 'nl')]).toEqual([en, nl]);
  });

  it.each(SELLABLE_IDS.flatMap((id) => (['en', 'nl'] as const).map((locale) => [id, locale] as const)))(
    '%s has a %s name that is not its id',
    (id, locale) => {
      expect(packageDisplayName(id, locale)).not.toBe(id);
    },
  );

  it.each([
    ['', 'en', 'no package'],
    ['', 'nl', 'geen pakket'],
    ['webex_teleport', 'en', 'webex_teleport'],
  ] as const)('%j in %s is %j', (id, locale, name) => {
    expect(packageDisplayName(id, locale)).toBe(name);
  });
});

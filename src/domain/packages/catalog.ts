// The package catalog of SPEC §3, as data. Every rule that depends on a package reads these flags;
// nothing elsewhere may switch on a package id to decide what a package needs.

export const PACKAGE_IDS = [
  'webex_voice',
  'webex_calling',
  'webex_calling_standard',
  'webex_meetings',
  'webex_suite',
  'cx_essentials',
] as const;
export type PackageId = (typeof PACKAGE_IDS)[number];

export const ADD_ON_IDS = ['attendant_console'] as const;
export type AddOnId = (typeof ADD_ON_IDS)[number];

/** Packages sold to the customer itself, never held by a user. */
export const CUSTOMER_LEVEL_IDS = ['common_area_calling'] as const;
export type CustomerLevelId = (typeof CUSTOMER_LEVEL_IDS)[number];

/** Packages a customer may be sold: the user packages, the add-on and the customer-level package. */
export const SELLABLE_IDS = [...PACKAGE_IDS, ...ADD_ON_IDS, ...CUSTOMER_LEVEL_IDS] as const;
export type SellableId = (typeof SELLABLE_IDS)[number];

export type CallingTier = 'none' | 'voice' | 'standard' | 'professional';

export interface PackageDefinition {
  readonly id: PackageId;
  readonly displayName: string;
  /** Dutch display name where the product uses one; else the English name. */
  readonly displayNameNl: string;
  readonly calling: CallingTier;
  /** SPEC §3 "number + location required": an extension or number, and a location. */
  readonly requiresNumberAndLocation: boolean;
  /** A missing preferred Webex site is a warning for these packages (never an error). */
  readonly wantsPreferredWebexSite: boolean;
  /** Rank for the customer-full-admin rule: a full admin may not be moved to a lower rank. */
  readonly rank: number;
  /** CSV column header (English); the Dutch header is the same unless given. */
  readonly csvHeader: string;
  readonly csvHeaderNl: string;
}

export const PACKAGES: Readonly<Record<PackageId, PackageDefinition>> = {
  webex_voice: {
    id: 'webex_voice',
    displayName: 'Webex Voice',
    displayNameNl: 'Webex Voice',
    calling: 'voice',
    requiresNumberAndLocation: false,
    wantsPreferredWebexSite: false,
    rank: 1,
    csvHeader: 'Webex Voice',
    csvHeaderNl: 'Webex Voice',
  },
  webex_calling: {
    id: 'webex_calling',
    displayName: 'Webex Calling',
    displayNameNl: 'Webex Calling',
    calling: 'professional',
    requiresNumberAndLocation: true,
    wantsPreferredWebexSite: true,
    rank: 3,
    csvHeader: 'Webex Calling',
    csvHeaderNl: 'Webex Calling',
  },
  webex_calling_standard: {
    id: 'webex_calling_standard',
    displayName: 'Webex Calling Standard',
    displayNameNl: 'Webex Calling Standard',
    calling: 'standard',
    requiresNumberAndLocation: true,
    wantsPreferredWebexSite: true,
    rank: 2,
    csvHeader: 'Webex Calling Standard',
    csvHeaderNl: 'Webex Calling Standard',
  },
  webex_meetings: {
    id: 'webex_meetings',
    displayName: 'Webex Meetings',
    displayNameNl: 'Webex Meetings',
    calling: 'none',
    requiresNumberAndLocation: false,
    wantsPreferredWebexSite: true,
    rank: 1,
    csvHeader: 'Webex Meetings',
    csvHeaderNl: 'Webex Meetings',
  },
  webex_suite: {
    id: 'webex_suite',
    displayName: 'Webex Suite',
    displayNameNl: 'Webex Suite',
    calling: 'professional',
    requiresNumberAndLocation: true,
    wantsPreferredWebexSite: true,
    rank: 4,
    csvHeader: 'Webex Suite',
    csvHeaderNl: 'Webex Suite',
  },
  cx_essentials: {
    id: 'cx_essentials',
    displayName: 'Customer Assist',
    displayNameNl: 'Klantassistentie',
    calling: 'professional',
    requiresNumberAndLocation: true,
    wantsPreferredWebexSite: true,
    rank: 3,
    csvHeader: 'Customer Assist',
    csvHeaderNl: 'Klantassistentie',
  },
};

export interface AddOnDefinition {
  readonly id: AddOnId;
  readonly displayName: string;
  readonly displayNameNl: string;
  /** The packages the add-on may be held with. */
  readonly allowedWith: readonly PackageId[];
  readonly csvHeader: string;
  readonly csvHeaderNl: string;
}

export const ADD_ONS: Readonly<Record<AddOnId, AddOnDefinition>> = {
  attendant_console: {
    id: 'attendant_console',
    displayName: 'Attendant Console',
    displayNameNl: 'Attendant Console',
    allowedWith: ['webex_calling', 'webex_suite', 'cx_essentials'],
    csvHeader: 'Attendant Console',
    csvHeaderNl: 'Attendant Console',
  },
};

export interface CustomerLevelDefinition {
  readonly id: CustomerLevelId;
  readonly displayName: string;
  readonly displayNameNl: string;
  /** A calling package: selling it makes the Wholesale API require a first location (SPEC §2). */
  readonly calling: boolean;
}

export const CUSTOMER_LEVEL_PACKAGES: Readonly<Record<CustomerLevelId, CustomerLevelDefinition>> = {
  common_area_calling: {
    id: 'common_area_calling',
    displayName: 'Common Area Calling',
    displayNameNl: 'Common Area Calling',
    calling: true,
  },
};

/**
 * Sellables that mean calling (SPEC §2: selling one requires a first location): the user packages
 * with any calling, Voice included, and the customer-level calling packages. Derived, never listed.
 */
export const CALLING_SELLABLE_IDS: readonly SellableId[] = [
  ...PACKAGE_IDS.filter((id) => PACKAGES[id].calling !== 'none'),
  ...CUSTOMER_LEVEL_IDS.filter((id) => CUSTOMER_LEVEL_PACKAGES[id].calling),
];

/** Package columns in export order (SPEC §6), then the add-on. */
export const PACKAGE_EXPORT_ORDER: readonly PackageId[] = [
  'webex_voice',
  'webex_calling',
  'webex_calling_standard',
  'webex_meetings',
  'webex_suite',
  'cx_essentials',
];

/** Basic licences assigned next to a package (SPEC §3). */
export const BASIC_LICENCES = ['basic_messaging', 'basic_space_meetings', 'calling_from_webex'] as const;
export type BasicLicence = (typeof BASIC_LICENCES)[number];

export function isPackageId(value: string): value is PackageId {
  return (PACKAGE_IDS as readonly string[]).includes(value);
}

export function isSellableId(value: string): value is SellableId {
  return (SELLABLE_IDS as readonly string[]).includes(value);
}

function isAddOnId(value: string): value is AddOnId {
  return (ADD_ON_IDS as readonly string[]).includes(value);
}

function isCustomerLevelId(value: string): value is CustomerLevelId {
  return (CUSTOMER_LEVEL_IDS as readonly string[]).includes(value);
}

/**
 * A sellable's name as people read it, in English or Dutch: every id of the catalog has one (user
 * packages, the add-on and the customer-level packages); '' is "no package"; an unknown id as it is.
 */
export function packageDisplayName(id: string, locale: 'en' | 'nl'): string {
  const definition = isPackageId(id)
    ? PACKAGES[id]
    : isAddOnId(id)
      ? ADD_ONS[id]
      : isCustomerLevelId(id)
        ? CUSTOMER_LEVEL_PACKAGES[id]
        : null;
  if (definition) return locale === 'nl' ? definition.displayNameNl : definition.displayName;
  return id === '' ? (locale === 'nl' ? 'geen pakket' : 'no package') : id;
}

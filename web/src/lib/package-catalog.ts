import { tKey } from '../i18n/t-key.ts';

/**
 * The web app's copy of SPEC §3's catalog (the browser cannot import server code). Display names are
 * product names and the same in both languages, except Customer Assist (Klantassistentie). Every
 * package fact the forms judge by lives here, nowhere else in web/, and
 * test/contract/web-package-catalog.test.ts compares each field with the server's catalog.
 */
export interface WebPackage {
  id: string;
  nameKey: string;
  /** SPEC §3 "number + location required": the change dialog and manual add ask for them. */
  requiresNumberAndLocation: boolean;
  calling: boolean;
  /** SPEC §3's professional calling packages, which may never become Calling Standard. */
  professionalCalling: boolean;
  /** SPEC §3: the Attendant Console add-on may be held next to this package. */
  allowsAttendantConsole: boolean;
  /**
   * SPEC §3's order for customer full admins, who may not move lower (Meetings = Voice < Calling
   * Standard < Calling = Customer Assist < Suite), as the server ranks them; null for the extras.
   */
  rank: number | null;
}

export const userPackages: WebPackage[] = [
  {
    id: 'webex_voice',
    nameKey: tKey('packages.webex_voice'),
    requiresNumberAndLocation: false,
    calling: true,
    professionalCalling: false,
    allowsAttendantConsole: false,
    rank: 1,
  },
  {
    id: 'webex_calling',
    nameKey: tKey('packages.webex_calling'),
    requiresNumberAndLocation: true,
    calling: true,
    professionalCalling: true,
    allowsAttendantConsole: true,
    rank: 3,
  },
  {
    id: 'webex_calling_standard',
    nameKey: tKey('packages.webex_calling_standard'),
    requiresNumberAndLocation: true,
    calling: true,
    professionalCalling: false,
    allowsAttendantConsole: false,
    rank: 2,
  },
  {
    id: 'webex_meetings',
    nameKey: tKey('packages.webex_meetings'),
    requiresNumberAndLocation: false,
    calling: false,
    professionalCalling: false,
    allowsAttendantConsole: false,
    rank: 1,
  },
  {
    id: 'webex_suite',
    nameKey: tKey('packages.webex_suite'),
    requiresNumberAndLocation: true,
    calling: true,
    professionalCalling: true,
    allowsAttendantConsole: true,
    rank: 4,
  },
  {
    id: 'cx_essentials',
    nameKey: tKey('packages.cx_essentials'),
    requiresNumberAndLocation: true,
    calling: true,
    professionalCalling: true,
    allowsAttendantConsole: true,
    rank: 3,
  },
];

export const sellableExtras: WebPackage[] = [
  {
    id: 'attendant_console',
    nameKey: tKey('packages.attendant_console'),
    requiresNumberAndLocation: false,
    calling: false,
    professionalCalling: false,
    allowsAttendantConsole: false,
    rank: null,
  },
  {
    id: 'common_area_calling',
    nameKey: tKey('packages.common_area_calling'),
    requiresNumberAndLocation: false,
    calling: true,
    professionalCalling: false,
    allowsAttendantConsole: false,
    rank: null,
  },
];

export const sellablePackages: WebPackage[] = [...userPackages, ...sellableExtras];

export function findPackage(id: string | null | undefined): WebPackage | undefined {
  return sellablePackages.find((entry) => entry.id === id);
}

export function needsNumberAndLocation(id: string | null | undefined): boolean {
  return findPackage(id)?.requiresNumberAndLocation ?? false;
}

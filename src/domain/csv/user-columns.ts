// The user CSV columns of SPEC §6, in export order, with their English and Dutch headers.
// Columns are matched by header name only, never by position.
import {
  ADD_ONS,
  PACKAGE_EXPORT_ORDER,
  PACKAGES,
  type AddOnId,
  type BasicLicence,
  type PackageId,
} from '../packages/catalog.ts';
import type { TextField } from '../users/user-fields.ts';

export type ColumnKind =
  | { kind: 'email' }
  | { kind: 'text'; field: TextField }
  | { kind: 'readOnly' }
  | { kind: 'extension' }
  | { kind: 'phoneNumber' }
  | { kind: 'callerIdNumber' }
  | { kind: 'location' }
  | { kind: 'jabber'; field: 'jabberWithTeams' | 'jabberCalling' }
  | { kind: 'basicLicence'; licence: BasicLicence }
  | { kind: 'package'; packageId: PackageId }
  | { kind: 'addOn'; addOn: AddOnId };

export interface UserColumn {
  /** Stable key used in messages and row results. */
  readonly key: string;
  readonly english: string;
  readonly dutch: string;
  readonly spec: ColumnKind;
}

const text = (key: TextField, english: string, dutch: string): UserColumn => ({
  key,
  english,
  dutch,
  spec: { kind: 'text', field: key },
});

/** SPEC §6 export order: the left column of the table, then the right, then packages. */
export const USER_COLUMNS: readonly UserColumn[] = [
  text('firstName', 'First Name', 'Voornaam'),
  text('lastName', 'Last Name', 'Achternaam'),
  text('displayName', 'Display Name', 'Weergavenaam'),
  {
    key: 'email',
    english: 'User ID/Email (Required)',
    dutch: 'Gebruikers-ID/e-mail (verplicht)',
    spec: { kind: 'email' },
  },
  { key: 'userStatus', english: 'User Status*', dutch: 'Gebruikersstatus*', spec: { kind: 'readOnly' } },
  {
    key: 'lastServiceAccessedTime',
    english: 'Last Service Accessed Time*',
    dutch: 'Laatste servicegebruik*',
    spec: { kind: 'readOnly' },
  },
  {
    key: 'daysSinceLastServiceAccessed',
    english: 'Days since Last Service Accessed*',
    dutch: 'Dagen sinds laatste servicegebruik*',
    spec: { kind: 'readOnly' },
  },
  { key: 'extension', english: 'Extension', dutch: 'Toestel', spec: { kind: 'extension' } },
  text('title', 'Title', 'Functie'),
  text('department', 'Department', 'Afdeling'),
  text('manager', 'Manager', 'Manager'),
  { key: 'phoneNumber', english: 'Phone Number', dutch: 'Telefoonnummer', spec: { kind: 'phoneNumber' } },
  {
    key: 'callerIdNumber',
    english: 'Caller ID Number',
    dutch: 'Nummer beller-ID',
    spec: { kind: 'callerIdNumber' },
  },
  text('callerIdFirstName', 'Caller ID First Name', 'Voornaam beller-ID'),
  text('callerIdLastName', 'Caller ID Last Name', 'Achternaam beller-ID'),
  { key: 'location', english: 'Location', dutch: 'Locatie', spec: { kind: 'location' } },
  text('preferredLanguage', 'Preferred Language', 'Voorkeurstaal'),
  text('timeZone', 'Time zone', 'Tijdzone'),
  {
    key: 'jabberWithTeams',
    english: 'Jabber with Webex Teams',
    dutch: 'Jabber met Webex Teams',
    spec: { kind: 'jabber', field: 'jabberWithTeams' },
  },
  {
    key: 'jabberCalling',
    english: 'Jabber Calling',
    dutch: 'Jabber Calling',
    spec: { kind: 'jabber', field: 'jabberCalling' },
  },
  text('preferredWebexSite', 'Preferred Webex Site', 'Voorkeurssite voor Webex'),
  {
    key: 'basic_messaging',
    english: 'Basic Messaging',
    dutch: 'Basisberichten',
    spec: { kind: 'basicLicence', licence: 'basic_messaging' },
  },
  {
    key: 'basic_space_meetings',
    english: 'Basic Space Meetings',
    dutch: 'Basisruimtevergaderingen',
    spec: { kind: 'basicLicence', licence: 'basic_space_meetings' },
  },
  {
    key: 'calling_from_webex',
    english: 'Calling from Webex',
    dutch: 'Bellen via Webex',
    spec: { kind: 'basicLicence', licence: 'calling_from_webex' },
  },
  ...PACKAGE_EXPORT_ORDER.map((packageId): UserColumn => ({
    key: packageId,
    english: PACKAGES[packageId].csvHeader,
    dutch: PACKAGES[packageId].csvHeaderNl,
    spec: { kind: 'package', packageId },
  })),
  {
    key: 'attendant_console',
    english: ADD_ONS.attendant_console.csvHeader,
    dutch: ADD_ONS.attendant_console.csvHeaderNl,
    spec: { kind: 'addOn', addOn: 'attendant_console' },
  },
];

export const EMAIL_COLUMN_KEY = 'email';

export function columnByKey(key: string): UserColumn | undefined {
  return USER_COLUMNS.find((column) => column.key === key);
}

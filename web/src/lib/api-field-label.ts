import type { TFunction } from 'i18next';
import { tKey } from '../i18n/t-key.ts';
import { findPackage } from './package-catalog.ts';
import { USER_FIELD_LABELS } from './user-field-labels.ts';

/**
 * The request properties whose name differs from the CSV column's key in USER_FIELD_LABELS (the
 * server's apiFieldOf, src/services/users/user-input.ts, turns a column into these).
 */
const API_FIELD_LABELS: Readonly<Record<string, string>> = {
  attendantConsole: tKey('packages.attendant_console'),
  jabberWithWebexTeams: tKey('userFields.jabberWithTeams'),
  'basicLicences.basicMessaging': tKey('userFields.basic_messaging'),
  'basicLicences.basicSpaceMeetings': tKey('userFields.basic_space_meetings'),
  'basicLicences.callingFromWebex': tKey('userFields.calling_from_webex'),
};

/**
 * The field an admin API warning or error names (`field`, as the request names it:
 * `callerIdNumber`, `attendantConsole`) by what the admin calls it: the CSV column's header in the
 * language shown (SPEC §6), "Caller ID Number" or "Nummer beller-ID". A field the app has no label
 * for is named as the API names it: SPEC §6 wants the column named, and that still tells which.
 * Null for no field.
 */
export function apiFieldLabel(field: string | undefined, t: TFunction): string | null {
  if (!field) return null;
  const key = API_FIELD_LABELS[field] ?? USER_FIELD_LABELS[field];
  if (key) return t(key);
  const known = findPackage(field);
  return known ? t(known.nameKey) : field;
}

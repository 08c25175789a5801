import type { TFunction } from 'i18next';
import { tKey } from '../../../i18n/t-key.ts';
import { findPackage } from '../../../lib/package-catalog.ts';

/**
 * The row results name fields by the server's column keys (`jabberCalling`, `package`, …); admins
 * know them as the file's column headers (SPEC §6), in English or Dutch.
 */
const columnLabels: Record<string, string> = {
  firstName: tKey('userFields.firstName'),
  lastName: tKey('userFields.lastName'),
  displayName: tKey('userFields.displayName'),
  email: tKey('userFields.email'),
  extension: tKey('userFields.extension'),
  title: tKey('userFields.title'),
  department: tKey('userFields.department'),
  manager: tKey('userFields.manager'),
  phoneNumber: tKey('userFields.phoneNumber'),
  callerIdNumber: tKey('userFields.callerIdNumber'),
  callerIdFirstName: tKey('userFields.callerIdFirstName'),
  callerIdLastName: tKey('userFields.callerIdLastName'),
  location: tKey('userFields.location'),
  preferredLanguage: tKey('userFields.preferredLanguage'),
  timeZone: tKey('userFields.timeZone'),
  jabberWithTeams: tKey('userFields.jabberWithTeams'),
  jabberCalling: tKey('userFields.jabberCalling'),
  preferredWebexSite: tKey('userFields.preferredWebexSite'),
  basic_messaging: tKey('userFields.basic_messaging'),
  basic_space_meetings: tKey('userFields.basic_space_meetings'),
  calling_from_webex: tKey('userFields.calling_from_webex'),
  package: tKey('userFields.package'),
};

/** The column's header as the file names it; a package or add-on column by its display name. */
export function columnLabel(field: string, t: TFunction): string {
  const key = columnLabels[field];
  if (key) return t(key);
  const known = findPackage(field);
  return known ? t(known.nameKey) : field;
}

/** A cell as the file writes it: TRUE/FALSE (WAAR/ONWAAR), package names, '—' for empty. */
export function cellText(field: string, value: unknown, t: TFunction): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('userFields.cellTrue') : t('userFields.cellFalse');
  if (field === 'package' && typeof value === 'string') {
    const known = findPackage(value);
    return known ? t(known.nameKey) : value;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `Webex Suite: — → TRUE`, `Package: Webex Meetings → Webex Suite`. */
export function fieldChangeText(
  change: { field: string; before?: unknown; after?: unknown },
  t: TFunction,
): string {
  return `${columnLabel(change.field, t)}: ${cellText(change.field, change.before, t)} → ${cellText(change.field, change.after, t)}`;
}

import type { TFunction } from 'i18next';
import { findPackage } from '../../../lib/package-catalog.ts';
import { USER_FIELD_LABELS } from '../../../lib/user-field-labels.ts';

/**
 * The column's header as the file names it (the row results name fields by the server's keys); a
 * package or add-on column by its display name.
 */
export function columnLabel(field: string, t: TFunction): string {
  const key = USER_FIELD_LABELS[field];
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

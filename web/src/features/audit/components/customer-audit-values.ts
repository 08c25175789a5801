import type { TFunction } from 'i18next';
import { tKey } from '../../../i18n/t-key.ts';
import { findPackage } from '../../../lib/package-catalog.ts';

/**
 * A customer's settings as the server stores them in its audit events: grouped under `settings` in
 * a customer's create and change (src/services/customers/customer-view.ts), at the top level in
 * `customer.settings.update` (src/services/settings/customer-settings.ts). Named as the settings
 * page names them.
 */
export const settingFieldLabels: Readonly<Record<string, string>> = {
  defaultPackage: tKey('settings.defaultPackage'),
  autoAssignBasicLicences: tKey('settings.autoAssign'),
  defaultPreferredWebexSite: tKey('settings.defaultSite'),
  extensionLength: tKey('settings.extensionLength'),
  defaultImportBehaviour: tKey('settings.defaultImport'),
};

const importBehaviours: Readonly<Record<string, string>> = {
  'add-only': tKey('imports.addOnly'),
  'add-remove': tKey('imports.addRemove'),
};

/** A package or add-on by the name SPEC §3 gives it; an id the app does not know, as it is. */
function packageName(id: string, t: TFunction): string {
  const known = findPackage(id);
  return known ? t(known.nameKey) : id;
}

interface SoldPackage {
  readonly id: string;
  readonly limit?: number | null;
}

function isSoldPackage(entry: unknown): entry is SoldPackage {
  return entry !== null && typeof entry === 'object' && typeof (entry as { id?: unknown }).id === 'string';
}

/**
 * The sold packages as they are compared: a customer's view holds `{ id, limit, used }`, the
 * Wholesale API's change the ids alone. How many users hold a package is no change to the customer.
 */
export function comparablePackages(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((entry) => (isSoldPackage(entry) ? { id: entry.id, limit: entry.limit ?? null } : entry));
}

/** `Webex Calling (limit 10), Webex Meetings`: each package by name, with its limit if it has one. */
export function packagesText(value: unknown, t: TFunction): string | null {
  if (!Array.isArray(value)) return null;
  const parts = value.map((entry) => {
    if (typeof entry === 'string') return packageName(entry, t);
    if (!isSoldPackage(entry)) return null;
    const name = packageName(entry.id, t);
    return typeof entry.limit === 'number' ? t('audit.packageLimit', { name, limit: entry.limit }) : name;
  });
  return parts.every((part) => part !== null) ? parts.join(', ') : null;
}

/** A setting's value in words, or null when the field is no setting with words of its own. */
export function settingValueText(field: string, value: unknown, t: TFunction): string | null {
  if (field === 'defaultPackage' && typeof value === 'string') return packageName(value, t);
  if (field === 'defaultImportBehaviour' && typeof value === 'string') {
    const key = importBehaviours[value];
    return key ? t(key) : value;
  }
  return null;
}

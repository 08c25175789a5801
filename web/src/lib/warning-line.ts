import type { TFunction } from 'i18next';
import { tKey } from '../i18n/t-key.ts';
import { apiFieldLabel } from './api-field-label.ts';
import { findPackage } from './package-catalog.ts';
import type { ProvisioningError } from './provisioning-error.ts';

/**
 * Every warning code of the server (src/domain/users/plan-issues.ts) the web app words itself, so a
 * warning follows the language the admin switches to after the add, with the values (`params`) its
 * text names beyond the package. A code the app does not know, or an answer without those values,
 * keeps the server's description.
 */
const warningTexts: Record<string, { key: string; params: readonly string[] }> = {
  preferred_site_missing: { key: tKey('addUsers.warningCodes.preferred_site_missing'), params: [] },
  calling_fields_ignored: { key: tKey('addUsers.warningCodes.calling_fields_ignored'), params: [] },
  unknown_user_nothing_assigned: {
    key: tKey('addUsers.warningCodes.unknown_user_nothing_assigned'),
    params: [],
  },
  add_on_dropped: { key: tKey('addUsers.warningCodes.add_on_dropped'), params: ['addOn'] },
  phone_plus_restored: {
    key: tKey('addUsers.warningCodes.phone_plus_restored'),
    params: ['value', 'number'],
  },
};

/** The codes the app words itself (the rest keep the server's words). */
export const translatedWarningCodes: readonly string[] = Object.keys(warningTexts);

/** A package or add-on by its name in the language, an unknown id as it is. */
function packageName(id: string, t: TFunction): string {
  const known = findPackage(id);
  return known ? t(known.nameKey) : id;
}

/** One warning in the current language, or null when the app cannot word it. */
function warningText(warning: ProvisioningError, formPackage: string, t: TFunction): string | null {
  const text = warningTexts[warning.code];
  const params = warning.params ?? {};
  if (!text || text.params.some((name) => params[name] === undefined)) return null;
  // The server names the package the warning is about (the new one, on a change); the form's
  // package stands in for an answer that does not.
  const packageId = params.package !== undefined ? String(params.package) : formPackage;
  return t(text.key, {
    ...Object.fromEntries(Object.entries(params).map(([name, value]) => [name, String(value)])),
    packageName: packageName(packageId, t),
    ...(params.addOn !== undefined ? { addOnName: packageName(String(params.addOn), t) } : {}),
  });
}

/** One warning in the current language where the app knows its code, else in the server's words. */
export function warningInLanguage(warning: ProvisioningError, formPackage: string, t: TFunction): string {
  return warningText(warning, formPackage, t) ?? warning.description;
}

/**
 * A warning as the admin reads it: the column it is about and the reason (SPEC §6), "Warning, Caller
 * ID Number: …", the column by its header in the current language. The column is the API's
 * `field`: the Phone Number and the Caller ID Number get the same `phone_plus_restored`, and only
 * the column tells which number was read so. A warning without one is "Warning: …".
 */
export function warningLine(warning: ProvisioningError, formPackage: string, t: TFunction): string {
  const text = warningInLanguage(warning, formPackage, t);
  const field = apiFieldLabel(warning.field, t);
  return field
    ? t('addUsers.warningOnField', { field, warning: text })
    : t('addUsers.warning', { warning: text });
}

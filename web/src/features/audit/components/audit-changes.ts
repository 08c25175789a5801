import type { TFunction } from 'i18next';
import { currentLanguage } from '../../../i18n/i18n.ts';
import { tKey } from '../../../i18n/t-key.ts';
import { findPackage } from '../../../lib/package-catalog.ts';
import { USER_FIELD_LABELS } from '../../../lib/user-field-labels.ts';
import type { AuditEvent } from '../api/audit.ts';
import {
  comparablePackages,
  packagesText,
  settingFieldLabels,
  settingValueText,
} from './customer-audit-values.ts';

/**
 * What an event's action and object type are called; an action not listed shows its code.
 * audit-action-labels.test.ts scans the server's source for every action it records and fails
 * when one is missing here.
 */
export const actionLabels: Readonly<Record<string, string>> = {
  'account.create_free': tKey('audit.actions.account_create_free'),
  'account.signup': tKey('audit.actions.account_signup'),
  'account.signup_resent': tKey('audit.actions.account_signup_resent'),
  'account.verified': tKey('audit.actions.account_verified'),
  'admin.accept_invite': tKey('audit.actions.admin_accept_invite'),
  'admin.delete': tKey('audit.actions.admin_delete'),
  'admin.invite': tKey('audit.actions.admin_invite'),
  'admin.password_reset': tKey('audit.actions.admin_password_reset'),
  'admin.reinvite': tKey('audit.actions.admin_reinvite'),
  'admin.update': tKey('audit.actions.admin_update'),
  'customer.create': tKey('audit.actions.customer_create'),
  'customer.delete': tKey('audit.actions.customer_delete'),
  'customer.delete_failed': tKey('audit.actions.customer_delete_failed'),
  'customer.deleted': tKey('audit.actions.customer_deleted'),
  'customer.provisioned': tKey('audit.actions.customer_provisioned'),
  'customer.provisioning_failed': tKey('audit.actions.customer_provisioning_failed'),
  'customer.settings.update': tKey('audit.actions.customer_settings_update'),
  'customer.update': tKey('audit.actions.customer_update'),
  'customer.updated': tKey('audit.actions.customer_updated'),
  'directory_sync.disable': tKey('audit.actions.directory_sync_disable'),
  'directory_sync.enable': tKey('audit.actions.directory_sync_enable'),
  'domain.add': tKey('audit.actions.domain_add'),
  'domain.remove': tKey('audit.actions.domain_remove'),
  'domain.verify': tKey('audit.actions.domain_verify'),
  'location.create': tKey('audit.actions.location_create'),
  'location.delete': tKey('audit.actions.location_delete'),
  'location.update': tKey('audit.actions.location_update'),
  'numbers.add': tKey('audit.actions.numbers_add'),
  'numbers.remove': tKey('audit.actions.numbers_remove'),
  'numbers.taken_probe': tKey('audit.actions.numbers_taken_probe'),
  'partner.create': tKey('audit.actions.partner_create'),
  'partner.update': tKey('audit.actions.partner_update'),
  'person.erase': tKey('audit.actions.person_erase'),
  'scim.group.create': tKey('audit.actions.scim_group_create'),
  'scim.group.delete': tKey('audit.actions.scim_group_delete'),
  'scim.group.replace': tKey('audit.actions.scim_group_replace'),
  'scim.user.create': tKey('audit.actions.scim_user_create'),
  'scim.user.replace': tKey('audit.actions.scim_user_replace'),
  'scim_token.create': tKey('audit.actions.scim_token_create'),
  'scim_token.revoke': tKey('audit.actions.scim_token_revoke'),
  'token.create': tKey('audit.actions.token_create'),
  'token.revoke': tKey('audit.actions.token_revoke'),
  'user.claim': tKey('audit.actions.user_claim'),
  'user.consent_accepted': tKey('audit.actions.user_consent_accepted'),
  'user.consent_email': tKey('audit.actions.user_consent_email'),
  'user.create': tKey('audit.actions.user_create'),
  'user.delete': tKey('audit.actions.user_delete'),
  'user.email_taken_probe': tKey('audit.actions.user_email_taken_probe'),
  'user.package_change': tKey('audit.actions.user_package_change'),
  'user.package_change.cleared': tKey('audit.actions.user_package_change_cleared'),
  'user.package_change.failed': tKey('audit.actions.user_package_change_failed'),
  'user.provisioning': tKey('audit.actions.user_provisioning'),
  'user.provisioning.cleared': tKey('audit.actions.user_provisioning_cleared'),
  'user.provisioning.failed': tKey('audit.actions.user_provisioning_failed'),
  'user.repair': tKey('audit.actions.user_repair'),
  'user.repair.cleared': tKey('audit.actions.user_repair_cleared'),
  'user.repair.failed': tKey('audit.actions.user_repair_failed'),
  'user.update': tKey('audit.actions.user_update'),
};

const targetLabels: Record<string, string> = {
  admin: tKey('audit.targets.admin'),
  api_token: tKey('audit.targets.api_token'),
  customer: tKey('audit.targets.customer'),
  domain: tKey('audit.targets.domain'),
  email: tKey('audit.targets.email'),
  free_account: tKey('audit.targets.free_account'),
  location: tKey('audit.targets.location'),
  partner: tKey('audit.targets.partner'),
  person: tKey('audit.targets.person'),
  scim_group: tKey('audit.targets.scim_group'),
  scim_token: tKey('audit.targets.scim_token'),
  user: tKey('audit.targets.user'),
};

/**
 * Field names: a user's fields as the CSV columns name them (the help text's words), then the
 * common fields of other objects. Keys are after flattening (`addOns.attendant_console` is
 * `attendant_console`, `packageId` is `package`).
 */
const fieldLabels: Record<string, string> = {
  ...USER_FIELD_LABELS,
  ...settingFieldLabels,
  name: tKey('audit.fields.name'),
  externalId: tKey('audit.fields.externalId'),
  adminEmail: tKey('audit.fields.adminEmail'),
  country: tKey('audit.fields.country'),
  city: tKey('audit.fields.city'),
  language: tKey('audit.fields.language'),
  status: tKey('audit.fields.status'),
  role: tKey('audit.fields.role'),
  added: tKey('audit.fields.added'),
  alreadyPresent: tKey('audit.fields.alreadyPresent'),
  ranges: tKey('audit.fields.ranges'),
  numbers: tKey('audit.fields.numbers'),
  address: tKey('audit.fields.address'),
  errors: tKey('audit.fields.errors'),
  packages: tKey('audit.fields.packages'),
  settings: tKey('audit.fields.settings'),
  domain: tKey('audit.fields.domain'),
  result: tKey('audit.fields.result'),
  reason: tKey('audit.fields.reason'),
  prefix: tKey('audit.fields.prefix'),
  expiresAt: tKey('audit.fields.expiresAt'),
  revokedAt: tKey('audit.fields.revokedAt'),
  members: tKey('audit.fields.members'),
  directorySync: tKey('audit.fields.directorySync'),
  directorySyncEnabled: tKey('audit.fields.directorySync'),
  userName: tKey('audit.fields.userName'),
  suspended: tKey('audit.fields.suspended'),
  failedStep: tKey('audit.fields.failedStep'),
  locale: tKey('audit.fields.locale'),
};

/**
 * Fields an admin learns nothing from: ids (the object column names the object; `externalId` is
 * the admin's own reference and stays) and the timestamps the When column already shows.
 */
const hiddenField = (field: string) =>
  field === 'id' ||
  (/[a-z]Id$/.test(field) && field !== 'externalId') ||
  field === 'createdAt' ||
  field === 'updatedAt';

/** The user-state keys whose names differ from the CSV column keys. */
const renamed: Record<string, string> = { packageId: 'package', locationId: 'location' };
/**
 * Nested groups whose entries are fields of their own: a user's add-ons and basic licences, a
 * customer's settings (so a change names the setting that changed, as the settings page does).
 */
const flattened = new Set(['addOns', 'basicLicences', 'settings']);

export function actionLabel(action: string, t: TFunction): string {
  const key = actionLabels[action];
  return key ? t(key) : action;
}

export function targetLabel(type: string, t: TFunction): string {
  const key = targetLabels[type];
  return key ? t(key) : type;
}

/** `externalId` → `External id` for a field no label is known for: words, never a raw key. */
function humanize(field: string): string {
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function fieldLabel(field: string, t: TFunction): string {
  const key = fieldLabels[field];
  if (key) return t(key);
  const known = findPackage(field);
  return known ? t(known.nameKey) : humanize(field);
}

function valueText(
  field: string,
  value: unknown,
  t: TFunction,
  locations: ReadonlyMap<string, string>,
): string {
  if (isBlank(value)) return '—';
  // Users' states hold location ids; older import rows hold names already.
  if (field === 'location' && typeof value === 'string') return locations.get(value) ?? value;
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (field === 'package' && typeof value === 'string') {
    const known = findPackage(value);
    return known ? t(known.nameKey) : value;
  }
  const setting = settingValueText(field, value, t);
  if (setting !== null) return setting;
  if (field === 'packages') {
    const packages = packagesText(value, t);
    if (packages !== null) return packages;
  }
  if (field === 'role' && typeof value === 'string')
    return t(`admins.roles.${value}`, { defaultValue: value });
  if (field === 'status' && typeof value === 'string') return t(`status.${value}`, { defaultValue: value });
  if (field === 'result' && typeof value === 'string')
    return t(`audit.results.${value}`, { defaultValue: value });
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number'))
    return value.join(', ');
  if (Array.isArray(value) && value.every(hasDescription))
    return value.map((item) => describedText(item)).join('; ');
  // An address (or any flat object of texts): its parts on one line, in their order.
  if (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((part) => part === null || typeof part === 'string')
  )
    return Object.values(value as Record<string, unknown>)
      .filter((part) => part)
      .join(', ');
  return JSON.stringify(value);
}

/** Stored errors carry an English `description` and often a Dutch `descriptionNl`. */
function hasDescription(item: unknown): item is { description: string; descriptionNl?: unknown } {
  return (
    item !== null &&
    typeof item === 'object' &&
    typeof (item as { description?: unknown }).description === 'string'
  );
}

function describedText(item: { description: string; descriptionNl?: unknown }): string {
  const dutch = currentLanguage() === 'nl' && typeof item.descriptionNl === 'string';
  return dutch ? (item.descriptionNl as string) : item.description;
}

function flatten(state: Record<string, unknown> | null): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const [key, value] of Object.entries(state ?? {})) {
    if (flattened.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, innerValue] of Object.entries(value)) fields.set(inner, innerValue);
    } else if (key === 'packages') fields.set(key, comparablePackages(value));
    else fields.set(renamed[key] ?? key, value);
  }
  return fields;
}

export interface AuditFieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * A CSV import's `user.update` rows written before commit 6db5efe hold the preview's change list
 * as `before.changes` and no `after`: they are read as the field changes they are, not migrated
 * (the audit log is append-only).
 */
function legacyImportChanges(event: AuditEvent): AuditFieldChange[] | null {
  const changes = event.before?.['changes'];
  if (event.after !== null || !Array.isArray(changes)) return null;
  return changes.flatMap((entry: unknown) => {
    if (entry === null || typeof entry !== 'object' || !('field' in entry)) return [];
    const change = entry as { field: unknown; before?: unknown; after?: unknown };
    return typeof change.field === 'string'
      ? [{ field: change.field, before: change.before ?? null, after: change.after ?? null }]
      : [];
  });
}

/** `[]` and `{}` are as empty as null: a create's `errors: []` is no change worth a line. */
function isBlank(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.values(value).every(isBlank);
}

const isEmpty = (value: unknown) => isBlank(value) || value === false;

/**
 * Only the fields that changed, so a long before/after stays readable; for a create (no before) or
 * a delete (no after), the fields that hold a value.
 */
export function auditFieldChanges(event: AuditEvent): AuditFieldChange[] {
  const legacy = legacyImportChanges(event);
  if (legacy) return legacy;
  const before = flatten(event.before);
  const after = flatten(event.after);
  const fields = [...new Set([...before.keys(), ...after.keys()])];
  return fields
    .map((field) => ({ field, before: before.get(field) ?? null, after: after.get(field) ?? null }))
    .filter((change) => !hiddenField(change.field))
    .filter((change) => JSON.stringify(change.before) !== JSON.stringify(change.after))
    .filter((change) => !(isEmpty(change.before) && isEmpty(change.after)));
}

/** `Extension: 1001 → 1010`, one line a field. */
export function auditChangesText(event: AuditEvent, t: TFunction): string {
  // The server names the event's locations (only the customer's own), so no location list is fetched.
  const locations = new Map(Object.entries(event.locationNames ?? {}));
  const text = (field: string, value: unknown) => valueText(field, value, t, locations);
  return auditFieldChanges(event)
    .map(
      (change) =>
        `${fieldLabel(change.field, t)}: ${text(change.field, change.before)} → ${text(change.field, change.after)}`,
    )
    .join('\n');
}

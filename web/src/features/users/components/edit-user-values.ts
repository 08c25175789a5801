import type { Translate } from '../../../lib/field-errors.ts';
import { findPackage } from '../../../lib/package-catalog.ts';
import type { JabberField, UserDetails, UserFieldsPatch } from '../api/update-user.ts';

/** The form's text fields; the Jabber settings are switches (see jabberPatch). */
export type EditUserField = Exclude<keyof UserFieldsPatch, JabberField>;

/** The editable fields in form order, with the admin API's length limits. */
export const EDIT_USER_FIELDS: readonly { name: EditUserField; max: number }[] = [
  { name: 'firstName', max: 100 },
  { name: 'lastName', max: 100 },
  { name: 'displayName', max: 200 },
  { name: 'title', max: 200 },
  { name: 'department', max: 200 },
  { name: 'manager', max: 200 },
  { name: 'callerIdFirstName', max: 100 },
  { name: 'callerIdLastName', max: 100 },
  { name: 'callerIdNumber', max: 32 },
  { name: 'preferredWebexSite', max: 200 },
  { name: 'preferredLanguage', max: 20 },
  { name: 'timeZone', max: 64 },
];

export const EDIT_USER_FIELD_NAMES: readonly EditUserField[] = EDIT_USER_FIELDS.map((field) => field.name);

/** While directory sync is on the directory owns these (SPEC §5; the email is never editable here). */
export const DIRECTORY_OWNED_FIELDS: readonly EditUserField[] = ['firstName', 'lastName', 'displayName'];

export type EditUserValues = Record<EditUserField, string>;

export function editUserValuesOf(user: UserDetails): EditUserValues {
  const values = {} as EditUserValues;
  for (const { name } of EDIT_USER_FIELDS) values[name] = user[name] ?? '';
  return values;
}

export function isLockedBySync(field: EditUserField, directorySync: boolean): boolean {
  return directorySync && DIRECTORY_OWNED_FIELDS.includes(field);
}

/**
 * Names can be changed but not emptied (the API takes no null for them); the other fields, the
 * caller ID number included, are cleared when emptied (sent as null).
 */
const REQUIRED_ONCE_SET: readonly EditUserField[] = ['firstName', 'lastName'];

/**
 * Whether the user's package gives the field a meaning: the caller ID number only with a calling
 * package (it is one of the user's calling numbers); the rest always.
 */
export function isFieldShown(field: EditUserField, packageId: string | null | undefined): boolean {
  if (field === 'callerIdNumber') return findPackage(packageId)?.calling ?? false;
  return true;
}

/** Jabber Calling and Jabber with Webex Teams mean something only next to a package (SPEC §3). */
export function showsJabber(packageId: string | null | undefined): boolean {
  return findPackage(packageId) !== undefined;
}

export type JabberValues = Record<JabberField, boolean>;

/** A setting never given reads as FALSE (SPEC §3: they default to FALSE outside CSV). */
export function jabberValuesOf(user: UserDetails): JabberValues {
  return {
    jabberCalling: user.jabberCalling ?? false,
    jabberWithWebexTeams: user.jabberWithWebexTeams ?? false,
  };
}

/** Only the Jabber settings that changed, by the API's field names. */
export function jabberPatch(values: JabberValues, initial: JabberValues): Partial<JabberValues> {
  const patch: Partial<JabberValues> = {};
  for (const name of ['jabberCalling', 'jabberWithWebexTeams'] as const) {
    if (values[name] !== initial[name]) patch[name] = values[name];
  }
  return patch;
}

/** What the form refuses before sending: text over the API's limit, and an emptied name. */
export function editUserErrors(
  values: EditUserValues,
  initial: EditUserValues,
  t: Translate,
): Partial<Record<EditUserField, string>> {
  const errors: Partial<Record<EditUserField, string>> = {};
  for (const { name, max } of EDIT_USER_FIELDS) {
    const value = values[name].trim();
    if (value.length > max) errors[name] = t('fieldErrors.maxLength', { count: max });
    else if (value === '' && initial[name].trim() !== '' && REQUIRED_ONCE_SET.includes(name))
      errors[name] = t('fieldErrors.cannotClear');
  }
  return errors;
}

/**
 * Only the fields that changed, trimmed (an emptied field as null, which clears it); fields the
 * directory owns are never sent while sync is on.
 */
export function editUserPatch(
  values: EditUserValues,
  initial: EditUserValues,
  directorySync: boolean,
): UserFieldsPatch {
  const patch: UserFieldsPatch = {};
  for (const { name } of EDIT_USER_FIELDS) {
    if (isLockedBySync(name, directorySync)) continue;
    const value = values[name].trim();
    if (value === initial[name].trim()) continue;
    if (name === 'firstName' || name === 'lastName') patch[name] = value;
    else patch[name] = value === '' ? null : value;
  }
  return patch;
}

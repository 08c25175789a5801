import type { Translate } from '../../../lib/field-errors.ts';
import type { UserDetails, UserFieldsPatch } from '../api/update-user.ts';

export type EditUserField = keyof UserFieldsPatch;

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

/** Names can be changed but not emptied; the other fields are cleared when emptied (sent as null). */
const REQUIRED_ONCE_SET: readonly EditUserField[] = ['firstName', 'lastName'];

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

// Which values in the audit log are a person's personal data (SPEC §1, GDPR erasure), as data.
// The keys are the JSON keys the product writes into audit `before`/`after` (UserState, the user
// and admin views, free accounts, SCIM) and the `field` names of field-level change lists
// (`{ field, before, after }`). Erasure replaces these values with the tombstone in every event
// about the person; everything not listed (ids, package, licences, location, status, errors,
// language, time zone, timestamps) is a fact about the service and stays.

/**
 * - `identity`: identifies the person; its values are followed to find them across changes (an
 *   email changed over time) and replaced wherever they occur in the person's events.
 * - `name`: what the person is called; also replaced as whole words in mail sent to or about them.
 * - `profile`: other personal data (work details, numbers that reach the person directly).
 */
export type PersonalDataKind = 'identity' | 'name' | 'profile';

export const PERSONAL_DATA_FIELDS: Readonly<Record<string, PersonalDataKind>> = {
  email: 'identity',
  // SCIM userName: the directory's sign-in name, in practice the person's email.
  userName: 'identity',
  firstName: 'name',
  lastName: 'name',
  displayName: 'name',
  callerIdFirstName: 'name',
  callerIdLastName: 'name',
  title: 'profile',
  department: 'profile',
  manager: 'profile',
  // A direct number, caller ID number and extension ring this person: personal while assigned.
  // The customer's number inventory (numbers.add/remove events) keeps the numbers themselves.
  phoneNumber: 'profile',
  callerIdNumber: 'profile',
  extension: 'profile',
};

/** The audit target types that are a person: an event with such a target is about them. */
export const PERSON_TARGET_TYPES = ['user', 'admin', 'free_account', 'email'] as const;
export type PersonTargetType = (typeof PERSON_TARGET_TYPES)[number];

export function personalDataKind(key: string): PersonalDataKind | undefined {
  return Object.hasOwn(PERSONAL_DATA_FIELDS, key) ? PERSONAL_DATA_FIELDS[key] : undefined;
}

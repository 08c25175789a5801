// The one table of limits for what a user's fields may hold, and the character rule for free
// text (ADR 0083). Every channel reads it: the admin API's schemas, the Wholesale-shaped API, CSV
// rows and SCIM writes (through the planner, and SCIM's own attribute check). Lengths count
// UTF-16 code units, as zod's `.max` does; each limit keeps a value well under PostgreSQL's btree
// row limit (2704 bytes) for the indexed columns (first_name, last_name, display_name, email,
// scim_users.user_name and external_id). Pure.
import type { TextField } from './user-fields.ts';

/** At most this many characters, per field a user carries (user-column keys). */
export const FIELD_MAX_LENGTH = {
  firstName: 100,
  lastName: 100,
  displayName: 200,
  title: 200,
  department: 200,
  manager: 200,
  preferredWebexSite: 200,
  preferredLanguage: 20,
  timeZone: 64,
  callerIdFirstName: 100,
  callerIdLastName: 100,
  callerIdNumber: 32,
  extension: 10,
  phoneNumber: 32,
  /** RFC 5321's path limit; the local part has its own 64 (is-valid-email.ts). */
  email: 254,
  /** SCIM `userName` (scim_users.user_name has a check of 320). */
  scimUserName: 320,
  /** SCIM `externalId` (indexed per customer). */
  scimExternalId: 256,
} as const satisfies Readonly<Record<TextField, number>> & Readonly<Record<string, number>>;

export type LimitedField = keyof typeof FIELD_MAX_LENGTH;

/**
 * Characters free text may not hold: C0/C1 controls (BEL, ESC, NUL…), and the bidi
 * embedding/override (U+202A–U+202E) and isolate (U+2066–U+2069) controls, which make a name read
 * differently from what it is (`"\u202Egnp.exe"`). Tab and line breaks stay: a spreadsheet cell
 * holds them (Alt+Enter), SPEC §6 reads quoted cells with line breaks, and they hide nothing.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export type FieldProblem =
  | { readonly kind: 'too_long'; readonly length: number; readonly limit: number }
  | { readonly kind: 'forbidden_character'; readonly character: string };

/** `U+202E`: how a message names an invisible character. */
export function codePointLabel(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first character of `value` the free-text rule refuses, or null. One precompiled regex test. */
export function forbiddenTextCharacter(value: string): string | null {
  const match = FORBIDDEN_IN_TEXT.exec(value);
  return match === null ? null : match[0];
}

/** What is wrong with a free-text value for `field`, or null. Cheap: a length compare and one regex test. */
export function fieldProblem(field: LimitedField, value: string): FieldProblem | null {
  const limit = FIELD_MAX_LENGTH[field];
  if (value.length > limit) return { kind: 'too_long', length: value.length, limit };
  const character = forbiddenTextCharacter(value);
  if (character !== null) return { kind: 'forbidden_character', character: codePointLabel(character) };
  return null;
}

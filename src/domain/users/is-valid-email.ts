// SPEC §5: a valid email whose local part has at most 64 characters. Deliberately pragmatic: one
// `@`, no spaces, a dotted domain of letters, digits and hyphens. The email is the identity and
// unique (ADR 0083): an address with an invisible character (controls, zero-width and bidi
// format characters, separators) or one that NFKC normalization would change (full-width
// `ＡＢＣ`, ligatures) looks like another address while it is not, so it is refused.
import { FIELD_MAX_LENGTH } from './field-rules.ts';

const EMAIL_SHAPE =
  /^[^\s@"(),:;<>[\\\]]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;

/** Controls (Cc), format characters (Cf: zero-width, bidi controls, soft hyphen) and separators (Z). */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}]/u;

/** Any character outside printable ASCII: only such an address needs the Unicode checks. */
const NOT_PRINTABLE_ASCII = /[^\u0020-\u007e]/;

/** `lookalike`: an invisible or look-alike character; `shape`: not an email address at all. */
export type EmailProblem = 'shape' | 'lookalike';

/** The first invisible or look-alike character of the address, or null. */
export function lookalikeCharacter(email: string): string | null {
  if (!NOT_PRINTABLE_ASCII.test(email)) return null;
  const invisible = INVISIBLE.exec(email);
  if (invisible !== null) return invisible[0];
  if (email.normalize('NFKC') === email) return null;
  for (const character of email) {
    if (character.normalize('NFKC') !== character) return character;
  }
  // A sequence that composes (`e` + U+0301) while each character alone stays: name a non-ASCII one.
  return NOT_PRINTABLE_ASCII.exec(email)?.[0] ?? null;
}

export function emailProblem(email: string): EmailProblem | null {
  if (lookalikeCharacter(email) !== null) return 'lookalike';
  return hasEmailShape(email) ? null : 'shape';
}

/**
 * The shape of SPEC §5 only (the rule before ADR 0083): an address stored before look-alike
 * characters were refused still has it, and an erasure must be able to name it.
 */
export function hasEmailShape(email: string): boolean {
  if (email.length > FIELD_MAX_LENGTH.email || !EMAIL_SHAPE.test(email)) return false;
  const local = email.slice(0, email.lastIndexOf('@'));
  return (
    local.length <= LOCAL_PART_MAX_LENGTH &&
    !local.startsWith('.') &&
    !local.endsWith('.') &&
    !local.includes('..')
  );
}

/** SPEC §5's limit on the part before the `@`. */
export const LOCAL_PART_MAX_LENGTH = 64;

/**
 * The length of the part before the (last) `@` when it is over SPEC §5's limit, else null: the
 * reason worth naming, as "not a valid email address" alone leaves a 70-character name a puzzle.
 */
export function overlongLocalPart(email: string): number | null {
  const at = email.lastIndexOf('@');
  return at > LOCAL_PART_MAX_LENGTH ? at : null;
}

export function isValidEmail(email: string): boolean {
  return emailProblem(email) === null;
}

/** Email is the identity, compared case-insensitively. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

import { isValidEmail, normalizeEmail } from '../../domain/users/is-valid-email.ts';
import { invalidValue } from '../errors.ts';
import { getCi, isJsonObject } from '../json.ts';
import type { JsonObject } from '../json.ts';

// SPEC §7: the user's identity email is `userName` when it is an email, else the primary email, else
// the first work email. Missing or invalid → invalidValue (the caller checks "taken" → uniqueness).

export function identityEmail(userName: string, emails: unknown): string {
  if (isValidEmail(userName.trim())) return normalizeEmail(userName);
  const list = Array.isArray(emails) ? emails.filter(isJsonObject) : [];
  const primary = list.find((email) => getCi(email, 'primary') === true);
  const work = list.find((email) => String(getCi(email, 'type') ?? '').toLowerCase() === 'work');
  const chosen: JsonObject | undefined = primary ?? work;
  if (chosen === undefined) {
    throw invalidValue('The user needs an email: a userName that is an email, or a primary or work email');
  }
  const value = getCi(chosen, 'value');
  if (typeof value !== 'string' || !isValidEmail(value.trim())) {
    throw invalidValue(
      `The user's ${primary ? 'primary' : 'work'} email ${JSON.stringify(value ?? null)} is not a valid email address`,
    );
  }
  return normalizeEmail(value);
}

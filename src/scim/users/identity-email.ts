import { codePointLabel } from '../../domain/users/field-rules.ts';
import { emailProblem, lookalikeCharacter, normalizeEmail } from '../../domain/users/is-valid-email.ts';
import { invalidValue } from '../errors.ts';
import { getCi, isJsonObject } from '../json.ts';
import type { JsonObject } from '../json.ts';

// SPEC §7: the user's identity email is `userName` when it is an email, else the primary email, else
// the first work email. Missing or invalid → invalidValue (the caller checks "taken" → uniqueness).
// An address with an invisible or look-alike character is refused, naming the attribute (ADR 0083),
// unless it is the one the user is stored with (`storedUserName`: a PATCH that keeps it).

export function identityEmail(userName: string, emails: unknown, storedUserName?: string): string {
  const trimmed = userName.trim();
  const userNameProblem = emailProblem(trimmed);
  if (userNameProblem === null || (userNameProblem === 'lookalike' && trimmed === storedUserName?.trim()))
    return normalizeEmail(userName);
  if (userNameProblem === 'lookalike' && trimmed.includes('@')) throw lookalike('userName', trimmed);
  const list = Array.isArray(emails) ? emails.filter(isJsonObject) : [];
  const primary = list.find((email) => getCi(email, 'primary') === true);
  const work = list.find((email) => String(getCi(email, 'type') ?? '').toLowerCase() === 'work');
  const chosen: JsonObject | undefined = primary ?? work;
  if (chosen === undefined) {
    throw invalidValue('The user needs an email: a userName that is an email, or a primary or work email');
  }
  const value = getCi(chosen, 'value');
  const problem = typeof value === 'string' ? emailProblem(value.trim()) : 'shape';
  if (typeof value === 'string' && problem === 'lookalike')
    throw lookalike(`emails[${primary ? 'primary eq true' : 'type eq "work"'}].value`, value.trim());
  if (typeof value !== 'string' || problem !== null) {
    throw invalidValue(
      `The user's ${primary ? 'primary' : 'work'} email ${JSON.stringify(value ?? null)} is not a valid email address`,
    );
  }
  return normalizeEmail(value);
}

function lookalike(attribute: string, value: string) {
  const character = lookalikeCharacter(value.toLowerCase()) ?? lookalikeCharacter(value);
  return invalidValue(
    `"${attribute}" ${JSON.stringify(value)} is not a valid email address: it contains an invisible or look-alike character (${codePointLabel(character ?? '')})`,
  );
}

// An email address a request names (an admin invite, a sign-up, an erasure): trimmed and
// lower-case, or the one `invalid_email` validation failure (400) that quotes it as sent, with the
// reason when it holds an invisible or look-alike character (ADR 0083).
import { validationFailed } from '../errors.ts';
import { isEmail } from '../customers/customer-input.ts';
import { codePointLabel } from './field-rules.ts';
import { hasEmailShape, lookalikeCharacter } from './is-valid-email.ts';

/**
 * The address trimmed and lower-case; throws validation_failed (invalid_email on `email`) if it is
 * none. `stored: true` also takes an address with an invisible or look-alike character: an
 * erasure must reach one stored before such addresses were refused (ADR 0083).
 */
export function checkedEmail(rawEmail: string, options: { stored?: boolean } = {}): string {
  const email = rawEmail.trim().toLowerCase();
  if (options.stored === true && hasEmailShape(email)) return email;
  if (!isEmail(email)) {
    const character = lookalikeCharacter(email);
    const label = character === null ? '' : codePointLabel(character);
    throw validationFailed([
      {
        code: 'invalid_email',
        field: 'email',
        description:
          character === null
            ? `"${rawEmail}" is not a valid email address.`
            : `"${rawEmail}" is not a valid email address: it contains an invisible or look-alike character (${label}).`,
        descriptionNl:
          character === null
            ? `"${rawEmail}" is geen geldig e-mailadres.`
            : `"${rawEmail}" is geen geldig e-mailadres: het bevat een onzichtbaar of gelijkend teken (${label}).`,
      },
    ]);
  }
  return email;
}

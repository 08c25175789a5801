// An email address a request names (an admin invite, a sign-up, an erasure): trimmed and
// lower-case, or the one `invalid_email` validation failure (400) that quotes it as sent.
import { validationFailed } from '../errors.ts';
import { isEmail } from '../customers/customer-input.ts';

/** The address trimmed and lower-case; throws validation_failed (invalid_email on `email`) if it is none. */
export function checkedEmail(rawEmail: string): string {
  const email = rawEmail.trim().toLowerCase();
  if (!isEmail(email)) {
    throw validationFailed([
      {
        code: 'invalid_email',
        field: 'email',
        description: `"${rawEmail}" is not a valid email address.`,
        descriptionNl: `"${rawEmail}" is geen geldig e-mailadres.`,
      },
    ]);
  }
  return email;
}

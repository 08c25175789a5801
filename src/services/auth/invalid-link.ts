// The one answer to an emailed link (invite, reset, sign-up verification) that cannot be used:
// it does not say whether the link never existed, was used or has expired.
import { validationFailed } from '../../domain/errors.ts';

export function invalidLink(): Error {
  return validationFailed(
    [
      {
        code: 'invalid_token',
        field: 'token',
        description: 'The link is not valid, already used or expired.',
        descriptionNl: 'De link is ongeldig, al gebruikt of verlopen.',
      },
    ],
    {
      en: 'The link is not valid, already used or expired.',
      nl: 'De link is ongeldig, al gebruikt of verlopen.',
    },
  );
}

// Optimistic concurrency of admin edits (ADR 0092): a write may name the versions of the record it
// was prepared from (the admin API's If-Match). The caller compares under the record's row lock,
// inside the write's transaction, so no other write can slip in between the check and the write.
import { AppError } from '../../domain/errors.ts';

/**
 * The versions an edit accepts: undefined accepts any (no If-Match, or `If-Match: *`); an empty
 * list accepts none (an If-Match naming no version of ours).
 */
export type ExpectedVersions = readonly number[] | undefined;

export type EditedRecord = 'customer' | 'user' | 'location' | 'settings';

const TEXT: Record<EditedRecord, { en: string; nl: string }> = {
  customer: {
    en: 'The customer was changed by someone else since you loaded it.',
    nl: 'De klant is door iemand anders gewijzigd sinds u deze hebt geladen.',
  },
  user: {
    en: 'The user was changed by someone else since you loaded it.',
    nl: 'De gebruiker is door iemand anders gewijzigd sinds u deze hebt geladen.',
  },
  location: {
    en: 'The location was changed by someone else since you loaded it.',
    nl: 'De locatie is door iemand anders gewijzigd sinds u deze hebt geladen.',
  },
  // The settings are columns of the customer's row and share its version: any change of the
  // customer makes a settings ETag stale (ADR 0092, Update).
  settings: {
    en: 'The customer or its settings were changed by someone else since you loaded them.',
    nl: 'De klant of de instellingen ervan zijn door iemand anders gewijzigd sinds u ze hebt geladen.',
  },
};

export const PRECONDITION_FAILED = 'precondition_failed';

export function versionChangedError(record: EditedRecord): AppError {
  return new AppError('precondition_failed', TEXT[record], [
    {
      code: PRECONDITION_FAILED,
      description: 'If-Match does not name the current version: read the record again (GET), then retry.',
      descriptionNl:
        'If-Match noemt niet de huidige versie: lees de gegevens opnieuw (GET) en probeer het daarna opnieuw.',
    },
  ]);
}

/** Throws the 412 when the record's current version is not one the edit accepts. */
export function assertExpectedVersion(
  expected: ExpectedVersions,
  current: number,
  record: EditedRecord,
): void {
  if (expected !== undefined && !expected.includes(current)) throw versionChangedError(record);
}

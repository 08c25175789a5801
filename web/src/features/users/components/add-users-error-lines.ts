import type { TFunction } from 'i18next';
import { apiFieldLabel } from '../../../lib/api-field-label.ts';
import type { BatchResult } from '../api/add-users.ts';
import type { ProvisioningError } from '../api/user-types.ts';
import { resultFailed } from './failed-rows.ts';

/**
 * One reason a user was not added as the admin reads it: the column and the reason (SPEC §6), "Not
 * added, Extension: …", the column by its header in the current language from the API's `field`, as
 * a warning on the same step names its column. A reason without a field is "Not added: …". The
 * reason stays in the server's words (the language of the request).
 */
export function addUsersErrorLine(error: ProvisioningError, t: TFunction): string {
  const field = apiFieldLabel(error.field, t);
  return field
    ? t('addUsers.notAddedOnField', { field, reason: error.description })
    : t('addUsers.notAddedBecause', { reason: error.description });
}

/** Why a user was not added, a reason a line (addUsersErrorLine); none for a user added. */
export function addUsersErrorLines(result: BatchResult | undefined, t: TFunction): string[] {
  if (!result || !resultFailed(result)) return [];
  return (result.errors ?? [])
    .filter((error) => error.description)
    .map((error) => addUsersErrorLine(error, t));
}

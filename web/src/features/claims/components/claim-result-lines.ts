import type { TFunction } from 'i18next';
import { apiFieldLabel } from '../../../lib/api-field-label.ts';
import { warningLine } from '../../../lib/warning-line.ts';
import type { ClaimedAccount } from '../api/claims.ts';

/**
 * What the claim page says of one account, a line each: "Claimed" and each warning, or why it was
 * not claimed. Every message names the column it is about (SPEC §6), from the API's `field`, by its
 * header in the current language: "Warning, Preferred Webex Site: …", "Not claimed, User ID/Email:
 * …". A known warning is worded by the app, so it follows a language switch after the claim;
 * `claimedPackage` (the package the claim asked for, if any) names the package when the answer
 * does not.
 */
export function claimResultLines(
  account: ClaimedAccount,
  claimedPackage: string | null,
  t: TFunction,
): string[] {
  if (account.result === 'failed') {
    return (account.errors ?? [])
      .filter((error) => error.description)
      .map((error) => {
        const field = apiFieldLabel(error.field, t);
        return field
          ? t('claims.notClaimedOnField', { field, reason: error.description })
          : t('claims.notClaimedBecause', { reason: error.description });
      });
  }
  return [
    t('claims.claimed'),
    ...(account.warnings ?? []).map((warning) => warningLine(warning, claimedPackage ?? '', t)),
  ];
}

import type { TFunction } from 'i18next';
import { tKey } from '../i18n/t-key.ts';

/**
 * An error or warning detail as the admin API answers it (`errors[]`, `warnings[]`): the users and
 * the claims features both show them.
 */
export interface ProvisioningError {
  code: string;
  description: string;
  remedy?: string;
  /** On warnings: the values the description names, e.g. `{ value, number }` (phone_plus_restored). */
  params?: Record<string, string | number>;
  /** On warnings and errors: the request property it is about, e.g. `callerIdNumber`. */
  field?: string;
}

/**
 * A user's half-way licence failures (SPEC §5, src/domain/provisioning/licence-change.ts): the
 * server stores them with the public API's fixed English texts, whatever language the admin reads,
 * so the app words them by their code. In another language the public text follows in brackets:
 * the help text quotes it ("If one of these errors appears…"), and so do the public API's answers.
 */
const TEXT_BY_CODE: Readonly<Record<string, string>> = {
  license_update_failed: tKey('provisioningErrors.licenseUpdateFailed'),
  license_change_not_revertible: tKey('provisioningErrors.licenseChangeNotRevertible'),
};

/**
 * A customer's provisioning errors (src/services/provisioning/customer-provisioning.ts): the admin
 * API words them in the request's language (Accept-Language) with what they name (the location, the
 * package, the admin's email), so their description is shown as answered.
 */
const WORDED_BY_SERVER: ReadonlySet<string> = new Set([
  'provisioning_failed',
  'location_failed',
  'admin_invite_failed',
]);

/**
 * One provisioning error in the language shown. The product's own errors read in that language; a
 * code the product does not produce carries another system's words, which the app cannot translate:
 * they are shown as given, labelled as the provisioning system's, so a Dutch reader knows why they
 * are not in Dutch.
 */
export function provisioningErrorText(
  error: Pick<ProvisioningError, 'code' | 'description'>,
  t: TFunction,
): string {
  const key = TEXT_BY_CODE[error.code];
  if (key) {
    const text = t(key);
    return error.description && error.description !== text
      ? t('provisioningErrors.withPublicText', { text, publicText: error.description })
      : text;
  }
  if (WORDED_BY_SERVER.has(error.code) && error.description) return error.description;
  return t('provisioningErrors.systemMessage', { message: error.description || error.code });
}

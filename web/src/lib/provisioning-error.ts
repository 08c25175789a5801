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

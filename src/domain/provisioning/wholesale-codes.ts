// Numeric codes and texts of the Wholesale API's `{errorCode, description}` errors (SPEC §7). The
// public description publishes only a few (10022 with the existing-user text, infoCode 100 for a
// passed precheck); the rest are ours, one stable number per internal code, listed here once so
// the API, the tests and the docs agree. Texts the public API uses stay exactly as published.
import { ADD_ONS } from '../packages/catalog.ts';

export const PRECHECK_SUCCESS = {
  message: 'success',
  info: [{ infoCode: 100, description: 'Provisioning preCheck validation successful.' }],
} as const;

/** SPEC §5: the only text an email of another customer produces; it names no organization. */
export const EMAIL_TAKEN_TEXT = 'The email is already associated with an existing user.';

/** SPEC §5: the two half-way licence-change failures, and the remedy the help text gives. */
export const LICENSE_CHANGE_NOT_REVERTIBLE_TEXT =
  'Cannot update user attributes. License change cannot be reverted.';
export const LICENSE_UPDATE_FAILED_TEXT = 'Cannot update user license.';
export const REPAIR_REMEDY_TEXT = 'Unassign the package from the user, then assign it again.';

/** The add-on's packages as the catalog lists them: "webex_calling, webex_suite or cx_essentials". */
function attendantConsoleHosts(): string {
  const hosts = ADD_ONS.attendant_console.allowedWith;
  return hosts.length < 2 ? hosts.join('') : `${hosts.slice(0, -1).join(', ')} or ${hosts.at(-1)}`;
}

export interface WholesaleCode {
  readonly errorCode: number;
  readonly description: string;
}

export const WHOLESALE_CODES = {
  invalid_request: { errorCode: 10001, description: 'The request is invalid.' },
  customer_not_found: { errorCode: 10002, description: 'Customer not found.' },
  subscriber_not_found: { errorCode: 10003, description: 'Subscriber not found.' },
  package_not_supported: { errorCode: 10004, description: 'This package is not supported.' },
  package_not_sold: { errorCode: 10005, description: 'The customer was not sold this package.' },
  package_limit_reached: { errorCode: 10006, description: 'The package limit of the customer is reached.' },
  forbidden_change: {
    errorCode: 10007,
    description: 'A professional calling package cannot be changed to Webex Calling Standard.',
  },
  admin_downgrade: {
    errorCode: 10008,
    description: 'A customer full admin cannot be moved to a lower package or lose their package.',
  },
  add_on_not_allowed: {
    errorCode: 10009,
    description: `attendant_console is only available with ${attendantConsoleHosts()}.`,
  },
  number_or_extension_required: {
    errorCode: 10010,
    description: 'This package needs a phone number or an extension.',
  },
  location_required: { errorCode: 10011, description: 'This package needs a location.' },
  location_not_found: { errorCode: 10012, description: 'Location not found.' },
  number_unavailable: {
    errorCode: 10013,
    description: "The phone number is not free in the location's inventory.",
  },
  extension_taken: { errorCode: 10014, description: 'The extension is already in use in this customer.' },
  external_id_taken: { errorCode: 10015, description: 'A customer with this externalId already exists.' },
  first_location_required: {
    errorCode: 10016,
    description: 'provisioningParameters.calling.location is required when a calling package is sold.',
  },
  customer_busy: {
    errorCode: 10017,
    description: 'The customer is being provisioned, updated or deleted; retry later.',
  },
  package_in_use: {
    errorCode: 10018,
    description: 'A package that users still hold cannot be removed from the customer.',
  },
  not_pending_user_migration: {
    errorCode: 10019,
    description: 'The subscriber is not in pending_user_migration state.',
  },
  rate_limited: { errorCode: 10020, description: 'Too many requests; retry later.' },
  invalid_extension: {
    errorCode: 10021,
    description: 'The extension does not have the length of this customer.',
  },
  email_taken: { errorCode: 10022, description: EMAIL_TAKEN_TEXT },
  invalid_phone_number: { errorCode: 10023, description: 'The phone number is not valid.' },
  customer_exists_for_org: {
    errorCode: 10024,
    description: 'Existing organizations cannot be onboarded here: omit orgId and give customerInfo.',
  },
  customer_info_required: {
    errorCode: 10025,
    description: 'customerInfo with name and primaryEmail is required for a new customer.',
  },
  subscriber_pending_user_migration: {
    errorCode: 10026,
    description: 'The subscriber is waiting for the consent to move their account (pending_user_migration).',
  },
  // The generic answers by HTTP status, worded like the public description's status texts.
  not_found: {
    errorCode: 10027,
    description: 'The URI requested is invalid or the resource requested does not exist.',
  },
  method_not_allowed: {
    errorCode: 10028,
    description: 'The request was made to a resource using an HTTP request method that is not supported.',
  },
  unauthenticated: { errorCode: 10029, description: 'Authentication credentials were missing or incorrect.' },
  license_change_not_revertible: { errorCode: 10030, description: LICENSE_CHANGE_NOT_REVERTIBLE_TEXT },
  license_update_failed: { errorCode: 10031, description: LICENSE_UPDATE_FAILED_TEXT },
  provisioning_failed: { errorCode: 10032, description: 'Provisioning failed; retry later.' },
  admin_invite_failed: { errorCode: 10033, description: 'The customer full admin could not be invited.' },
  location_failed: { errorCode: 10034, description: 'The first location could not be created.' },
  forbidden: {
    errorCode: 10035,
    description: 'The request is understood, but it has been refused or access is not allowed.',
  },
  conflict: {
    errorCode: 10036,
    description:
      'The request could not be processed because it conflicts with some established rule of the system.',
  },
  unsupported_media_type: {
    errorCode: 10037,
    description:
      'The request was made to a resource without specifying a media type or used a media type that is not supported.',
  },
  payload_too_large: { errorCode: 10038, description: 'The request body is larger than allowed.' },
  service_unavailable: {
    errorCode: 10039,
    description: 'Server is overloaded with requests. Try again later.',
  },
  not_implemented: { errorCode: 10050, description: 'This operation is not available in Wholesale Hub.' },
  internal_error: { errorCode: 10099, description: 'Something went wrong on the server.' },
} as const satisfies Record<string, WholesaleCode>;

export type WholesaleCodeName = keyof typeof WHOLESALE_CODES;

/**
 * Codes whose text is fixed (the public description's 10022, SPEC §5's licence texts): an error
 * with one of these codes always answers this text, whatever wording the failing service used,
 * so a number never travels with another number's text.
 */
export const FIXED_TEXT_CODES: ReadonlySet<WholesaleCodeName> = new Set<WholesaleCodeName>([
  'email_taken',
  'license_change_not_revertible',
  'license_update_failed',
]);

export function isWholesaleCodeName(code: string): code is WholesaleCodeName {
  return Object.hasOwn(WHOLESALE_CODES, code);
}

/**
 * Our `{code, description}` (admin API, stored provisioning errors) → the public
 * `{errorCode, description}`. The stored description wins: it may carry detail (which package,
 * which step); an unknown code keeps its text under the generic provisioning number.
 */
export function toPublicError(error: { code: string; description: string }): WholesaleCode {
  const known = isWholesaleCodeName(error.code) ? WHOLESALE_CODES[error.code] : null;
  return {
    errorCode: known?.errorCode ?? WHOLESALE_CODES.provisioning_failed.errorCode,
    description: error.description || known?.description || WHOLESALE_CODES.provisioning_failed.description,
  };
}

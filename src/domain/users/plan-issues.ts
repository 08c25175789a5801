// Typed row issues: a stable code, the column it concerns (a user-column key) and parameters.
// Texts live in src/domain/messages; callers add the row number.
import type { AddOnId, PackageId, SellableId } from '../packages/catalog.ts';

export type RowErrorCode =
  | 'invalid_boolean'
  | 'email_required'
  | 'invalid_email'
  | 'duplicate_email_in_file'
  | 'email_taken_elsewhere'
  | 'email_checks_rate_limited'
  | 'multiple_packages'
  | 'package_required'
  | 'package_not_sold'
  | 'package_limit_reached'
  | 'forbidden_change'
  | 'admin_downgrade'
  | 'only_full_admin_removal'
  | 'add_on_not_allowed'
  | 'number_or_extension_required'
  | 'location_required'
  | 'unknown_location'
  | 'invalid_phone_number'
  | 'phone_number_needs_location'
  | 'number_not_in_location'
  | 'number_taken'
  | 'remove_number_not_held'
  | 'invalid_extension'
  | 'extension_wrong_length'
  | 'extension_taken'
  | 'jabber_required'
  | 'directory_sync_read_only'
  | 'directory_users_only'
  | 'invalid_time_zone'
  | 'invalid_preferred_language'
  | 'value_too_long'
  | 'forbidden_character'
  | 'other_separator';

export type RowWarningCode =
  | 'preferred_site_missing'
  | 'add_on_dropped'
  | 'phone_plus_restored'
  | 'unknown_user_nothing_assigned'
  | 'calling_fields_ignored';

export type IssueParams = Readonly<Record<string, string | number>>;

export interface RowIssue<Code extends string = RowErrorCode | RowWarningCode> {
  readonly code: Code;
  /** User-column key (see csv/user-columns.ts) the issue is about, when there is one. */
  readonly column?: string;
  readonly params?: IssueParams;
}

export type RowError = RowIssue<RowErrorCode>;
export type RowWarning = RowIssue<RowWarningCode>;

export type { AddOnId, PackageId, SellableId };

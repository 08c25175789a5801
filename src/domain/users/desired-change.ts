// What a channel (CSV row, single/batch API, package change, SCIM) asks for, before any rule is
// applied. `undefined` means "leave alone"; only the CSV channel knows blank cells, and it maps
// them to `undefined` before calling the planner.
import type { AddOnId, BasicLicence, PackageId } from '../packages/catalog.ts';
import type { TextField } from './user-fields.ts';

export interface DesiredUserChange {
  readonly email: string;
  /** A value sets the field; `null` clears it (the API's PATCH; a CSV cell cannot). */
  readonly text: Partial<Record<TextField, string | null>>;
  readonly extension?: string;
  /** As given: E.164 or national format; normalized with the location's country. */
  readonly phoneNumber?: string;
  /** `REMOVE|<number>`: remove this number from the user (it must be theirs). */
  readonly removePhoneNumber?: string;
  /** A value sets it; `null` clears it (the API's PATCH; a blank CSV cell changes nothing). */
  readonly callerIdNumber?: string | null;
  /** Location name (matched case-insensitively after trimming). */
  readonly location?: string;
  readonly jabberWithTeams?: boolean;
  readonly jabberCalling?: boolean;
  readonly packages: Partial<Record<PackageId, boolean>>;
  readonly addOns: Partial<Record<AddOnId, boolean>>;
  readonly basicLicences: Partial<Record<BasicLicence, boolean>>;
}

export type ImportBehaviour = 'add-only' | 'add-remove';

export type Channel = 'csv' | 'api' | 'scim';

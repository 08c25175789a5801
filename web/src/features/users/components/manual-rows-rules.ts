import { needsNumberAndLocation } from '../../../lib/package-catalog.ts';
import { maxUsersPerSubmission } from '../api/add-users.ts';
import type { NewUser } from '../api/add-users.ts';
import { callingFieldErrors } from './calling-fields-rules.ts';
import { allowsAttendantConsole } from './package-choices.ts';

export interface ManualRow {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  package: string | null;
  locationId: string | null;
  extension: string;
  phoneNumber: string;
  /** The Attendant Console add-on; sent only next to a package that allows it (SPEC §3). */
  attendantConsole?: boolean;
}

let rowCounter = 0;

export function emptyRow(): ManualRow {
  rowCounter += 1;
  return {
    key: `row-${rowCounter}`,
    firstName: '',
    lastName: '',
    email: '',
    package: null,
    locationId: null,
    extension: '',
    phoneNumber: '',
  };
}

export function canAddRow(rows: readonly ManualRow[]): boolean {
  return rows.length < maxUsersPerSubmission;
}

const emailPattern = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

/**
 * Inline validation of the manual-add rows: translation keys per row and field. `extensionLength`
 * is the customer's setting (null while unknown), see callingFieldErrors.
 */
export function manualRowErrors(
  rows: readonly ManualRow[],
  extensionLength: number | null = null,
): Record<string, string>[] {
  const seen = new Map<string, number>();
  return rows.map((row, index) => {
    const errors: Record<string, string> = {};
    if (!row.firstName.trim()) errors.firstName = 'validation.required';
    if (!row.lastName.trim()) errors.lastName = 'validation.required';
    const email = row.email.trim().toLowerCase();
    if (!emailPattern.test(email)) errors.email = 'validation.email';
    else if (seen.has(email)) errors.email = 'validation.duplicateEmail';
    else seen.set(email, index);
    if (!row.package) errors.package = 'validation.required';
    Object.assign(errors, callingFieldErrors(row.package, row, extensionLength));
    return errors;
  });
}

export function hasErrors(errors: readonly Record<string, string>[]): boolean {
  return errors.some((entry) => Object.keys(entry).length > 0);
}

export function toNewUsers(rows: readonly ManualRow[]): NewUser[] {
  return rows.map((row) => {
    const user: NewUser = {
      firstName: row.firstName.trim(),
      lastName: row.lastName.trim(),
      email: row.email.trim(),
      package: row.package ?? '',
    };
    if (row.attendantConsole && allowsAttendantConsole(row.package)) user.attendantConsole = true;
    if (needsNumberAndLocation(row.package) && row.locationId) {
      user.location = row.locationId;
      if (row.extension.trim()) user.extension = row.extension.trim();
      if (row.phoneNumber.trim()) user.phoneNumber = row.phoneNumber.trim();
    }
    return user;
  });
}

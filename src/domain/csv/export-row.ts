// One user as an export row in SPEC §6 column order. Only stored values are written (no derived
// defaults), free text is neutralized against formula injection, validated E.164 numbers are not.
import { PACKAGE_IDS } from '../packages/catalog.ts';
import { isValidE164 } from '../phone/normalize-phone.ts';
import type { UserState } from '../users/user-state.ts';
import { neutralizeCell, unescapeFormulaCell } from './parse-cell.ts';
import { USER_COLUMNS } from './user-columns.ts';

export interface ExportExtras {
  readonly locationName: string | null;
  /** `Active` or `Suspended` (SPEC §5); read-only on import. */
  readonly userStatus: string | null;
}

export const EXPORT_HEADERS: readonly string[] = USER_COLUMNS.map((column) => column.english);

const bool = (value: boolean): string => (value ? 'TRUE' : 'FALSE');

export function userToExportRow(user: UserState, extras: ExportExtras): string[] {
  return USER_COLUMNS.map((column) => {
    const spec = column.spec;
    switch (spec.kind) {
      case 'email':
        return neutralizeCell(user.email);
      case 'text':
        return neutralizeCell(user[spec.field] ?? '');
      case 'readOnly':
        return column.key === 'userStatus' ? (extras.userStatus ?? '') : '';
      case 'extension':
        // Stored extensions are digits; neutralized anyway, as import reads the cell back the same.
        return neutralizeCell(user.extension ?? '');
      case 'phoneNumber':
        return user.phoneNumber ? neutralizeCell(user.phoneNumber, isValidE164(user.phoneNumber)) : '';
      case 'callerIdNumber':
        return user.callerIdNumber
          ? neutralizeCell(user.callerIdNumber, isValidE164(user.callerIdNumber))
          : '';
      case 'location':
        return neutralizeCell(extras.locationName ?? '');
      case 'jabber':
        return bool(user[spec.field]);
      case 'basicLicence':
        return bool(user.basicLicences[spec.licence]);
      case 'package':
        return bool(user.packageId === spec.packageId);
      case 'addOn':
        return bool(user.addOns[spec.addOn]);
    }
  });
}

/**
 * A cell of an upload written back out (the import error report, SPEC §6), neutralized as export
 * neutralizes a stored value: the value import reads from the cell (one `'` before a formula
 * character stripped) gets export's `'` again. So a cell starting with `=`, `+`, `-` or `@`, also
 * after leading whitespace or control characters (`\t=…`, `\r@…`), gains a `'`, one already neutralized (`'=x`) stays as uploaded, a valid E.164 number stays as it is,
 * and the report uploaded again reads each cell exactly as the first upload did.
 */
export function neutralizeUploadedCell(cell: string): string {
  const value = unescapeFormulaCell(cell);
  return neutralizeCell(value, value.startsWith('+') && isValidE164(value));
}

/** The template: headers plus one example row (SPEC issue 3). */
export const TEMPLATE_EXAMPLE: Readonly<Record<string, string>> = {
  firstName: 'Anna',
  lastName: 'de Vries',
  displayName: 'Anna de Vries',
  email: 'anna@example.com',
  extension: '1001',
  phoneNumber: '+31201234501',
  location: 'Amsterdam HQ',
  jabberWithTeams: 'FALSE',
  jabberCalling: 'TRUE',
  preferredWebexSite: 'example.webex.com',
  basic_messaging: 'TRUE',
  basic_space_meetings: 'TRUE',
  calling_from_webex: 'TRUE',
  ...Object.fromEntries(PACKAGE_IDS.map((id) => [id, id === 'webex_calling' ? 'TRUE' : 'FALSE'])),
  attendant_console: 'FALSE',
};

export function templateExampleRow(): string[] {
  return USER_COLUMNS.map((column) => TEMPLATE_EXAMPLE[column.key] ?? '');
}

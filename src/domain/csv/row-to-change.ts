// Turns one CSV record into the planner's channel-neutral DesiredUserChange. Blank cells and absent
// columns both mean "no change"; cells that cannot be read become row errors naming the column.
import type { AddOnId, BasicLicence, PackageId } from '../packages/catalog.ts';
import type { DesiredUserChange } from '../users/desired-change.ts';
import type { RowError } from '../users/plan-issues.ts';
import { normalizeEmail } from '../users/is-valid-email.ts';
import type { TextField } from '../users/user-fields.ts';
import type { MappedColumn } from './map-header.ts';
import { parseBooleanCell, parsePhoneCell, unescapeFormulaCell } from './parse-cell.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface RowChange {
  readonly change: DesiredUserChange;
  readonly cellErrors: readonly RowError[];
}

/** A boolean cell; an unreadable one adds a row error and reads as "no change". */
function readBoolean(raw: string, column: string, cellErrors: RowError[]): boolean | undefined {
  const parsed = parseBooleanCell(raw);
  if (!parsed.ok) {
    cellErrors.push({ code: 'invalid_boolean', column, params: { value: raw.trim() } });
    return undefined;
  }
  return parsed.value ?? undefined;
}

/** The column rowToChange reads the email from (the last one mapped to it), or -1. */
export function emailColumnIndex(columns: readonly MappedColumn[]): number {
  return columns.findLast(({ column }) => column.spec.kind === 'email')?.index ?? -1;
}

/** A row's normalized email from its cell, as rowToChange and the planner read it. */
export function readEmailCell(raw: string | undefined): string {
  return normalizeEmail(unescapeFormulaCell(raw ?? ''));
}

/** The columns a batch's lookups read (SPEC §6 refuses a file with two of one), -1 when absent. */
export interface LookupColumns {
  readonly email: number;
  readonly phoneNumber: number;
  readonly extension: number;
}

export function lookupColumns(columns: readonly MappedColumn[]): LookupColumns {
  const indexOf = (kind: string) => columns.find(({ column }) => column.spec.kind === kind)?.index ?? -1;
  return {
    email: emailColumnIndex(columns),
    phoneNumber: indexOf('phoneNumber'),
    extension: indexOf('extension'),
  };
}

/** The number a phone cell sets, as rowToChange reads it (not a `REMOVE|` one); else undefined. */
export function readPhoneCell(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const phone = parsePhoneCell(raw);
  return phone.kind === 'set' ? phone.value : undefined;
}

/** The extension a cell sets, as rowToChange reads it; else undefined. */
export function readExtensionCell(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = unescapeFormulaCell(raw).trim();
  return value === '' ? undefined : value;
}

export function rowToChange(columns: readonly MappedColumn[], cells: readonly string[]): RowChange {
  const cellErrors: RowError[] = [];
  const text: Partial<Record<TextField, string>> = {};
  const packages: Partial<Record<PackageId, boolean>> = {};
  const addOns: Partial<Record<AddOnId, boolean>> = {};
  const basicLicences: Partial<Record<BasicLicence, boolean>> = {};
  let email = '';
  let extension: string | undefined;
  let phoneNumber: string | undefined;
  let removePhoneNumber: string | undefined;
  let callerIdNumber: string | undefined;
  let location: string | undefined;
  let jabberWithTeams: boolean | undefined;
  let jabberCalling: boolean | undefined;

  for (const { index, column } of columns) {
    const raw = cells[index] ?? '';
    const spec = column.spec;
    // Boolean and phone cells read the raw cell themselves: no copy of it for them.
    const value =
      spec.kind === 'jabber' ||
      spec.kind === 'basicLicence' ||
      spec.kind === 'package' ||
      spec.kind === 'addOn' ||
      spec.kind === 'phoneNumber'
        ? ''
        : unescapeFormulaCell(raw).trim();
    switch (spec.kind) {
      case 'email':
        email = value;
        break;
      case 'readOnly':
        break;
      case 'text':
        if (value !== '') text[spec.field] = value;
        break;
      case 'extension':
        if (value !== '') extension = value;
        break;
      case 'phoneNumber': {
        const phone = parsePhoneCell(raw);
        if (phone.kind === 'set') phoneNumber = phone.value;
        else if (phone.kind === 'remove') removePhoneNumber = phone.value;
        break;
      }
      case 'callerIdNumber':
        if (value !== '') callerIdNumber = value;
        break;
      case 'location':
        if (value !== '') location = value;
        break;
      case 'jabber': {
        const parsed = readBoolean(raw, column.key, cellErrors);
        if (spec.field === 'jabberWithTeams') jabberWithTeams = parsed;
        else jabberCalling = parsed;
        break;
      }
      case 'basicLicence': {
        const parsed = readBoolean(raw, column.key, cellErrors);
        if (parsed !== undefined) basicLicences[spec.licence] = parsed;
        break;
      }
      case 'package': {
        const parsed = readBoolean(raw, column.key, cellErrors);
        if (parsed !== undefined) packages[spec.packageId] = parsed;
        break;
      }
      case 'addOn': {
        const parsed = readBoolean(raw, column.key, cellErrors);
        if (parsed !== undefined) addOns[spec.addOn] = parsed;
        break;
      }
    }
  }

  // Only the fields the row gives are set (no key with `undefined`), without a spread per field.
  const change: Mutable<DesiredUserChange> = { email, text, packages, addOns, basicLicences };
  if (extension !== undefined) change.extension = extension;
  if (phoneNumber !== undefined) change.phoneNumber = phoneNumber;
  if (removePhoneNumber !== undefined) change.removePhoneNumber = removePhoneNumber;
  if (callerIdNumber !== undefined) change.callerIdNumber = callerIdNumber;
  if (location !== undefined) change.location = location;
  if (jabberWithTeams !== undefined) change.jabberWithTeams = jabberWithTeams;
  if (jabberCalling !== undefined) change.jabberCalling = jabberCalling;
  return { change, cellErrors };
}

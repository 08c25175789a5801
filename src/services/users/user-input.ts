// Maps the API's user fields onto the planner's channel-neutral DesiredUserChange.
import {
  ADD_ON_IDS,
  SELLABLE_IDS,
  type BasicLicence,
  type PackageId,
} from '../../domain/packages/catalog.ts';
import type { DesiredUserChange, ImportBehaviour } from '../../domain/users/desired-change.ts';
import type { TextField } from '../../domain/users/user-fields.ts';

export interface UserFieldsInput {
  readonly firstName?: string | undefined;
  readonly lastName?: string | undefined;
  /** `null` clears the field (the optional profile fields below). */
  readonly displayName?: string | null | undefined;
  readonly title?: string | null | undefined;
  readonly department?: string | null | undefined;
  readonly manager?: string | null | undefined;
  readonly preferredWebexSite?: string | null | undefined;
  readonly preferredLanguage?: string | null | undefined;
  readonly timeZone?: string | null | undefined;
  readonly callerIdFirstName?: string | null | undefined;
  readonly callerIdLastName?: string | null | undefined;
  /** `null` clears it (the API only: a blank CSV cell changes nothing). */
  readonly callerIdNumber?: string | null | undefined;
  readonly package?: PackageId | undefined;
  readonly attendantConsole?: boolean | undefined;
  /** Location id or name. */
  readonly location?: string | undefined;
  readonly extension?: string | undefined;
  readonly phoneNumber?: string | undefined;
  readonly jabberCalling?: boolean | undefined;
  readonly jabberWithWebexTeams?: boolean | undefined;
  /** PATCH only: true assigns, false removes, left out: no change. */
  readonly basicLicences?: BasicLicencesInput | undefined;
}

export interface BasicLicencesInput {
  readonly basicMessaging?: boolean | undefined;
  readonly basicSpaceMeetings?: boolean | undefined;
  readonly callingFromWebex?: boolean | undefined;
}

const BASIC_LICENCE_INPUTS: ReadonlyArray<readonly [keyof BasicLicencesInput, BasicLicence]> = [
  ['basicMessaging', 'basic_messaging'],
  ['basicSpaceMeetings', 'basic_space_meetings'],
  ['callingFromWebex', 'calling_from_webex'],
];

const TEXT_INPUTS: readonly TextField[] = [
  'firstName',
  'lastName',
  'displayName',
  'title',
  'department',
  'manager',
  'preferredWebexSite',
  'preferredLanguage',
  'timeZone',
  'callerIdFirstName',
  'callerIdLastName',
];

/**
 * The request property a planner issue is about. The planner names CSV column keys (user-columns.ts):
 * a package's own id, `attendant_console`, `jabberWithTeams`, `basic_messaging`; an API error's
 * `field` names what the client sent instead (`package`, `attendantConsole`, …). The package id
 * stays in the description.
 */
export function apiFieldOf(column: string): string {
  if ((SELLABLE_IDS as readonly string[]).includes(column))
    return (ADD_ON_IDS as readonly string[]).includes(column) ? 'attendantConsole' : 'package';
  if (column === 'jabberWithTeams') return 'jabberWithWebexTeams';
  const basic = BASIC_LICENCE_INPUTS.find(([, licence]) => licence === column);
  if (basic) return `basicLicences.${basic[0]}`;
  return column;
}

/** A warning or error detail with its planner column as the request property (apiFieldOf). */
export function withApiField<T extends { readonly field?: string | undefined }>(detail: T): T {
  return detail.field === undefined ? detail : { ...detail, field: apiFieldOf(detail.field) };
}

/** `locationName` resolves a location id to its name: the planner matches locations by name. */
export function toDesiredChange(
  email: string,
  input: UserFieldsInput,
  locationName: (ref: string) => string,
): DesiredUserChange {
  const text: Partial<Record<TextField, string | null>> = {};
  for (const field of TEXT_INPUTS) {
    const value = input[field];
    if (value !== undefined) text[field] = value;
  }
  const basicLicences: Partial<Record<BasicLicence, boolean>> = {};
  for (const [key, licence] of BASIC_LICENCE_INPUTS) {
    const wanted = input.basicLicences?.[key];
    if (wanted !== undefined) basicLicences[licence] = wanted;
  }
  return {
    email: email.trim().toLowerCase(),
    text,
    ...(input.extension !== undefined ? { extension: input.extension } : {}),
    ...(input.phoneNumber !== undefined ? { phoneNumber: input.phoneNumber } : {}),
    ...(input.callerIdNumber !== undefined ? { callerIdNumber: input.callerIdNumber } : {}),
    ...(input.location !== undefined ? { location: locationName(input.location) } : {}),
    ...(input.jabberCalling !== undefined ? { jabberCalling: input.jabberCalling } : {}),
    ...(input.jabberWithWebexTeams !== undefined ? { jabberWithTeams: input.jabberWithWebexTeams } : {}),
    packages: input.package ? { [input.package]: true } : {},
    addOns: input.attendantConsole !== undefined ? { attendant_console: input.attendantConsole } : {},
    basicLicences,
  };
}

/**
 * The planner's behaviour for an API change. An explicit `false` (add-on, basic licence) asks for
 * a removal, which only `add-remove` carries out; CSV's `add-only` ignores FALSE (SPEC §6), and an
 * API answering 200 while keeping what it was told to remove is a silent no-op. Without a `false`
 * the API keeps `add-only`, so a PATCH still gets the basic licences assigned automatically.
 * The API never sends `false` for a package, so `add-remove` cannot remove one here.
 */
export function apiBehaviour(change: DesiredUserChange): ImportBehaviour {
  const removes =
    Object.values(change.addOns).some((wanted) => wanted === false) ||
    Object.values(change.basicLicences).some((wanted) => wanted === false);
  return removes ? 'add-remove' : 'add-only';
}

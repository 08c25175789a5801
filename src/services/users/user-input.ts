// Maps the API's user fields onto the planner's channel-neutral DesiredUserChange.
import type { PackageId } from '../../domain/packages/catalog.ts';
import type { DesiredUserChange } from '../../domain/users/desired-change.ts';
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
  readonly callerIdNumber?: string | undefined;
  readonly package?: PackageId | undefined;
  readonly attendantConsole?: boolean | undefined;
  /** Location id or name. */
  readonly location?: string | undefined;
  readonly extension?: string | undefined;
  readonly phoneNumber?: string | undefined;
  readonly jabberCalling?: boolean | undefined;
  readonly jabberWithWebexTeams?: boolean | undefined;
}

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
    basicLicences: {},
  };
}

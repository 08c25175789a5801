// The channel-neutral shape of a user as the planner sees it. Stored values only: no derived
// defaults, so an export of this state re-imports as `unchanged` (SPEC §6).
import type { AddOnId, BasicLicence, PackageId } from '../packages/catalog.ts';
import type { TextField } from './user-fields.ts';

export type UserTextFields = Readonly<Record<TextField, string | null>>;

export interface UserState extends UserTextFields {
  /** Lower-case identity (SPEC §5). */
  readonly email: string;
  readonly extension: string | null;
  /** E.164. */
  readonly phoneNumber: string | null;
  readonly callerIdNumber: string | null;
  readonly locationId: string | null;
  readonly jabberWithTeams: boolean;
  readonly jabberCalling: boolean;
  readonly packageId: PackageId | null;
  readonly addOns: Readonly<Record<AddOnId, boolean>>;
  readonly basicLicences: Readonly<Record<BasicLicence, boolean>>;
}

export const EMPTY_TEXT_FIELDS: UserTextFields = {
  firstName: null,
  lastName: null,
  displayName: null,
  title: null,
  department: null,
  manager: null,
  callerIdFirstName: null,
  callerIdLastName: null,
  preferredLanguage: null,
  timeZone: null,
  preferredWebexSite: null,
};

export function emptyUser(email: string): UserState {
  // Written out (no spread) so every user object shares one fast V8 shape.
  return {
    firstName: null,
    lastName: null,
    displayName: null,
    title: null,
    department: null,
    manager: null,
    callerIdFirstName: null,
    callerIdLastName: null,
    preferredLanguage: null,
    timeZone: null,
    preferredWebexSite: null,
    email,
    extension: null,
    phoneNumber: null,
    callerIdNumber: null,
    locationId: null,
    jabberWithTeams: false,
    jabberCalling: false,
    packageId: null,
    addOns: { attendant_console: false },
    basicLicences: { basic_messaging: false, basic_space_meetings: false, calling_from_webex: false },
  };
}

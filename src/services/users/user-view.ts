// The user as the admin API, the CLI (`--json`) and the web app see it.
import type { ProvisioningError, UserRow, UserStatus } from '../../db/schema.ts';

export interface UserView {
  readonly id: string;
  readonly customerId: string;
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly displayName: string | null;
  readonly title: string | null;
  readonly department: string | null;
  readonly manager: string | null;
  readonly package: string | null;
  readonly attendantConsole: boolean;
  readonly basicLicences: { basicMessaging: boolean; basicSpaceMeetings: boolean; callingFromWebex: boolean };
  readonly jabberCalling: boolean | null;
  readonly jabberWithWebexTeams: boolean | null;
  readonly preferredWebexSite: string | null;
  readonly preferredLanguage: string | null;
  readonly timeZone: string | null;
  readonly locationId: string | null;
  readonly locationName: string | null;
  readonly extension: string | null;
  readonly phoneNumber: string | null;
  readonly callerIdNumber: string | null;
  readonly callerIdFirstName: string | null;
  readonly callerIdLastName: string | null;
  readonly status: UserStatus;
  readonly errors: ProvisioningError[];
  readonly suspended: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toUserView(row: UserRow, locationName: string | null): UserView {
  return {
    id: row.id,
    customerId: row.customer_id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    displayName: row.display_name,
    title: row.title,
    department: row.department,
    manager: row.manager,
    package: row.package,
    attendantConsole: row.attendant_console,
    basicLicences: {
      basicMessaging: row.basic_messaging,
      basicSpaceMeetings: row.basic_space_meetings,
      callingFromWebex: row.calling_from_webex,
    },
    jabberCalling: row.jabber_calling,
    jabberWithWebexTeams: row.jabber_webex_teams,
    preferredWebexSite: row.preferred_webex_site,
    preferredLanguage: row.preferred_language,
    timeZone: row.time_zone,
    locationId: row.location_id,
    locationName,
    extension: row.extension,
    phoneNumber: row.phone_number,
    callerIdNumber: row.caller_id_number,
    callerIdFirstName: row.caller_id_first_name,
    callerIdLastName: row.caller_id_last_name,
    status: row.status,
    errors: row.errors,
    suspended: row.suspended,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

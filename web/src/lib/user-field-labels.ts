// What admins call a user's fields: the CSV file's column headers (SPEC §6), in English or Dutch.
// Keys are the server's field names (`jabberCalling`, `package`, the basic licences' ids).
import { tKey } from '../i18n/t-key.ts';

export const USER_FIELD_LABELS: Readonly<Record<string, string>> = {
  firstName: tKey('userFields.firstName'),
  lastName: tKey('userFields.lastName'),
  displayName: tKey('userFields.displayName'),
  email: tKey('userFields.email'),
  extension: tKey('userFields.extension'),
  title: tKey('userFields.title'),
  department: tKey('userFields.department'),
  manager: tKey('userFields.manager'),
  phoneNumber: tKey('userFields.phoneNumber'),
  callerIdNumber: tKey('userFields.callerIdNumber'),
  callerIdFirstName: tKey('userFields.callerIdFirstName'),
  callerIdLastName: tKey('userFields.callerIdLastName'),
  location: tKey('userFields.location'),
  preferredLanguage: tKey('userFields.preferredLanguage'),
  timeZone: tKey('userFields.timeZone'),
  jabberWithTeams: tKey('userFields.jabberWithTeams'),
  jabberCalling: tKey('userFields.jabberCalling'),
  preferredWebexSite: tKey('userFields.preferredWebexSite'),
  basic_messaging: tKey('userFields.basic_messaging'),
  basic_space_meetings: tKey('userFields.basic_space_meetings'),
  calling_from_webex: tKey('userFields.calling_from_webex'),
  package: tKey('userFields.package'),
};

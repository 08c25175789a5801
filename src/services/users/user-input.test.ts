// An API error's field names the request property, not the planner's CSV column key.
import { describe, expect, it } from 'vitest';
import { apiFieldOf } from './user-input.ts';

describe('apiFieldOf', () => {
  it.each([
    ['webex_calling_standard', 'package'],
    ['cx_essentials', 'package'],
    ['webex_suite', 'package'],
    ['webex_meetings', 'package'],
    ['attendant_console', 'attendantConsole'],
    ['jabberWithTeams', 'jabberWithWebexTeams'],
    ['jabberCalling', 'jabberCalling'],
    ['basic_messaging', 'basicLicences.basicMessaging'],
    ['basic_space_meetings', 'basicLicences.basicSpaceMeetings'],
    ['calling_from_webex', 'basicLicences.callingFromWebex'],
    ['location', 'location'],
    ['extension', 'extension'],
    ['phoneNumber', 'phoneNumber'],
    ['preferredWebexSite', 'preferredWebexSite'],
    ['email', 'email'],
  ])('%s → %s', (column, field) => {
    expect(apiFieldOf(column)).toBe(field);
  });
});

// A warning or error of the admin API names its field as the request does (`field`:
// `callerIdNumber`, `attendantConsole`, `basicLicences.basicMessaging`); the admin reads it as the
// column the CSV file and the forms call it, in the language shown (SPEC §6's headers).
import { afterEach, describe, expect, it } from 'vitest';
import i18n from '../i18n/i18n.ts';
import { apiFieldLabel } from './api-field-label.ts';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('apiFieldLabel', () => {
  it.each([
    ['firstName', 'First Name', 'Voornaam'],
    ['lastName', 'Last Name', 'Achternaam'],
    ['displayName', 'Display Name', 'Weergavenaam'],
    ['email', 'User ID/Email', 'Gebruikers-ID/e-mail'],
    ['title', 'Title', 'Functie'],
    ['department', 'Department', 'Afdeling'],
    ['manager', 'Manager', 'Manager'],
    ['preferredWebexSite', 'Preferred Webex Site', 'Voorkeurssite voor Webex'],
    ['preferredLanguage', 'Preferred Language', 'Voorkeurstaal'],
    ['timeZone', 'Time zone', 'Tijdzone'],
    ['callerIdFirstName', 'Caller ID First Name', 'Voornaam beller-ID'],
    ['callerIdLastName', 'Caller ID Last Name', 'Achternaam beller-ID'],
    ['callerIdNumber', 'Caller ID Number', 'Nummer beller-ID'],
    ['phoneNumber', 'Phone Number', 'Telefoonnummer'],
    ['extension', 'Extension', 'Toestel'],
    ['location', 'Location', 'Locatie'],
    ['package', 'Package', 'Pakket'],
    ['attendantConsole', 'Attendant Console', 'Attendant Console'],
    ['jabberCalling', 'Jabber Calling', 'Jabber Calling'],
    ['jabberWithWebexTeams', 'Jabber with Webex Teams', 'Jabber met Webex Teams'],
    ['basicLicences.basicMessaging', 'Basic Messaging', 'Basisberichten'],
    ['basicLicences.basicSpaceMeetings', 'Basic Space Meetings', 'Basisruimtevergaderingen'],
    ['basicLicences.callingFromWebex', 'Calling from Webex', 'Bellen via Webex'],
    // A package's own column (the CSV's), should an answer name one.
    ['cx_essentials', 'Customer Assist', 'Klantassistentie'],
  ])('%s: %s, %s', (field, english, dutch) => {
    expect(apiFieldLabel(field, i18n.getFixedT('en'))).toBe(english);
    expect(apiFieldLabel(field, i18n.getFixedT('nl'))).toBe(dutch);
  });

  it('names a field the app has no label for as the API does, rather than not at all', () => {
    expect(apiFieldLabel('somethingNew', i18n.getFixedT('nl'))).toBe('somethingNew');
  });

  it('names nothing for no field', () => {
    expect(apiFieldLabel(undefined, i18n.getFixedT('en'))).toBeNull();
    expect(apiFieldLabel('', i18n.getFixedT('en'))).toBeNull();
  });
});

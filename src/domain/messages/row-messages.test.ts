import { describe, expect, it } from 'vitest';
import type { RowErrorCode, RowWarningCode } from '../users/plan-issues.ts';
import { toLocale } from './locale.ts';
import {
  EMAIL_TAKEN_TEXT,
  fileIssueMessage,
  issueText,
  rowIssueMessage,
  warningDetail,
} from './row-messages.ts';

describe('rowIssueMessage', () => {
  it.each([
    [
      { code: 'invalid_email', column: 'email', params: { value: 'x@y.nl', localPartLength: 70 } },
      5,
      'en',
      'Row 5, User ID/Email (Required): "x@y.nl" is not a valid email address: the part before the @ has 70 characters, at most 64 are allowed.',
    ],
    [
      { code: 'invalid_email', column: 'email', params: { value: 'x@y.nl', localPartLength: 70 } },
      5,
      'nl',
      'Rij 5, Gebruikers-ID/e-mail (verplicht): "x@y.nl" is geen geldig e-mailadres: het deel vóór de @ heeft 70 tekens, hoogstens 64 zijn toegestaan.',
    ],
    // A + restored on the Phone Number or the Caller ID Number: one text, the column tells which.
    [
      {
        code: 'phone_plus_restored',
        column: 'phoneNumber',
        params: { value: '31201234567', number: '+31201234567' },
      },
      2,
      'en',
      'Row 2, Phone Number: "31201234567" was read as +31201234567 (the leading + was missing).',
    ],
    [
      {
        code: 'phone_plus_restored',
        column: 'callerIdNumber',
        params: { value: '4930123456', number: '+4930123456' },
      },
      2,
      'en',
      'Row 2, Caller ID Number: "4930123456" was read as +4930123456 (the leading + was missing).',
    ],
    [
      {
        code: 'phone_plus_restored',
        column: 'callerIdNumber',
        params: { value: '4930123456', number: '+4930123456' },
      },
      2,
      'nl',
      'Rij 2, Nummer beller-ID: "4930123456" is gelezen als +4930123456 (de + aan het begin ontbrak).',
    ],
    [
      { code: 'other_separator', params: { separator: ';' } },
      3,
      'en',
      'Row 3: This row separates its values with ";", unlike the header row: save it with the file\'s separator.',
    ],
    [
      { code: 'other_separator', params: { separator: ';' } },
      3,
      'nl',
      'Rij 3: Deze rij gebruikt ";" als scheidingsteken, anders dan de kopregel: gebruik het scheidingsteken van het bestand.',
    ],
    [
      { code: 'calling_fields_ignored', params: { package: 'webex_meetings' } },
      4,
      'nl',
      'Rij 4: De kolommen Toestel, Telefoonnummer en Locatie worden genegeerd: Webex Meetings is geen belpakket.',
    ],
    [
      { code: 'calling_fields_ignored', params: { package: 'webex_meetings' } },
      4,
      'en',
      'Row 4: Extension, Phone Number and Location are ignored: Webex Meetings does not include calling.',
    ],
    [
      { code: 'package_required' },
      2,
      'nl',
      'Rij 2: Een nieuwe gebruiker heeft een pakket nodig (WAAR in één pakketkolom) en de klant heeft geen standaardpakketsjabloon.',
    ],
    [
      { code: 'email_checks_rate_limited', column: 'email', params: { limit: 30 } },
      5,
      'en',
      `Row 5, User ID/Email (Required): Not checked: the file names more than 30 email addresses a minute that belong to users of other organizations. Remove the rows reported with "${EMAIL_TAKEN_TEXT}" and import the file again.`,
    ],
    [
      { code: 'invalid_boolean', column: 'webex_meetings', params: { value: 'YES' } },
      7,
      'en',
      'Row 7, Webex Meetings: "YES" is not TRUE or FALSE.',
    ],
    [
      { code: 'invalid_boolean', column: 'jabberWithTeams', params: { value: 'JA' } },
      7,
      'nl',
      'Rij 7, Jabber met Webex Teams: "JA" is geen WAAR of ONWAAR (TRUE/FALSE).',
    ],
    [
      { code: 'location_required', column: 'location', params: { package: 'webex_calling' } },
      3,
      'en',
      'Row 3, Location: Webex Calling needs a Location.',
    ],
    [
      { code: 'location_required', column: 'location', params: { package: 'cx_essentials' } },
      3,
      'nl',
      'Rij 3, Locatie: Klantassistentie heeft een locatie nodig.',
    ],
    [
      {
        code: 'forbidden_change',
        column: 'webex_calling_standard',
        params: { from: 'webex_suite', to: 'webex_calling_standard' },
      },
      5,
      'en',
      'Row 5, Webex Calling Standard: Webex Suite → Webex Calling Standard is not allowed.',
    ],
    [
      {
        code: 'multiple_packages',
        column: 'webex_meetings',
        params: { packages: 'webex_calling, webex_meetings' },
      },
      6,
      'nl',
      'Rij 6, Webex Meetings: Een gebruiker heeft één pakket; deze rij zet WAAR bij Webex Calling, Webex Meetings.',
    ],
    [
      {
        code: 'multiple_packages',
        column: 'cx_essentials',
        params: { packages: 'webex_suite, cx_essentials' },
      },
      4,
      'en',
      'Row 4, Customer Assist: A user holds one package; this row gives TRUE for Webex Suite, Customer Assist.',
    ],
    [
      { code: 'duplicate_email_in_file', column: 'email', params: { row: 2 } },
      9,
      'nl',
      'Rij 9, Gebruikers-ID/e-mail (verplicht): Dit e-mailadres staat al in rij 2 van dit bestand.',
    ],
    [
      { code: 'email_taken_elsewhere', column: 'email' },
      4,
      'nl',
      `Rij 4, Gebruikers-ID/e-mail (verplicht): ${EMAIL_TAKEN_TEXT}`,
    ],
    [
      { code: 'phone_number_needs_location', column: 'location', params: { value: '+31201234503' } },
      8,
      'en',
      'Row 8, Location: Phone number +31201234503 needs a Location: give the location whose numbers include it.',
    ],
    [
      { code: 'phone_number_needs_location', column: 'location', params: { value: '020 123 4503' } },
      8,
      'nl',
      'Rij 8, Locatie: Telefoonnummer 020 123 4503 heeft een locatie nodig: geef de locatie op waar dit nummer bij hoort.',
    ],
  ] as const)('%j row %i %s', (issue, row, locale, expected) => {
    expect(rowIssueMessage(issue, row, locale)).toBe(expected);
  });

  it('has an English and a Dutch text for every code', () => {
    const codes: (RowErrorCode | RowWarningCode)[] = [
      'invalid_boolean',
      'email_required',
      'invalid_email',
      'duplicate_email_in_file',
      'email_taken_elsewhere',
      'multiple_packages',
      'package_required',
      'package_not_sold',
      'package_limit_reached',
      'forbidden_change',
      'admin_downgrade',
      'only_full_admin_removal',
      'add_on_not_allowed',
      'number_or_extension_required',
      'location_required',
      'unknown_location',
      'invalid_phone_number',
      'phone_number_needs_location',
      'number_not_in_location',
      'number_taken',
      'remove_number_not_held',
      'invalid_extension',
      'extension_wrong_length',
      'extension_taken',
      'jabber_required',
      'directory_sync_read_only',
      'invalid_time_zone',
      'invalid_preferred_language',
      'preferred_site_missing',
      'add_on_dropped',
      'phone_plus_restored',
      'unknown_user_nothing_assigned',
      'calling_fields_ignored',
    ];
    for (const code of codes) {
      const en = issueText({ code, params: { package: 'webex_suite' } }, 'en');
      const nl = issueText({ code, params: { package: 'webex_suite' } }, 'nl');
      expect(en.length).toBeGreaterThan(5);
      expect(nl.length).toBeGreaterThan(5);
      if (code !== 'email_taken_elsewhere') expect(nl).not.toBe(en);
    }
  });
});

describe('fileIssueMessage', () => {
  it.each([
    [{ code: 'missing_email_column' }, 'en', 'The file has no "User ID/Email (Required)" column.'],
    [
      { code: 'duplicate_column', column: 'firstName', headers: ['First Name', 'Voornaam'] },
      'nl',
      'Twee kolommen horen bij hetzelfde veld (Voornaam): First Name en Voornaam.',
    ],
    [
      { code: 'duplicate_column', column: 'firstName', headers: ['First Name', 'Voornaam'] },
      'en',
      'Two columns are the same field (First Name): First Name and Voornaam.',
    ],
    [
      { code: 'unknown_columns', headers: ['Shoe size'] },
      'nl',
      'Onbekende kolommen worden genegeerd: Shoe size.',
    ],
    [{ code: 'file_too_large', limitBytes: 100 * 1048576 }, 'en', 'The file is larger than 100 MB.'],
    [{ code: 'file_too_large', limitBytes: 1000 }, 'en', 'The file is larger than 1 kB.'],
    [{ code: 'file_too_large', limitBytes: 1000 }, 'nl', 'Het bestand is groter dan 1 kB.'],
    [{ code: 'file_too_large', limitBytes: 1536 * 1024 }, 'nl', 'Het bestand is groter dan 1,5 MB.'],
    [
      { code: 'malformed_csv', row: 4, detail: 'Quote Not Closed: …', reason: 'unclosed_quote' },
      'en',
      'The file is not valid CSV: a quote (") that opens in row 4 is never closed.',
    ],
    [
      { code: 'malformed_csv', row: 4, detail: 'Quote Not Closed: …', reason: 'unclosed_quote' },
      'nl',
      'Het bestand is geen geldig CSV-bestand: een aanhalingsteken (") dat in rij 4 opent, wordt nergens gesloten.',
    ],
    [
      { code: 'malformed_csv', row: 9, detail: 'Some parser text' },
      'en',
      'The file is not valid CSV (around row 9): Some parser text',
    ],
    [
      { code: 'malformed_csv', row: 9, detail: 'Some parser text' },
      'nl',
      'Het bestand is geen geldig CSV-bestand (rond rij 9).',
    ],
  ] as const)('%j %s', (issue, locale, expected) => {
    expect(fileIssueMessage(issue, locale)).toBe(expected);
  });
});

describe('toLocale', () => {
  it.each([
    ['nl', 'nl'],
    ['nl-NL,nl;q=0.9', 'nl'],
    ['nl_NL', 'nl'],
    ['en-US', 'en'],
    [undefined, 'en'],
    ['fr', 'en'],
  ])('%j -> %s', (tag, locale) => {
    expect(toLocale(tag)).toBe(locale);
  });
});

describe('warningDetail', () => {
  it.each([
    {
      issue: {
        code: 'phone_plus_restored' as const,
        column: 'phoneNumber',
        params: { value: '31201234567', number: '+31201234567' },
      },
      expected: {
        code: 'phone_plus_restored',
        description: '"31201234567" was read as +31201234567 (the leading + was missing).',
        field: 'phoneNumber',
        params: { value: '31201234567', number: '+31201234567' },
      },
    },
    {
      issue: { code: 'unknown_user_nothing_assigned' as const },
      expected: {
        code: 'unknown_user_nothing_assigned',
        description: 'No user with this email exists and the row assigns nothing: nothing was done.',
      },
    },
  ])('carries the values of $issue.code next to its text', ({ issue, expected }) => {
    expect(warningDetail(issue, 'en')).toEqual(expected);
  });
});

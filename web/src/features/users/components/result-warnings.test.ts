import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import en from '../../../i18n/locales/en.json' with { type: 'json' };
import nl from '../../../i18n/locales/nl.json' with { type: 'json' };
import type { BatchResult } from '../api/add-users.ts';
import { resultWarnings, translatedWarningCodes } from './result-warnings.ts';

/** The server's warning codes, read from its source (RowWarningCode), so a new one fails here. */
function serverWarningCodes(): string[] {
  const source = readFileSync(
    new URL('../../../../../src/domain/users/plan-issues.ts', import.meta.url),
    'utf8',
  );
  const union = /export type RowWarningCode =([^;]+);/.exec(source)?.[1] ?? '';
  return [...union.matchAll(/'([a-z_]+)'/g)].map((match) => match[1] as string);
}

const added = (
  code: string,
  description: string,
  params?: Record<string, string | number>,
  field?: string,
): BatchResult => ({
  result: 'created',
  status: 201,
  errors: [],
  warnings: [{ code, description, ...(params ? { params } : {}), ...(field ? { field } : {}) }],
});

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('resultWarnings', () => {
  it.each([
    {
      name: 'a known code in the shown language, whatever language the server used',
      language: 'nl',
      result: added('preferred_site_missing', 'No Preferred Webex Site for Webex Meetings: …'),
      packageId: 'webex_meetings',
      expected: [
        'Waarschuwing: Geen voorkeurssite voor Webex bij Webex Meetings: vergaderingen werken mogelijk pas goed als die is ingesteld.',
      ],
    },
    {
      name: 'a restored + in Dutch from an English answer, with the typed and the read number',
      language: 'nl',
      result: added(
        'phone_plus_restored',
        '"31201234567" was read as +31201234567 (the leading + was missing).',
        { value: '31201234567', number: '+31201234567' },
      ),
      packageId: 'webex_calling',
      expected: ['Waarschuwing: "31201234567" is gelezen als +31201234567 (de + aan het begin ontbrak).'],
    },
    {
      name: 'a dropped add-on by the names of the add-on and of the package the server gives',
      language: 'nl',
      result: added(
        'add_on_dropped',
        'Attendant Console was removed: it is not available with Webex Meetings.',
        { addOn: 'attendant_console', package: 'webex_meetings' },
      ),
      packageId: 'webex_calling',
      expected: [
        'Waarschuwing: Attendant Console is verwijderd: het is niet beschikbaar bij Webex Meetings.',
      ],
    },
    {
      name: 'a code that needs values, from an answer without them, in the server’s words',
      language: 'nl',
      result: added('phone_plus_restored', '"31201234567" was read as +31201234567.'),
      packageId: 'webex_calling',
      expected: ['Waarschuwing: "31201234567" was read as +31201234567.'],
    },
    {
      name: 'an unknown code in the server’s words',
      language: 'nl',
      result: added('some_future_warning', 'Something new happened.', { value: 'x' }),
      packageId: 'webex_calling',
      expected: ['Waarschuwing: Something new happened.'],
    },
    {
      // SPEC §6: a message names the column. The Caller ID Number and the Phone Number get the
      // same warning: only the column tells which number was read so.
      name: 'a restored + on the Caller ID Number, by that column in Dutch',
      language: 'nl',
      result: added(
        'phone_plus_restored',
        '"31201234567" was read as +31201234567 (the leading + was missing).',
        { value: '31201234567', number: '+31201234567' },
        'callerIdNumber',
      ),
      packageId: 'webex_calling',
      expected: [
        'Waarschuwing, Nummer beller-ID: "31201234567" is gelezen als +31201234567 (de + aan het begin ontbrak).',
      ],
    },
    {
      name: 'a restored + on the Phone Number, by that column in English',
      language: 'en',
      result: added(
        'phone_plus_restored',
        '"31201234567" werd gelezen als +31201234567.',
        { value: '31201234567', number: '+31201234567' },
        'phoneNumber',
      ),
      packageId: 'webex_calling',
      expected: [
        'Warning, Phone Number: "31201234567" was read as +31201234567 (the leading + was missing).',
      ],
    },
    {
      name: 'a missing preferred site by its column',
      language: 'en',
      result: added('preferred_site_missing', 'x', { package: 'webex_meetings' }, 'preferredWebexSite'),
      packageId: 'webex_meetings',
      expected: [
        'Warning, Preferred Webex Site: No Preferred Webex Site for Webex Meetings: meetings may not work as expected until one is set.',
      ],
    },
    {
      name: 'a dropped add-on by the add-on’s column, as the request names it (attendantConsole)',
      language: 'nl',
      result: added(
        'add_on_dropped',
        'x',
        { addOn: 'attendant_console', package: 'webex_meetings' },
        'attendantConsole',
      ),
      packageId: 'webex_calling',
      expected: [
        'Waarschuwing, Attendant Console: Attendant Console is verwijderd: het is niet beschikbaar bij Webex Meetings.',
      ],
    },
    {
      name: 'an unknown code in the server’s words, by its column in the shown language',
      language: 'nl',
      result: added('some_future_warning', 'Something new happened.', undefined, 'extension'),
      packageId: 'webex_calling',
      expected: ['Waarschuwing, Toestel: Something new happened.'],
    },
    {
      name: 'nothing for a refused user',
      language: 'en',
      result: { ...added('preferred_site_missing', 'x'), result: 'failed' as const, status: 400 },
      packageId: 'webex_meetings',
      expected: [],
    },
  ])('$name', async ({ language, result, packageId, expected }) => {
    await i18n.changeLanguage(language);
    expect(resultWarnings(result, packageId, i18n.t)).toEqual(expected);
  });
});

describe('the warning codes', () => {
  it('are all worded by the app, in English and Dutch', () => {
    const codes = serverWarningCodes();
    expect(codes.length).toBeGreaterThan(3);
    expect(codes.filter((code) => !translatedWarningCodes.includes(code))).toEqual([]);
    for (const resource of [en, nl]) {
      const texts = resource.addUsers.warningCodes as Record<string, string>;
      expect(codes.filter((code) => !texts[code])).toEqual([]);
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import type { BatchResult } from '../api/add-users.ts';
import { resultWarnings } from './result-warnings.ts';

const added = (code: string, description: string): BatchResult => ({
  result: 'created',
  status: 201,
  errors: [],
  warnings: [{ code, description }],
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
        'Geen voorkeurssite voor Webex bij Webex Meetings: vergaderingen werken mogelijk pas goed als die is ingesteld.',
      ],
    },
    {
      name: 'an unknown code in the server’s words',
      language: 'nl',
      result: added('phone_plus_restored', '"31201234567" was read as +31201234567.'),
      packageId: 'webex_calling',
      expected: ['"31201234567" was read as +31201234567.'],
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

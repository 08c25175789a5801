import { describe, expect, it } from 'vitest';
import { emailLocale, localeOfLanguage, type RecipientLanguages } from './email-language.ts';

describe('localeOfLanguage', () => {
  it.each([
    ['nl', 'nl'],
    ['nl_NL', 'nl'],
    ['NL_nl', 'nl'],
    ['nl-BE', 'nl'],
    ['en_US', 'en'],
    ['en', 'en'],
    ['de_DE', 'en'],
    ['nld', 'en'],
  ] as const)('%s → %s', (language, locale) => {
    expect(localeOfLanguage(language)).toBe(locale);
  });
});

describe('emailLocale: the most specific thing known about the recipient wins', () => {
  const cases: [string, RecipientLanguages, 'en' | 'nl'][] = [
    [
      'customer over partner',
      { customerLanguage: 'nl_NL', partnerLanguage: 'en', requestLocale: 'en' },
      'nl',
    ],
    [
      'English customer of a Dutch partner',
      { customerLanguage: 'en_US', partnerLanguage: 'nl', requestLocale: 'nl' },
      'en',
    ],
    [
      'partner when there is no customer',
      { customerLanguage: null, partnerLanguage: 'nl', requestLocale: 'en' },
      'nl',
    ],
    ['request when nothing else is known', { requestLocale: 'nl' }, 'nl'],
    [
      'blank languages count as unknown',
      { customerLanguage: ' ', partnerLanguage: '', requestLocale: 'nl' },
      'nl',
    ],
  ];
  it.each(cases)('%s', (_name, recipient, locale) => {
    expect(emailLocale(recipient)).toBe(locale);
  });
});

// Texts with a count name a noun that must agree with it: "1 user added", not "1 users added".
// Each counted key is rendered with 1 and 2 in both languages through i18next's own plural rules.
import i18next from 'i18next';
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from './locales/en.json';
import nl from './locales/nl.json';
import { flattenKeys } from './flatten-keys.ts';

type Language = 'en' | 'nl';
type Row = {
  key: string;
  /** The other values the text interpolates; `count` is added per case. */
  values: Record<string, unknown>;
  one: Record<Language, string>;
  two: Record<Language, string>;
};

const counted: Row[] = [
  {
    key: 'common.pagePastEndText',
    values: {},
    one: { en: 'There is 1 page: this is the last page.', nl: 'Er is 1 pagina: dit is de laatste pagina.' },
    two: {
      en: 'There are 2 pages: this is the last page.',
      nl: "Er zijn 2 pagina's: dit is de laatste pagina.",
    },
  },
  {
    key: 'validation.passwordTooShort',
    values: {},
    one: { en: 'Use at least 1 character', nl: 'Gebruik minstens 1 teken' },
    two: { en: 'Use at least 2 characters', nl: 'Gebruik minstens 2 tekens' },
  },
  {
    key: 'fieldErrors.maxLength',
    values: {},
    one: { en: 'At most 1 character', nl: 'Maximaal 1 teken' },
    two: { en: 'At most 2 characters', nl: 'Maximaal 2 tekens' },
  },
  {
    key: 'addUsers.count',
    values: { entered: 0 },
    one: { en: '0 of at most 1 user', nl: '0 van maximaal 1 gebruiker' },
    two: { en: '0 of at most 2 users', nl: '0 van maximaal 2 gebruikers' },
  },
  {
    key: 'addUsers.reviewText',
    values: {},
    one: { en: 'This user will be added.', nl: 'Deze gebruiker wordt toegevoegd.' },
    two: { en: 'These 2 users will be added.', nl: 'Deze 2 gebruikers worden toegevoegd.' },
  },
  {
    key: 'addUsers.someFailed',
    values: { failed: 3 },
    one: { en: '1 user added, 3 not added.', nl: '1 gebruiker toegevoegd, 3 niet toegevoegd.' },
    two: { en: '2 users added, 3 not added.', nl: '2 gebruikers toegevoegd, 3 niet toegevoegd.' },
  },
  {
    key: 'addUsers.allAdded',
    values: {},
    one: { en: '1 user added.', nl: '1 gebruiker toegevoegd.' },
    two: { en: '2 users added.', nl: '2 gebruikers toegevoegd.' },
  },
  {
    key: 'imports.rowCount',
    values: {},
    one: { en: '1 row', nl: '1 rij' },
    two: { en: '2 rows', nl: '2 rijen' },
  },
  {
    key: 'imports.columnCount',
    values: {},
    one: { en: '1 column', nl: '1 kolom' },
    two: { en: '2 columns', nl: '2 kolommen' },
  },
  {
    key: 'imports.progressRows',
    values: { done: 0 },
    one: { en: '0 of 1 row', nl: '0 van 1 rij' },
    two: { en: '0 of 2 rows', nl: '0 van 2 rijen' },
  },
  {
    key: 'imports.outcomeCounts',
    values: { add: 5, modify: 0, remove: 0 },
    one: {
      en: '5 added, 0 modified, 0 removed, 1 error',
      nl: '5 toegevoegd, 0 gewijzigd, 0 verwijderd, 1 fout',
    },
    two: {
      en: '5 added, 0 modified, 0 removed, 2 errors',
      nl: '5 toegevoegd, 0 gewijzigd, 0 verwijderd, 2 fouten',
    },
  },
  {
    key: 'imports.outcomeCountsWould',
    values: { add: 5, modify: 0, remove: 0 },
    one: {
      en: 'Would add 5, modify 0, remove 0; 1 error',
      nl: 'Zou 5 toevoegen, 0 wijzigen, 0 verwijderen; 1 fout',
    },
    two: {
      en: 'Would add 5, modify 0, remove 0; 2 errors',
      nl: 'Zou 5 toevoegen, 0 wijzigen, 0 verwijderen; 2 fouten',
    },
  },
  {
    key: 'imports.cancelledApplied',
    values: {},
    one: {
      en: 'The import was cancelled. The 1 row applied before that stays applied; the rest of the file was not applied.',
      nl: 'De import is geannuleerd. De 1 rij die daarvoor was toegepast, blijft toegepast; de rest van het bestand is niet toegepast.',
    },
    two: {
      en: 'The import was cancelled. The 2 rows applied before that stay applied; the rest of the file was not applied.',
      nl: 'De import is geannuleerd. De 2 rijen die daarvoor waren toegepast, blijven toegepast; de rest van het bestand is niet toegepast.',
    },
  },
  {
    key: 'claims.claimedCounts',
    values: { failed: 0 },
    one: { en: '1 account claimed, 0 not claimed.', nl: '1 account geclaimd, 0 niet geclaimd.' },
    two: { en: '2 accounts claimed, 0 not claimed.', nl: '2 accounts geclaimd, 0 niet geclaimd.' },
  },
  {
    key: 'tokens.days',
    values: {},
    one: { en: 'In 1 day', nl: 'Over 1 dag' },
    two: { en: 'In 2 days', nl: 'Over 2 dagen' },
  },
  {
    key: 'addUsers.someWarned',
    values: {},
    one: {
      en: '1 user has a warning: see below.',
      nl: '1 gebruiker heeft een waarschuwing: zie hieronder.',
    },
    two: {
      en: '2 users have a warning: see below.',
      nl: '2 gebruikers hebben een waarschuwing: zie hieronder.',
    },
  },
  {
    key: 'validation.extensionLength',
    values: {},
    one: {
      en: "Use exactly 1 digit (this customer's extension length)",
      nl: 'Gebruik precies 1 cijfer (de lengte van toestelnummers bij deze klant)',
    },
    two: {
      en: "Use exactly 2 digits (this customer's extension length)",
      nl: 'Gebruik precies 2 cijfers (de lengte van toestelnummers bij deze klant)',
    },
  },
  {
    key: 'numbers.removeRangeConfirmButton',
    values: {},
    one: { en: 'Remove 1 number', nl: '1 nummer verwijderen' },
    two: { en: 'Remove 2 numbers', nl: '2 nummers verwijderen' },
  },
  {
    key: 'numbers.removedCount',
    values: {},
    one: { en: '1 number removed.', nl: '1 nummer verwijderd.' },
    two: { en: '2 numbers removed.', nl: '2 nummers verwijderd.' },
  },
  {
    key: 'numbers.removeRangeConfirm',
    values: { first: 'A', last: 'B', location: 'L' },
    one: {
      en: "Remove 1 number, A, from location L? It leaves the location's inventory.",
      nl: '1 nummer, A, verwijderen uit locatie L? Het verdwijnt uit de voorraad van de locatie.',
    },
    two: {
      en: "Remove 2 numbers, A to B, from location L? They leave the location's inventory.",
      nl: '2 nummers, A tot en met B, verwijderen uit locatie L? Ze verdwijnen uit de voorraad van de locatie.',
    },
  },
];

const translate: Partial<Record<Language, TFunction>> = {};

beforeAll(async () => {
  for (const language of ['en', 'nl'] as const) {
    const instance = i18next.createInstance();
    await instance.init({
      lng: language,
      resources: { en: { translation: en }, nl: { translation: nl } },
      interpolation: { escapeValue: false },
    });
    translate[language] = instance.t;
  }
});

function render(language: Language, key: string, values: Record<string, unknown>): string {
  const t = translate[language];
  if (!t) throw new Error(`no ${language} translator`);
  return t(key, values);
}

describe.each(['en', 'nl'] as const)('counted texts in %s', (language) => {
  it.each(counted)('$key agrees with 1', ({ key, values, one }) => {
    expect(render(language, key, { ...values, count: 1 })).toBe(one[language]);
  });

  it.each(counted)('$key agrees with 2', ({ key, values, two }) => {
    expect(render(language, key, { ...values, count: 2 })).toBe(two[language]);
  });

  it.each(counted)('$key uses the plural noun for 0', ({ key, values, two }) => {
    const zero = render(language, key, { ...values, count: 0 });
    // The plural form with 0 in place of 2 (for the one text that leaves out the number, "These 0 users").
    expect(zero).toBe(two[language].replace(/\b2\b/, '0'));
  });
});

describe('plural keys', () => {
  const pluralBases = (resource: unknown) =>
    new Set(
      flattenKeys(resource)
        .map((key) => /^(.*)_(?:zero|one|two|few|many|other)$/.exec(key)?.[1])
        .filter((base): base is string => base !== undefined),
    );

  it.each([
    ['en', en],
    ['nl', nl],
  ] as const)('have both a _one and an _other form in %s', (_language, resource) => {
    const keys = new Set(flattenKeys(resource));
    const incomplete = [...pluralBases(resource)].filter(
      (base) => !keys.has(`${base}_one`) || !keys.has(`${base}_other`),
    );
    expect(incomplete).toEqual([]);
  });

  it('are all covered by the table above', () => {
    const tested = new Set(counted.map((row) => row.key));
    expect([...pluralBases(en)].filter((base) => !tested.has(base))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { readNumbersToRemove } from './read-numbers-to-remove.ts';

describe('readNumbersToRemove', () => {
  it.each([
    {
      why: 'a national number read with the one location country given',
      entries: ['0475 12 34 56'],
      countries: ['BE'],
      numbers: ['+32475123456'],
    },
    {
      why: 'a Brussels number that only Belgium can read, among NL and BE locations',
      entries: ['02 555 12 34'],
      countries: ['NL', 'BE'],
      numbers: ['+3225551234'],
    },
    {
      why: 'an international number, whatever the countries',
      entries: ['+31 475 12 34 56'],
      countries: ['NL', 'BE'],
      numbers: ['+31475123456'],
    },
    {
      why: 'an international range',
      entries: ['+31301234505-+31301234506'],
      countries: ['NL'],
      numbers: ['+31301234505', '+31301234506'],
    },
    {
      why: 'a national range read with the location country',
      entries: ['0301234505-0301234506'],
      countries: ['NL'],
      numbers: ['+31301234505', '+31301234506'],
    },
    {
      why: 'a number given twice, alone and in a range',
      entries: ['+31301234505', '+31301234505 - +31301234506'],
      countries: ['NL', 'NL'],
      numbers: ['+31301234505', '+31301234506'],
    },
  ])('reads $why', ({ entries, countries, numbers }) => {
    expect(readNumbersToRemove(entries, countries)).toEqual({ ok: true, numbers });
  });

  it.each([
    {
      why: 'a national number that is a valid number in two location countries',
      entries: ['0475 12 34 56'],
      countries: ['NL', 'BE'],
      code: 'ambiguous_phone_number',
      en: '"0475 12 34 56" is a different number in the countries of this customer\'s locations: +31475123456 (NL), +32475123456 (BE). Give the location, or write the number in international format (+…).',
      nl: '"0475 12 34 56" is een ander nummer in de landen van de locaties van deze klant: +31475123456 (NL), +32475123456 (BE). Geef de locatie op, of schrijf het nummer in internationale notatie (+…).',
    },
    {
      why: 'a number no location country reads',
      entries: ['12'],
      countries: ['NL', 'BE'],
      code: 'invalid_phone_number',
      en: '"12" is not a valid phone number for any country of this customer\'s locations (NL, BE).',
      nl: '"12" is geen geldig telefoonnummer voor een land van de locaties van deze klant (NL, BE).',
    },
    {
      why: 'a Belgian-only number read with the Dutch location given',
      entries: ['02 555 12 34'],
      countries: ['NL'],
      code: 'invalid_phone_number',
      en: '"02 555 12 34" is not a valid phone number for NL.',
      nl: '"02 555 12 34" is geen geldig telefoonnummer voor NL.',
    },
    {
      why: 'a reversed range',
      entries: ['+31301234506-+31301234505'],
      countries: ['NL', 'BE'],
      code: 'invalid_range',
      en: '"+31301234506-+31301234505" is not a range from a lower to a higher number of the same length.',
      nl: '"+31301234506-+31301234505" is geen reeks van een lager naar een hoger nummer van dezelfde lengte.',
    },
    {
      why: 'a range larger than adding allows',
      entries: ['+31301200000-+31301299999'],
      countries: ['NL'],
      code: 'range_too_large',
      en: '"+31301200000-+31301299999" has more than 10000 numbers.',
      nl: '"+31301200000-+31301299999" bevat meer dan 10000 nummers.',
    },
    {
      why: 'ranges that together exceed the limit',
      entries: ['+31301200000-+31301209999', '+31301210000'],
      countries: ['NL'],
      code: 'range_too_large',
      en: 'At most 10000 numbers can be removed at once.',
      nl: 'Er kunnen maximaal 10000 nummers tegelijk worden verwijderd.',
    },
  ])('refuses $why', ({ entries, countries, code, en, nl }) => {
    expect(readNumbersToRemove(entries, countries)).toEqual({
      ok: false,
      errors: [{ code, field: 'numbers', description: en, descriptionNl: nl }],
    });
  });
});

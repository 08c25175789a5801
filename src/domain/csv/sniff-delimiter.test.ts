// SPEC §6: `,` or `;`, detected from the header line. A header line of a `;` file may hold as many
// commas as semicolons (an unknown column such as "Opmerking, intern" is not quoted by Excel): the
// separator that gives the SPEC's columns wins over the plain count.
import { describe, expect, it } from 'vitest';
import { sniffDelimiter } from './sniff-delimiter.ts';

describe('sniffDelimiter, when the counts alone would mislead', () => {
  it.each([
    ['a ; file whose unknown column holds a comma', 'User ID/Email (Required);Opmerking, intern', ';'],
    [
      'a ; file with Dutch headers and commas in unknown columns',
      'Gebruikers-ID/e-mail (verplicht);Voornaam;Opmerking (a, b, c)',
      ';',
    ],
    [
      'a , file whose unknown column holds semicolons',
      'User ID/Email (Required),First Name,Notes; a; b; c',
      ',',
    ],
    ['a quoted email header in a ; file', '"User ID/Email (Required)";"Notes, more"', ';'],
    ['no SPEC column: the count decides', 'a;b;c', ';'],
    ['no SPEC column and a tie: the comma', 'a;b,c', ','],
  ])('%s', (_name, line, expected) => {
    expect(sniffDelimiter(line)).toBe(expected);
  });
});

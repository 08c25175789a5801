import { describe, expect, it } from 'vitest';
import { mapHeader, normalizeHeader } from './map-header.ts';
import { sniffDelimiter } from './sniff-delimiter.ts';

describe('normalizeHeader', () => {
  it.each([
    ['  Webex Calling [Sub123] ', 'webex calling'],
    ['WEBEX SUITE [SubscriptionId]', 'webex suite'],
    ['User Status*', 'user status'],
    ['Gebruikers-ID/e-mail (verplicht)', 'gebruikers-id/e-mail (verplicht)'],
  ])('%j -> %j', (header, expected) => {
    expect(normalizeHeader(header)).toBe(expected);
  });
});

describe('mapHeader', () => {
  const keys = (headers: string[]) => {
    const mapping = mapHeader(headers);
    return mapping.ok ? mapping.columns.map((c) => c.column.key) : mapping.error;
  };

  it.each([
    [['User ID/Email (Required)'], ['email']],
    [
      ['user id/email (required)', 'FIRST NAME'],
      ['email', 'firstName'],
    ],
    [
      ['Gebruikers-ID/e-mail (verplicht)', 'Voornaam', 'Toestel', 'Locatie'],
      ['email', 'firstName', 'extension', 'location'],
    ],
    // English and Dutch mixed in one file.
    [
      ['Voornaam', 'Last Name', 'User ID/Email (Required)'],
      ['firstName', 'lastName', 'email'],
    ],
    [
      ['User ID/Email (Required)', 'Webex Calling [abc-123]', 'Klantassistentie'],
      ['email', 'webex_calling', 'cx_essentials'],
    ],
    [
      ['User ID/Email (Required)', 'Gebruikersstatus*', 'Basisberichten'],
      ['email', 'userStatus', 'basic_messaging'],
    ],
  ])('%j', (headers, expected) => {
    expect(keys(headers)).toEqual(expected);
  });

  it('rejects a file without the email column', () => {
    expect(mapHeader(['First Name', 'Last Name'])).toEqual({
      ok: false,
      error: { code: 'missing_email_column' },
    });
  });

  it('rejects two headers for the same field', () => {
    expect(mapHeader(['User ID/Email (Required)', 'First Name', 'Voornaam'])).toEqual({
      ok: false,
      error: { code: 'duplicate_column', column: 'firstName', headers: ['First Name', 'Voornaam'] },
    });
  });

  it('reports unknown columns once as a file warning', () => {
    const mapping = mapHeader(['User ID/Email (Required)', 'Shoe size', 'Favourite colour', '']);
    expect(mapping).toMatchObject({
      ok: true,
      warnings: [{ code: 'unknown_columns', headers: ['Shoe size', 'Favourite colour'] }],
    });
  });
});

describe('sniffDelimiter', () => {
  it.each([
    ['a,b,c', ','],
    ['a;b;c', ';'],
    ['"a;b",c', ','],
    ['"a,b";c;d', ';'],
    ['single', ','],
  ])('%j -> %j', (line, expected) => {
    expect(sniffDelimiter(line)).toBe(expected);
  });
});

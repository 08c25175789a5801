// A number in a text is written the way the text's language writes numbers: an English admin
// importing a file of 100 000 rows reads "12,345 of 100,000 rows", a Dutch one "12.345 van 100.000
// rijen", neither "12345 of 100000 rows". Identifiers are left as they are: extensions and phone
// numbers come from the API as strings, and a row number is the row a spreadsheet shows ("Row
// 12345", as the server's row messages and the error report's Line column write it).
import { describe, expect, it } from 'vitest';
import i18n from './i18n.ts';
import { formatNumber } from './number-formatter.ts';

describe('numbers in the texts of the app', () => {
  it.each([
    ['en', 'imports.progressRows', { done: 12345, count: 100000 }, '12,345 of 100,000 rows'],
    ['nl', 'imports.progressRows', { done: 12345, count: 100000 }, '12.345 van 100.000 rijen'],
    ['en', 'imports.rowCount', { count: 250000 }, '250,000 rows'],
    ['nl', 'imports.rowCount', { count: 250000 }, '250.000 rijen'],
    ['nl', 'customers.usedOfLimit', { used: 1500, limit: 20000 }, '1.500 van 20.000 in gebruik'],
    ['en', 'customers.usedOfLimit', { used: 1500, limit: 20000 }, '1,500 of 20,000 in use'],
    ['en', 'imports.rowCount', { count: 3 }, '3 rows'],
    ['nl', 'imports.rowCount', { count: 3 }, '3 rijen'],
    ['en', 'common.pageOf', { page: 1200, pages: 1500 }, 'Page 1,200 of 1,500'],
    ['en', 'removeUser.extension', { extension: '1001' }, 'Extension 1001'],
    ['nl', 'removeUser.extension', { extension: '1001' }, 'Toestelnummer 1001'],
    ['en', 'removeUser.number', { number: '+31301234500' }, 'Phone number +31301234500'],
    ['nl', 'removeUser.number', { number: '+31301234500' }, 'Telefoonnummer +31301234500'],
    // Row numbers are identifiers: given as strings, they stay the spreadsheet's digits.
    ['en', 'imports.rowNumber', { row: '12345' }, 'Row 12345'],
    ['nl', 'imports.rowNumber', { row: '12345' }, 'Rij 12345'],
  ] as const)('%s %s %o → %s', (language, key, values, expected) => {
    expect(i18n.getFixedT(language)(key, values)).toBe(expected);
  });
});

describe('formatNumber', () => {
  it.each([
    [12345, 'en', '12,345'],
    [12345, 'en-GB', '12,345'],
    [12345, 'nl', '12.345'],
    [12345, 'nl-BE', '12.345'],
    [1000000, 'en', '1,000,000'],
    [999, 'en', '999'],
    [0, 'nl', '0'],
    [-2500, 'en', '-2,500'],
    // A language the app does not speak falls back to English, as the texts do.
    [12345, 'de', '12,345'],
    [12345, undefined, '12,345'],
  ] as const)('%d in %s → %s', (value, language, expected) => {
    expect(formatNumber(value, language)).toBe(expected);
  });
});

// A number in a Dutch text is written the Dutch way: an admin importing a file of 100 000 rows
// reads "12.345 van 100.000 rijen", not "12345 van 100000 rijen". English texts keep plain digits.
// Identifiers the API gives as strings (extensions, phone numbers) are left as they are.
import { describe, expect, it } from 'vitest';
import i18n from './i18n.ts';

describe('numbers in the texts of the app', () => {
  it.each([
    ['en', 'imports.progressRows', { done: 12345, count: 100000 }, '12345 of 100000 rows'],
    ['nl', 'imports.progressRows', { done: 12345, count: 100000 }, '12.345 van 100.000 rijen'],
    ['nl', 'imports.rowCount', { count: 250000 }, '250.000 rijen'],
    ['nl', 'customers.usedOfLimit', { used: 1500, limit: 20000 }, '1.500 van 20.000 in gebruik'],
    ['en', 'customers.usedOfLimit', { used: 1500, limit: 20000 }, '1500 of 20000 in use'],
    ['nl', 'imports.rowCount', { count: 3 }, '3 rijen'],
    ['nl', 'removeUser.extension', { extension: '1001' }, 'Toestelnummer 1001'],
    ['nl', 'removeUser.number', { number: '+31301234500' }, 'Telefoonnummer +31301234500'],
  ] as const)('%s %s %o → %s', (language, key, values, expected) => {
    expect(i18n.getFixedT(language)(key, values)).toBe(expected);
  });
});

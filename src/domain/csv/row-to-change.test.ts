import { describe, expect, it } from 'vitest';
import { mapHeader } from './map-header.ts';
import {
  lookupColumns,
  readEmailCell,
  readExtensionCell,
  readPhoneCell,
  rowToChange,
} from './row-to-change.ts';

describe('the key cells a batch looks up', () => {
  const header = ['User ID/Email (Required)', 'Extension', 'Phone Number', 'Webex Calling'];
  const mapping = mapHeader(header);
  if (!mapping.ok) throw new Error('header refused');
  const keys = lookupColumns(mapping.columns);

  it('finds the email, phone-number and extension columns', () => {
    expect(keys).toEqual({ email: 0, phoneNumber: 2, extension: 1 });
  });

  it.each([
    ['A@X.nl', '1234567', '+31201234567'],
    ['  a@x.nl ', ' 1234567 ', ' 020 123 4567 '],
    ["'=a@x.nl", "'=1234567", "'+31201234567"],
    ['', '', ''],
    ['a@x.nl', '   ', 'REMOVE|+31201234567'],
    ['a@x.nl', 'abc', 'remove| 0201234567'],
  ])('reads %j, %j, %j as rowToChange does', (email, extension, phone) => {
    const cells = [email, extension, phone, 'TRUE'];
    const { change } = rowToChange(mapping.columns, cells);
    expect(readEmailCell(cells[keys.email])).toBe(change.email.trim().toLowerCase());
    expect(readExtensionCell(cells[keys.extension])).toBe(change.extension);
    expect(readPhoneCell(cells[keys.phoneNumber])).toBe(change.phoneNumber);
  });

  it('reads a missing cell as nothing', () => {
    expect(readEmailCell(undefined)).toBe('');
    expect(readExtensionCell(undefined)).toBeUndefined();
    expect(readPhoneCell(undefined)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.ts';
import { fieldErrorText, sortErrorsByField } from './field-errors.ts';

// Echoes the key and its values, so the tests see which translation was chosen.
const t = (key: string, values?: Record<string, unknown>) =>
  values && Object.keys(values).length > 0 ? `${key}:${JSON.stringify(values)}` : key;

describe('fieldErrorText', () => {
  it.each([
    [
      { code: 'invalid_time_zone', description: 'x' },
      'Mars/Base',
      'fieldErrors.invalidTimeZone:{"value":"Mars/Base"}',
    ],
    [
      { code: 'invalid_preferred_language', description: 'x' },
      'qq',
      'fieldErrors.invalidLanguage:{"value":"qq"}',
    ],
    [{ code: 'location_name_taken', description: 'x' }, 'HQ', 'fieldErrors.locationNameTaken:{"value":"HQ"}'],
    [
      { code: 'directory_sync_read_only', description: 'x' },
      '',
      'fieldErrors.directorySyncReadOnly:{"value":""}',
    ],
    [
      { code: 'invalid_field', description: 'body.title: Too big: expected string to have <=200 characters' },
      'a',
      'Too big: expected string to have <=200 characters',
    ],
    [{ code: 'something_new', description: 'Server explains it.' }, 'a', 'Server explains it.'],
  ])('%o → %s', (detail, value, expected) => {
    expect(fieldErrorText(detail, t, value)).toBe(expected);
  });
});

describe('sortErrorsByField', () => {
  const error = new ApiError(
    400,
    'The request is not valid.',
    [
      { code: 'required', description: 'Location name is required.', field: 'name' },
      {
        code: 'too_long',
        description: 'addressLine1 is longer than 50 characters.',
        field: 'address.addressLine1',
      },
      { code: 'invalid_time_zone', description: 'x', field: 'timeZone' },
      { code: 'location_in_use', description: 'Remove its users and numbers first.', field: 'location' },
      { code: 'conflict', description: 'No field at all.' },
    ],
    'WH_1',
  );

  it('puts each detail under its form field, nested paths by their last part', () => {
    const sorted = sortErrorsByField(error, ['name', 'addressLine1', 'timeZone'], t, {
      timeZone: 'Mars/Base',
    });
    expect(sorted.byField).toEqual({
      name: 'fieldErrors.required:{"value":""}',
      addressLine1: 'fieldErrors.tooLong:{"value":""}',
      timeZone: 'fieldErrors.invalidTimeZone:{"value":"Mars/Base"}',
    });
    expect(sorted.other.map((detail) => detail.code)).toEqual(['location_in_use', 'conflict']);
  });

  it('keeps everything for the general alert when the form has none of the fields', () => {
    expect(sortErrorsByField(error, ['city'], t).other).toHaveLength(5);
  });

  it('has nothing to sort for a failure that is no API error', () => {
    expect(sortErrorsByField(new Error('offline'), ['name'], t)).toEqual({ byField: {}, other: [] });
  });
});

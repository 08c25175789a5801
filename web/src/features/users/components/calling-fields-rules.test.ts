import { describe, expect, it } from 'vitest';
import { asksForCallingFields, callingFieldErrors } from './calling-fields-rules.ts';

describe('change-package calling fields', () => {
  it.each([
    ['webex_calling', true],
    ['webex_calling_standard', true],
    ['webex_suite', true],
    ['cx_essentials', true],
    ['webex_voice', false],
    ['webex_meetings', false],
    [null, false],
  ])('%s asks for number and location: %s', (id, expected) => {
    expect(asksForCallingFields(id)).toBe(expected);
  });

  it.each([
    ['webex_meetings', { locationId: null, extension: '', phoneNumber: '' }, {}],
    [
      'webex_calling',
      { locationId: null, extension: '', phoneNumber: '' },
      { locationId: 'validation.locationRequired', extension: 'validation.extensionOrNumber' },
    ],
    ['webex_calling', { locationId: 'l1', extension: '', phoneNumber: '+31201234500' }, {}],
    ['webex_calling', { locationId: 'l1', extension: '1001', phoneNumber: '' }, {}],
    [
      'webex_suite',
      { locationId: 'l1', extension: '12a', phoneNumber: '' },
      { extension: 'validation.extensionDigits' },
    ],
  ])('%s with %j → %j', (id, fields, expected) => {
    expect(callingFieldErrors(id, fields)).toEqual(expected);
  });

  const at = (extension: string) => ({ locationId: 'l1', extension, phoneNumber: '' });
  it.each([
    [4, '1234', {}],
    [4, '12', { extension: 'validation.extensionLength' }],
    [4, '12345', { extension: 'validation.extensionLength' }],
    [4, '12a4', { extension: 'validation.extensionLength' }],
    [2, '12', {}],
    [6, '123456', {}],
    [6, '1234', { extension: 'validation.extensionLength' }],
  ])("with the customer's extension length %i, %s → %j", (length, extension, expected) => {
    expect(callingFieldErrors('webex_calling', at(extension), length)).toEqual(expected);
  });
});

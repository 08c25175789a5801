import { describe, expect, it } from 'vitest';
import type { UserDetails } from '../api/update-user.ts';
import type { EditUserValues } from './edit-user-values.ts';
import {
  editUserErrors,
  editUserPatch,
  editUserValuesOf,
  isFieldShown,
  isLockedBySync,
  jabberPatch,
  jabberValuesOf,
  showsJabber,
} from './edit-user-values.ts';

const t = (key: string, values?: Record<string, unknown>) =>
  values ? `${key}:${JSON.stringify(values)}` : key;

const user: UserDetails = {
  id: 'u1',
  email: 'anna@acme.nl',
  firstName: 'Anna',
  lastName: 'Smit',
  title: 'Engineer',
  timeZone: null,
  status: 'provisioned',
};
const initial = editUserValuesOf(user);
const edited = (changes: Partial<EditUserValues>): EditUserValues => ({ ...initial, ...changes });

describe('editUserValuesOf', () => {
  it('fills every field, null and missing as empty text', () => {
    expect(initial).toMatchObject({ firstName: 'Anna', title: 'Engineer', timeZone: '', manager: '' });
  });
});

describe('editUserPatch', () => {
  it.each([
    ['nothing changed', {}, false, {}],
    ['a changed title, trimmed', { title: '  Lead  ' }, false, { title: 'Lead' }],
    ['only spaces added', { title: 'Engineer ' }, false, {}],
    ['a new time zone', { timeZone: 'Europe/Amsterdam' }, false, { timeZone: 'Europe/Amsterdam' }],
    ['names while sync is off', { firstName: 'Anne' }, false, { firstName: 'Anne' }],
    ['an emptied title, as null (clears it)', { title: '  ' }, false, { title: null }],
    [
      'names while sync is on are never sent',
      { firstName: 'Anne', department: 'Ops' },
      true,
      { department: 'Ops' },
    ],
  ] as const)('%s', (_name, changes, sync, expected) => {
    expect(editUserPatch(edited(changes), initial, sync)).toEqual(expected);
  });
});

describe('editUserErrors', () => {
  it.each([
    ['valid edits', { title: 'Lead' }, {}],
    [
      'a title over 200 characters',
      { title: 'x'.repeat(201) },
      { title: 'fieldErrors.maxLength:{"count":200}' },
    ],
    [
      'a first name over 100',
      { firstName: 'x'.repeat(101) },
      { firstName: 'fieldErrors.maxLength:{"count":100}' },
    ],
    ['an emptied title (cleared, not refused)', { title: ' ' }, {}],
    ['an emptied last name', { lastName: ' ' }, { lastName: 'fieldErrors.cannotClear' }],
    ['a field that was empty stays empty', { manager: '' }, {}],
  ] as const)('%s', (_name, changes, expected) => {
    expect(editUserErrors(edited(changes), initial, t)).toEqual(expected);
  });
});

describe('isLockedBySync', () => {
  it.each([
    ['firstName', true, true],
    ['displayName', true, true],
    ['title', true, false],
    ['firstName', false, false],
  ] as const)('%s with sync %s → %s', (field, sync, locked) => {
    expect(isLockedBySync(field, sync)).toBe(locked);
  });
});

describe('calling fields by package', () => {
  it.each([
    ['webex_calling', true, true],
    ['webex_voice', true, true],
    ['webex_meetings', false, true],
    [null, false, false],
  ] as const)('%s: caller ID number %s, Jabber %s', (packageId, callerId, jabber) => {
    expect(isFieldShown('callerIdNumber', packageId)).toBe(callerId);
    expect(showsJabber(packageId)).toBe(jabber);
  });

  it('sends only the Jabber settings that changed, a never-given one read as FALSE', () => {
    const initial = jabberValuesOf({
      id: 'u1',
      email: 'a@b.nl',
      status: 'provisioned',
      jabberCalling: null,
      jabberWithWebexTeams: true,
    });
    expect(initial).toEqual({ jabberCalling: false, jabberWithWebexTeams: true });
    expect(jabberPatch(initial, initial)).toEqual({});
    expect(jabberPatch({ jabberCalling: true, jabberWithWebexTeams: true }, initial)).toEqual({
      jabberCalling: true,
    });
  });
});

// The field rules of ADR 0083 as the planner applies them for every channel: over-long values and
// control / bidi characters are row errors on their column; a lookalike email is refused for a new
// identity; values stored before the rules, given back as they are, stay `unchanged`.
import { describe, expect, it } from 'vitest';
import type { DesiredUserChange } from './desired-change.ts';
import { InMemoryCustomerState } from './in-memory-customer-state.ts';
import { planUserChange } from './plan-user-change.ts';
import type { RowError } from './plan-issues.ts';
import { emptyUser, type UserState } from './user-state.ts';

const LEGACY: UserState = {
  ...emptyUser('legacy@x.nl'),
  packageId: 'webex_meetings',
  firstName: 'N'.repeat(150),
  title: 'T'.repeat(5000),
  department: 'bell\u0007',
};
const SPOOF: UserState = { ...emptyUser('a\u200b@x.nl'), packageId: 'webex_meetings', title: 'old' };

function state(): InMemoryCustomerState {
  return new InMemoryCustomerState({
    soldPackages: [{ packageId: 'webex_meetings', limit: null }],
    locations: [],
    numbers: [],
    users: [LEGACY, SPOOF, { ...emptyUser('a@x.nl'), packageId: 'webex_meetings' }],
    extensionLength: 4,
    defaultPackageTemplate: null,
    autoAssignBasicLicences: false,
    directorySync: false,
    customerFullAdmins: [],
    emailTakenElsewhere: () => false,
  });
}

function change(email: string, text: DesiredUserChange['text']): DesiredUserChange {
  return {
    email,
    text,
    jabberWithTeams: false,
    jabberCalling: false,
    packages: { webex_meetings: true },
    addOns: {},
    basicLicences: {},
  };
}

function plan(email: string, text: DesiredUserChange['text']) {
  const context = state();
  return planUserChange({
    current: context.user(email.trim().toLowerCase()),
    change: change(email, text),
    behaviour: 'add-only',
    channel: 'csv',
    context,
  });
}

describe('planUserChange: field rules (ADR 0083)', () => {
  const cases: Array<{ name: string; email: string; text: DesiredUserChange['text']; errors: RowError[] }> = [
    {
      name: 'a First Name of 3000 characters',
      email: 'new@x.nl',
      text: { firstName: 'N'.repeat(3000) },
      errors: [{ code: 'value_too_long', column: 'firstName', params: { length: 3000, limit: 100 } }],
    },
    {
      name: 'a First Name of 150 characters',
      email: 'new@x.nl',
      text: { firstName: 'N'.repeat(150) },
      errors: [{ code: 'value_too_long', column: 'firstName', params: { length: 150, limit: 100 } }],
    },
    {
      name: 'a Title of 5000 characters',
      email: 'new@x.nl',
      text: { title: 'T'.repeat(5000) },
      errors: [{ code: 'value_too_long', column: 'title', params: { length: 5000, limit: 200 } }],
    },
    {
      name: 'a name with BEL',
      email: 'new@x.nl',
      text: { lastName: 'ding\u0007dong' },
      errors: [{ code: 'forbidden_character', column: 'lastName', params: { character: 'U+0007' } }],
    },
    {
      name: 'a display name with a right-to-left override',
      email: 'new@x.nl',
      text: { displayName: 'Anna \u202Enimda' },
      errors: [{ code: 'forbidden_character', column: 'displayName', params: { character: 'U+202E' } }],
    },
    {
      name: 'a new email with a zero-width space',
      email: 'b\u200b@x.nl',
      text: {},
      errors: [
        { code: 'invalid_email', column: 'email', params: { value: 'b\u200b@x.nl', character: 'U+200B' } },
      ],
    },
    {
      name: 'a new full-width email',
      email: 'ＡＢＣ@x.nl',
      text: {},
      errors: [
        { code: 'invalid_email', column: 'email', params: { value: 'ＡＢＣ@x.nl', character: 'U+FF41' } },
      ],
    },
    {
      name: 'a new email of 3000 characters',
      email: `a@${'d'.repeat(3000)}.nl`,
      text: {},
      errors: [{ code: 'invalid_email', column: 'email', params: { value: `a@${'d'.repeat(3000)}.nl` } }],
    },
    {
      name: 'a legacy user given a new over-long title',
      email: 'legacy@x.nl',
      text: { title: 'U'.repeat(201) },
      errors: [{ code: 'value_too_long', column: 'title', params: { length: 201, limit: 200 } }],
    },
  ];
  it.each(cases)('refuses $name', ({ email, text, errors }) => {
    const result = plan(email, text);
    expect(result.action).toBe('error');
    expect(result.errors).toEqual(errors);
  });

  it('accepts values at the limit, with non-ASCII letters', () => {
    const result = plan('new@x.nl', { firstName: 'Å'.repeat(100), title: 'Ü'.repeat(200) });
    expect(result.action).toBe('add');
  });

  it('keeps values stored before the rules: given back as they are, the row is unchanged', () => {
    const result = plan('legacy@x.nl', {
      firstName: LEGACY.firstName,
      title: LEGACY.title,
      department: 'bell\u0007',
    });
    expect(result.action).toBe('unchanged');
  });

  it('lets a stored look-alike email be changed (it creates no new identity)', () => {
    const result = plan('a\u200b@x.nl', { title: 'new' });
    expect(result.action).toBe('modify');
    expect(result.changes).toEqual([{ field: 'title', before: 'old', after: 'new' }]);
  });
});

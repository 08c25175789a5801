import { describe, expect, it } from 'vitest';
import {
  errorForFailedStep,
  licenceChangeSteps,
  repairSteps,
  type LicenceHolding,
} from './licence-change.ts';

const none: LicenceHolding = { packageId: null, attendantConsole: false, hasCallingAttributes: false };
const calling: LicenceHolding = {
  packageId: 'webex_calling',
  attendantConsole: false,
  hasCallingAttributes: true,
};
const callingWithConsole: LicenceHolding = { ...calling, attendantConsole: true };
const meetings: LicenceHolding = {
  packageId: 'webex_meetings',
  attendantConsole: false,
  hasCallingAttributes: false,
};
const suite: LicenceHolding = {
  packageId: 'webex_suite',
  attendantConsole: false,
  hasCallingAttributes: true,
};

const show = (steps: ReturnType<typeof licenceChangeSteps>) =>
  steps.map((s) => (s.step === 'update_user_attributes' ? s.step : `${s.step}:${s.licence}`));

describe('licenceChangeSteps', () => {
  it.each([
    ['a new calling user', none, calling, ['assign_licence:webex_calling', 'update_user_attributes']],
    ['a new meetings user', none, meetings, ['assign_licence:webex_meetings']],
    [
      'a removed user with the add-on',
      callingWithConsole,
      none,
      ['unassign_licence:attendant_console', 'unassign_licence:webex_calling'],
    ],
    [
      'calling → suite',
      calling,
      suite,
      ['unassign_licence:webex_calling', 'assign_licence:webex_suite', 'update_user_attributes'],
    ],
    [
      'calling → meetings',
      calling,
      meetings,
      ['unassign_licence:webex_calling', 'assign_licence:webex_meetings'],
    ],
    [
      'meetings → calling with number',
      meetings,
      calling,
      ['unassign_licence:webex_meetings', 'assign_licence:webex_calling', 'update_user_attributes'],
    ],
    [
      'adding the console only',
      calling,
      callingWithConsole,
      ['assign_licence:attendant_console', 'update_user_attributes'],
    ],
    ['no change', calling, calling, []],
  ])('%s', (_name, before, after, expected) => {
    expect(show(licenceChangeSteps(before, after))).toEqual(expected);
  });
});

describe('repairSteps', () => {
  it('unassigns and reassigns what the user holds, add-on last in, first out', () => {
    expect(show(repairSteps(callingWithConsole))).toEqual([
      'unassign_licence:attendant_console',
      'unassign_licence:webex_calling',
      'assign_licence:webex_calling',
      'assign_licence:attendant_console',
      'update_user_attributes',
    ]);
    expect(show(repairSteps(meetings))).toEqual([
      'unassign_licence:webex_meetings',
      'assign_licence:webex_meetings',
    ]);
  });
});

describe('errorForFailedStep', () => {
  it.each([
    ['unassign_licence', 'Cannot update user license.'],
    ['assign_licence', 'Cannot update user license.'],
    ['update_user_attributes', 'Cannot update user attributes. License change cannot be reverted.'],
  ] as const)('%s → %s', (step, text) => {
    expect(errorForFailedStep(step).description).toBe(text);
  });
});

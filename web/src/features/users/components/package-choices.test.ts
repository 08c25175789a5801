import { describe, expect, it } from 'vitest';
import { packageChoices } from './package-choices.ts';

const ids = (choices: ReturnType<typeof packageChoices>) => choices.map((choice) => choice.entry.id);
const disabled = (choices: ReturnType<typeof packageChoices>) =>
  Object.fromEntries(
    choices
      .filter((choice) => choice.disabledReason)
      .map((choice) => [choice.entry.id, choice.disabledReason]),
  );

describe('packageChoices', () => {
  it('offers only the packages the customer was sold', () => {
    expect(ids(packageChoices(['webex_meetings', 'webex_calling', 'attendant_console']))).toEqual([
      'webex_calling',
      'webex_meetings',
    ]);
  });

  it('offers the whole catalog while the sold packages are unknown', () => {
    expect(ids(packageChoices(null))).toHaveLength(6);
  });

  it("keeps the user's current package visible even when no longer sold", () => {
    expect(ids(packageChoices(['webex_meetings'], 'cx_essentials'))).toEqual([
      'webex_meetings',
      'cx_essentials',
    ]);
  });

  it.each([
    ['webex_calling', { webex_calling_standard: 'changePackage.forbiddenStandard' }],
    ['webex_suite', { webex_calling_standard: 'changePackage.forbiddenStandard' }],
    ['cx_essentials', { webex_calling_standard: 'changePackage.forbiddenStandard' }],
    ['webex_voice', {}],
    ['webex_meetings', {}],
    ['webex_calling_standard', {}],
    [null, {}],
  ])('from %s disables %o (SPEC §3 forbidden changes)', (from, expected) => {
    const all = [
      'webex_voice',
      'webex_calling',
      'webex_calling_standard',
      'webex_meetings',
      'webex_suite',
      'cx_essentials',
    ];
    expect(disabled(packageChoices(all, from))).toEqual(expected);
  });
});

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

  const everyPackage = [
    'webex_voice',
    'webex_calling',
    'webex_calling_standard',
    'webex_meetings',
    'webex_suite',
    'cx_essentials',
  ];
  const fullAdminLower = 'changePackage.fullAdminLower';
  const forbiddenStandard = 'changePackage.forbiddenStandard';

  it.each([
    ['webex_meetings', {}],
    ['webex_voice', {}],
    ['webex_calling_standard', { webex_voice: fullAdminLower, webex_meetings: fullAdminLower }],
    [
      'webex_calling',
      {
        webex_voice: fullAdminLower,
        webex_meetings: fullAdminLower,
        webex_calling_standard: forbiddenStandard,
      },
    ],
    [
      'cx_essentials',
      {
        webex_voice: fullAdminLower,
        webex_meetings: fullAdminLower,
        webex_calling_standard: forbiddenStandard,
      },
    ],
    [
      'webex_suite',
      {
        webex_voice: fullAdminLower,
        webex_meetings: fullAdminLower,
        webex_calling_standard: forbiddenStandard,
        webex_calling: fullAdminLower,
        cx_essentials: fullAdminLower,
      },
    ],
    [null, {}],
  ])('a customer full admin on %s may not move lower: disables %o', (from, expected) => {
    expect(disabled(packageChoices(everyPackage, from, { isCustomerFullAdmin: true }))).toEqual(expected);
  });

  it('disables nothing lower for a user who is not (or not known to be) a full admin', () => {
    expect(disabled(packageChoices(everyPackage, 'webex_suite', { isCustomerFullAdmin: false }))).toEqual({
      webex_calling_standard: forbiddenStandard,
    });
    expect(disabled(packageChoices(everyPackage, 'webex_suite'))).toEqual({
      webex_calling_standard: forbiddenStandard,
    });
  });

  const sold = (id: string, limit: number | null, used: number | null) => ({ id, limit, used });

  it.each([
    ['used below the limit', sold('webex_voice', 5, 4), 'webex_meetings', null],
    ['used at the limit', sold('webex_voice', 5, 5), 'webex_meetings', 'changePackage.limitReached'],
    ['used above the limit', sold('webex_voice', 5, 7), 'webex_meetings', 'changePackage.limitReached'],
    ['a limit of zero', sold('webex_voice', 0, 0), 'webex_meetings', 'changePackage.limitReached'],
    ['no limit', sold('webex_voice', null, 900), 'webex_meetings', null],
    ['usage unknown', sold('webex_voice', 5, null), 'webex_meetings', null],
    ["the user's own package at the limit", sold('webex_voice', 5, 5), 'webex_voice', null],
    ['a user without a package', sold('webex_voice', 1, 1), null, 'changePackage.limitReached'],
  ])('Webex Voice with %s', (_case, voice, from, expected) => {
    const choices = packageChoices([voice, sold('webex_meetings', null, 0)], from);
    expect(choices.find((choice) => choice.entry.id === 'webex_voice')?.disabledReason).toBe(expected);
  });

  it('names the numbers of a reached limit', () => {
    const [voice] = packageChoices([sold('webex_voice', 3, 3)], null);
    expect(voice?.reasonValues).toEqual({ used: 3, limit: 3 });
  });

  it('gives the forbidden change as the reason when the limit is reached too', () => {
    const choices = packageChoices(
      [sold('webex_suite', null, 1), sold('webex_calling_standard', 1, 1)],
      'webex_suite',
    );
    expect(disabled(choices)).toEqual({ webex_calling_standard: forbiddenStandard });
  });
});

describe('packageChoices: the Attendant Console add-on (SPEC §3)', () => {
  const addOnOf = (choices: ReturnType<typeof packageChoices>) =>
    Object.fromEntries(choices.map((choice) => [choice.entry.id, choice.addOn?.entry.id ?? null]));

  it('is offered only next to Webex Calling, Webex Suite and Customer Assist when sold', () => {
    const all = [
      'webex_voice',
      'webex_calling',
      'webex_calling_standard',
      'webex_meetings',
      'webex_suite',
      'cx_essentials',
      'attendant_console',
    ];
    expect(addOnOf(packageChoices(all))).toEqual({
      webex_voice: null,
      webex_calling: 'attendant_console',
      webex_calling_standard: null,
      webex_meetings: null,
      webex_suite: 'attendant_console',
      cx_essentials: 'attendant_console',
    });
  });

  it('is not offered when the customer was not sold it, unless the user holds it', () => {
    expect(addOnOf(packageChoices(['webex_calling']))).toEqual({ webex_calling: null });
    expect(
      addOnOf(packageChoices(['webex_calling'], 'webex_calling', { holdsAttendantConsole: true })),
    ).toEqual({ webex_calling: 'attendant_console' });
  });

  it('is disabled when its limit is used up, except for a user who holds it', () => {
    const sold = [
      { id: 'webex_calling', limit: null, used: 0 },
      { id: 'attendant_console', limit: 2, used: 2 },
    ];
    expect(packageChoices(sold)[0]?.addOn).toMatchObject({
      disabledReason: 'changePackage.limitReached',
      reasonValues: { used: 2, limit: 2 },
    });
    expect(packageChoices(sold, 'webex_calling', { holdsAttendantConsole: true })[0]?.addOn).toMatchObject({
      disabledReason: null,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { BatchedCustomerState, type BatchFacts } from './batched-customer-state.ts';
import type { DesiredUserChange } from './desired-change.ts';
import { planUserChange } from './plan-user-change.ts';
import { emptyUser, type UserState } from './user-state.ts';

const state = (repeatedEmailOfRow?: (row: number) => string | undefined) =>
  new BatchedCustomerState({
    repeatedEmailOfRow,
    soldPackages: [{ packageId: 'webex_calling', limit: 3 }],
    locations: [{ id: 'ams', name: 'Amsterdam HQ', country: 'NL' }],
    extensionLength: 4,
    defaultPackageTemplate: null,
    autoAssignBasicLicences: true,
    directorySync: false,
    customerFullAdmins: [],
    usage: new Map([['webex_calling', 1]]),
  });

const stored: UserState = {
  ...emptyUser('stored@x.nl'),
  packageId: 'webex_calling',
  locationId: 'ams',
  phoneNumber: '+31201234500',
  extension: '1000',
};

/** What the database answers for one batch: the stored user holds …500 and 1000. */
const batch = (overrides: Partial<BatchFacts> = {}): BatchFacts => ({
  users: new Map([[stored.email, stored]]),
  foreignEmails: new Set(['other@x.nl']),
  numbers: new Map([
    ['+31201234500', { locationId: 'ams', holder: stored.email }],
    ['+31201234501', { locationId: 'ams', holder: null }],
  ]),
  extensionHolders: new Map([['1000', stored.email]]),
  ...overrides,
});

const calling = (email: string, phoneNumber: string, extension: string): DesiredUserChange => ({
  email,
  text: { preferredWebexSite: 's' },
  phoneNumber,
  extension,
  location: 'Amsterdam HQ',
  jabberCalling: false,
  jabberWithTeams: false,
  packages: { webex_calling: true },
  addOns: {},
  basicLicences: {},
});

/** Plans `change` as the file's row `row` and applies it when it has no errors. */
function plan(
  context: BatchedCustomerState,
  row: number,
  change: DesiredUserChange,
  behaviour = 'add-only' as const,
) {
  const planned = planUserChange({
    current: context.user(change.email),
    change,
    behaviour,
    channel: 'csv',
    context,
  });
  if (planned.errors.length === 0) context.apply(planned, row);
  return planned;
}

describe('BatchedCustomerState', () => {
  it('answers from the loaded batch: users, foreign emails, inventory and holders', () => {
    const context = state();
    context.loadBatch(batch());
    expect(context.user('STORED@x.nl')).toEqual(stored);
    expect(context.user('new@x.nl')).toBeNull();
    expect(context.emailTakenElsewhere('Other@x.nl')).toBe(true);
    expect(context.numberEntry('+31201234500')).toEqual({ locationId: 'ams', holder: stored.email });
    expect(context.numberEntry('+31201234599')).toBeNull();
    expect(context.extensionHolder('1000')).toBe(stored.email);
    expect(context.usage('webex_calling')).toBe(1);
  });

  it("lets an earlier row's claims win over what a later batch reads from the database", () => {
    const context = state();
    context.loadBatch(batch());
    expect(plan(context, 2, calling('a@x.nl', '+31201234501', '1001')).action).toBe('add');
    // The next batch was looked up before the first was written: the database says "free".
    context.loadBatch(batch({ users: new Map() }));
    // a@x.nl is on no other row of the file: its claim names the row, which no email equals.
    expect(context.numberEntry('+31201234501')?.holder).toBe('(row 2)');
    expect(context.extensionHolder('1001')).toBe('(row 2)');
    expect(
      plan(context, 3, calling('b@x.nl', '+31201234501', '1001')).errors.map((error) => error.code),
    ).toEqual(['extension_taken', 'number_taken']);
    expect(context.usage('webex_calling')).toBe(2);
  });

  it('frees what a removed or changed user held, even when the batch did not look it up', () => {
    const context = state();
    // A removal row names neither the number nor the extension: the batch has no holders.
    context.loadBatch(batch({ numbers: new Map(), extensionHolders: new Map() }));
    const removal = planUserChange({
      current: stored,
      change: { ...calling(stored.email, '', ''), packages: { webex_calling: false } },
      behaviour: 'add-remove',
      channel: 'csv',
      context,
    });
    expect(removal.action).toBe('remove');
    context.apply(removal, 2);
    expect(context.usage('webex_calling')).toBe(0);
    context.loadBatch(batch({ users: new Map() }));
    expect(context.numberEntry('+31201234500')?.holder).toBeNull();
    expect(context.extensionHolder('1000')).toBeNull();
    expect(plan(context, 3, calling('c@x.nl', '+31201234500', '1000')).action).toBe('add');
    expect(context.numberEntry('+31201234500')?.holder).toBe('(row 3)');
  });

  it('does not free a key that a later row of the import took over', () => {
    const context = state();
    context.loadBatch(batch());
    plan(context, 2, calling(stored.email, '+31201234501', '1001')); // stored moves to …501 / 1001
    plan(context, 3, calling('d@x.nl', '+31201234500', '1000')); // d takes …500 / 1000 over
    expect(context.numberEntry('+31201234500')?.holder).toBe('(row 3)');
    expect(context.extensionHolder('1000')).toBe('(row 3)');
    expect(context.numberEntry('+31201234501')?.holder).toBe('(row 2)');
  });

  it("names a claimer's email when the file repeats it, so that row's user still holds the key", () => {
    const context = state((row) => (row === 2 ? 'a@x.nl' : undefined));
    context.loadBatch(batch());
    plan(context, 2, calling('a@x.nl', '+31201234501', '1001'));
    expect(context.numberEntry('+31201234501')?.holder).toBe('a@x.nl');
    expect(context.extensionHolder('1001')).toBe('a@x.nl');
    // A later row of a@x.nl (an error of its own, a repeat) is not told its number is taken.
    const again = planUserChange({
      current: null,
      change: calling('a@x.nl', '+31201234501', '1001'),
      behaviour: 'add-only',
      channel: 'csv',
      context,
    });
    expect(again.errors).toEqual([]);
  });

  it('keeps extensions with leading zeros and numbers that differ only high up apart', () => {
    const context = state();
    context.loadBatch(
      batch({
        numbers: new Map([
          ['+31201234501', { locationId: 'ams', holder: null }],
          ['+41201234501', { locationId: 'ams', holder: null }],
        ]),
        extensionHolders: new Map(),
      }),
    );
    const withLength = (extension: string) => ({ ...calling('e@x.nl', '+31201234501', extension) });
    expect(plan(context, 2, withLength('0123')).action).toBe('add');
    expect(context.extensionHolder('0123')).toBe('(row 2)');
    expect(context.extensionHolder('123')).toBeNull();
    expect(context.extensionHolder('00123')).toBeNull();
    expect(context.numberEntry('+41201234501')?.holder).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { Customer } from '../api/customer-types.ts';
import type { PackageChoices } from './edit-packages-values.ts';
import { invalidLimits, limitsBelowUse, packageChoicesOf, packagesPatchOf } from './edit-packages-values.ts';

const customer: Customer = {
  id: 'c1',
  name: 'Acme BV',
  externalId: 'ACME-1',
  status: 'provisioned',
  packages: [
    { id: 'webex_calling', limit: 10, used: 3 },
    { id: 'webex_meetings', limit: null },
  ],
};
const ids = ['webex_meetings', 'webex_calling', 'webex_suite'];
const initial = packageChoicesOf(customer, ids);

describe('edit sold packages', () => {
  it('starts from what is sold, with its limits', () => {
    expect(initial).toEqual({
      webex_meetings: { selected: true, limit: '' },
      webex_calling: { selected: true, limit: '10' },
      webex_suite: { selected: false, limit: '' },
    });
  });

  it.each<{ name: string; change: PackageChoices; patch: unknown }>([
    { name: 'nothing changed', change: {}, patch: null },
    {
      name: 'a package added',
      change: { webex_suite: { selected: true, limit: '5' } },
      patch: [{ id: 'webex_meetings' }, { id: 'webex_calling', limit: 10 }, { id: 'webex_suite', limit: 5 }],
    },
    {
      name: 'a package removed and a limit lifted',
      change: {
        webex_meetings: { selected: false, limit: '' },
        webex_calling: { selected: true, limit: '' },
      },
      patch: [{ id: 'webex_calling' }],
    },
  ])('sends the whole list when something changed: $name', ({ change, patch }) => {
    expect(packagesPatchOf({ ...initial, ...change }, initial)).toEqual(patch);
  });

  it('finds limits that are no whole number, among sold packages only', () => {
    expect(
      invalidLimits({
        ...initial,
        webex_calling: { selected: true, limit: '2.5' },
        webex_suite: { selected: false, limit: 'x' },
      }),
    ).toEqual(['webex_calling']);
  });

  it.each<{ name: string; limit: string; selected?: boolean; below: string[] }>([
    { name: 'below the 3 holders', limit: '2', below: ['webex_calling'] },
    { name: 'equal to the holders', limit: '3', below: [] },
    { name: 'no limit', limit: '', below: [] },
    { name: 'not a number (the format check says so)', limit: 'x', below: [] },
    { name: 'not sold any more', limit: '0', selected: false, below: [] },
  ])('finds a limit below its use: $name', ({ limit, selected = true, below }) => {
    const used = new Map([['webex_calling', 3]]);
    expect(limitsBelowUse({ ...initial, webex_calling: { selected, limit } }, used)).toEqual(below);
  });
});

import { describe, expect, it } from 'vitest';
import type { PlanAction } from '../users/plan-user-change.ts';
import { emptyUser, type UserState } from '../users/user-state.ts';
import type { CsvRowPlan } from './plan-csv-rows.ts';
import { refuseRowsOverLimits } from './refuse-rows-over-limits.ts';

type Holding = string | null;

function user(email: string, holding: Holding, console = false): UserState {
  const base = emptyUser(email);
  return {
    ...base,
    packageId: holding as UserState['packageId'],
    addOns: { ...base.addOns, attendant_console: console },
  };
}

/** A planned row: `from` -> `to` (undefined: no user before / after). */
function row(
  n: number,
  action: PlanAction,
  from?: Holding,
  to?: Holding,
  consoles: [boolean, boolean] = [false, false],
): CsvRowPlan {
  const email = `u${n}@x.nl`;
  const before = from === undefined ? null : user(email, from, consoles[0]);
  const after = to === undefined ? null : user(email, to, consoles[1]);
  return {
    rowNumber: n,
    line: n,
    email,
    action,
    plan: { action, email, before, after, changes: [], errors: [], warnings: [] },
    errors: [],
    warnings: [],
    cells: [email],
  };
}

interface Case {
  readonly name: string;
  readonly rows: CsvRowPlan[];
  readonly limits: Record<string, number>;
  readonly stored: Record<string, number>;
  readonly expected: PlanAction[];
}

const limits = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('refuseRowsOverLimits', () => {
  it.each<Case>([
    {
      name: 'rows within the limit are all kept',
      rows: [row(1, 'add', undefined, 'webex_meetings'), row(2, 'add', undefined, 'webex_meetings')],
      limits: { webex_meetings: 3 },
      stored: { webex_meetings: 1 },
      expected: ['add', 'add'],
    },
    {
      name: 'the last rows past the limit are refused',
      rows: [1, 2, 3].map((n) => row(n, 'add', undefined, 'webex_meetings')),
      limits: { webex_meetings: 3 },
      stored: { webex_meetings: 2 },
      expected: ['add', 'error', 'error'],
    },
    {
      name: 'a removal in the batch frees a place for an addition before it',
      rows: [row(1, 'add', undefined, 'webex_meetings'), row(2, 'remove', 'webex_meetings', undefined)],
      limits: { webex_meetings: 2 },
      stored: { webex_meetings: 2 },
      expected: ['add', 'remove'],
    },
    {
      name: 'unlimited packages are never refused',
      rows: [1, 2].map((n) => row(n, 'add', undefined, 'webex_voice')),
      limits: { webex_meetings: 0 },
      stored: {},
      expected: ['add', 'add'],
    },
    {
      name: 'a change that lowers usage is kept while a limit is already passed',
      rows: [
        row(1, 'modify', 'webex_meetings', 'webex_voice'),
        row(2, 'modify', 'webex_voice', 'webex_meetings'),
      ],
      limits: { webex_meetings: 1 },
      stored: { webex_meetings: 3 },
      expected: ['modify', 'modify'],
    },
    {
      name: 'the add-on is limited like a package',
      rows: [
        row(1, 'modify', 'webex_calling', 'webex_calling', [false, true]),
        row(2, 'add', undefined, 'webex_calling', [false, true]),
      ],
      limits: { attendant_console: 1 },
      stored: { attendant_console: 0 },
      expected: ['modify', 'error'],
    },
    {
      name: 'refusing a move gives the package left its holder back, which may refuse a row there',
      rows: [
        row(1, 'modify', 'webex_suite', 'webex_meetings'),
        row(2, 'add', undefined, 'webex_suite'),
        row(3, 'add', undefined, 'webex_meetings'),
      ],
      limits: { webex_meetings: 1, webex_suite: 1 },
      stored: { webex_meetings: 1, webex_suite: 1 },
      expected: ['error', 'error', 'error'],
    },
  ])('$name', ({ rows, limits: sold, stored, expected }) => {
    const result = refuseRowsOverLimits(rows, limits(sold), new Map(Object.entries(stored)));
    expect(result.map((planned) => planned.action)).toEqual(expected);
    for (const [index, planned] of result.entries()) {
      if (planned.action !== 'error') {
        expect(planned).toBe(rows[index]);
        continue;
      }
      expect(planned.errors.map((error) => error.code)).toEqual(['package_limit_reached']);
      expect(planned.plan.after).toEqual(planned.plan.before);
      expect(planned.cells).toEqual(rows[index]?.cells);
    }
  });
});

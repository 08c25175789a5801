import { describe, expect, it } from 'vitest';
import type { CustomerView } from '../../services/customers/customer-view.ts';
import { describeCustomer, describePackages } from './customers.ts';

const customer = {
  id: 'c1',
  externalId: 'DEVRIES-001',
  name: 'Bakkerij De Vries',
  status: 'provisioned',
} as const;

describe('describePackages', () => {
  it.each([
    [[], ''],
    [[{ id: 'webex_calling', limit: null, used: 2 }], 'webex_calling (2 used)'],
    [
      [
        { id: 'webex_calling', limit: null, used: 0 },
        { id: 'webex_suite', limit: 50, used: 50 },
      ],
      'webex_calling (0 used), webex_suite (50/50 used)',
    ],
  ])('prints the sold packages %j with their usage', (packages, expected) => {
    expect(describePackages({ ...customer, packages } as unknown as CustomerView)).toBe(expected);
  });
});

describe('describeCustomer', () => {
  it('prints key: value lines, keys aligned', () => {
    const packages = [{ id: 'webex_suite', limit: 50, used: 3 }];
    expect(describeCustomer({ ...customer, packages } as unknown as CustomerView)).toBe(
      [
        'id:         c1',
        'externalId: DEVRIES-001',
        'name:       Bakkerij De Vries',
        'status:     provisioned',
        'packages:   webex_suite (3/50 used)',
      ].join('\n'),
    );
  });
});

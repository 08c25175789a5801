import { describe, expect, it } from 'vitest';
import type { CustomerView } from '../../services/customers/customer-view.ts';
import { describeCustomer } from './customers.ts';

const customer = {
  id: 'c1',
  externalId: 'DEVRIES-001',
  name: 'Bakkerij De Vries',
  status: 'provisioned',
} as const;

describe('describeCustomer', () => {
  it.each([
    [[], 'c1  DEVRIES-001  Bakkerij De Vries  [provisioned]'],
    [
      [{ id: 'webex_calling', limit: null, used: 2 }],
      'c1  DEVRIES-001  Bakkerij De Vries  [provisioned]  webex_calling (2 used)',
    ],
    [
      [
        { id: 'webex_calling', limit: null, used: 0 },
        { id: 'webex_suite', limit: 50, used: 50 },
      ],
      'c1  DEVRIES-001  Bakkerij De Vries  [provisioned]  webex_calling (0 used), webex_suite (50/50 used)',
    ],
  ])('prints the sold packages %j with their usage', (packages, expected) => {
    expect(describeCustomer({ ...customer, packages } as unknown as CustomerView)).toBe(expected);
  });
});

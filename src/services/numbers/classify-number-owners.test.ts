import { describe, expect, it } from 'vitest';
import type { NumberOwner } from '../../db/repositories/phone-numbers.ts';
import { classifyNumberOwners } from './classify-number-owners.ts';

const owner = (e164: string, partner: string, customer: string, location: string): NumberOwner => ({
  e164,
  partner_id: partner,
  customer_id: customer,
  customer_name: `name-${customer}`,
  location_id: location,
  location_name: `name-${location}`,
});

const target = { customerId: 'c1', locationId: 'l1' };
const owners = [
  owner('+1', 'p1', 'c1', 'l1'), // in the target location
  owner('+2', 'p1', 'c1', 'l2'), // same customer, other location
  owner('+3', 'p1', 'c2', 'l3'), // same partner, other customer
  owner('+4', 'p2', 'c9', 'l9'), // another partner
];

describe('classifyNumberOwners', () => {
  it.each([
    {
      who: 'operator',
      scope: { partnerId: null, customerId: null },
      visible: ['+2', '+3', '+4'],
      foreign: [],
    },
    {
      who: 'partner admin',
      scope: { partnerId: 'p1', customerId: null },
      visible: ['+2', '+3'],
      foreign: ['+4'],
    },
    {
      who: 'customer admin',
      scope: { partnerId: 'p1', customerId: 'c1' },
      visible: ['+2'],
      foreign: ['+3', '+4'],
    },
    {
      who: "another partner's admin",
      scope: { partnerId: 'p2', customerId: null },
      visible: ['+4'],
      foreign: ['+2', '+3'],
    },
  ])('shows a $who only the owners it may see', ({ scope, visible, foreign }) => {
    const result = classifyNumberOwners(owners, target, scope);
    expect(result.present.map((row) => row.e164)).toEqual(['+1']);
    expect(result.visibleElsewhere.map((row) => row.e164)).toEqual(visible);
    expect(result.foreign.map((row) => row.e164)).toEqual(foreign);
  });
});

import { describe, expect, it } from 'vitest';
import type { AdminRole } from '../../../lib/grantable-roles.ts';
import { tokenRolesGrantableBy } from './token-roles.ts';

describe('tokenRolesGrantableBy', () => {
  const customerRoles: AdminRole[] = ['customer_full_admin', 'customer_readonly_admin'];
  it.each<[AdminRole, 'partner' | 'customer', AdminRole[]]>([
    ['operator', 'customer', customerRoles],
    ['partner_full_admin', 'customer', customerRoles],
    ['partner_readonly_admin', 'customer', []],
    ['customer_full_admin', 'customer', customerRoles],
    ['customer_readonly_admin', 'customer', []],
    ['partner_full_admin', 'partner', ['partner_full_admin', 'partner_readonly_admin']],
    ['partner_readonly_admin', 'partner', []],
    ['customer_full_admin', 'partner', []],
    ['customer_readonly_admin', 'partner', []],
  ])('%s on a %s page grants %j', (role, scope, expected) => {
    expect(tokenRolesGrantableBy(role, scope)).toEqual(expected);
  });
});

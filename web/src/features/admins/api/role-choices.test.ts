import { describe, expect, it } from 'vitest';
import type { AdminRole } from '../../../lib/grantable-roles.ts';
import { customerRolesGrantableBy, mayManageAdmin, roleChoicesFor } from './role-choices.ts';

describe('which admin accounts the signed-in admin may manage', () => {
  it.each<{ me: AdminRole; target: AdminRole; may: boolean }>([
    { me: 'partner_full_admin', target: 'partner_full_admin', may: true },
    { me: 'partner_full_admin', target: 'customer_readonly_admin', may: true },
    { me: 'partner_full_admin', target: 'operator', may: false },
    { me: 'partner_readonly_admin', target: 'partner_readonly_admin', may: false },
    { me: 'customer_full_admin', target: 'customer_readonly_admin', may: true },
    { me: 'customer_full_admin', target: 'partner_readonly_admin', may: false },
    { me: 'operator', target: 'operator', may: true },
  ])('$me manages $target: $may', ({ me, target, may }) => {
    expect(mayManageAdmin({ id: 'me', role: me }, { id: 'other', role: target })).toBe(may);
  });

  it('never offers to manage one’s own account, nor anything before the role is known', () => {
    expect(mayManageAdmin({ id: 'me', role: 'operator' }, { id: 'me', role: 'operator' })).toBe(false);
    expect(mayManageAdmin(null, { id: 'other', role: 'partner_readonly_admin' })).toBe(false);
  });
});

describe('the roles an account may be given', () => {
  it.each<{ me: AdminRole; target: AdminRole; choices: AdminRole[] }>([
    {
      me: 'partner_full_admin',
      target: 'partner_readonly_admin',
      choices: ['partner_full_admin', 'partner_readonly_admin'],
    },
    {
      me: 'operator',
      target: 'partner_full_admin',
      choices: ['partner_full_admin', 'partner_readonly_admin', 'operator'],
    },
    {
      me: 'partner_full_admin',
      target: 'customer_full_admin',
      choices: ['customer_full_admin', 'customer_readonly_admin'],
    },
    {
      me: 'customer_full_admin',
      target: 'customer_readonly_admin',
      choices: ['customer_full_admin', 'customer_readonly_admin'],
    },
  ])('$me changing a $target: $choices', ({ me, target, choices }) => {
    expect(roleChoicesFor(me, { role: target })).toEqual(choices);
  });
});

describe('the customer roles an admin may grant on a customer admins page', () => {
  const customerRoles: AdminRole[] = ['customer_full_admin', 'customer_readonly_admin'];
  it.each<{ me: AdminRole; roles: AdminRole[] }>([
    { me: 'operator', roles: customerRoles },
    { me: 'partner_full_admin', roles: customerRoles },
    { me: 'customer_full_admin', roles: customerRoles },
    { me: 'partner_readonly_admin', roles: [] },
    { me: 'customer_readonly_admin', roles: [] },
  ])('$me grants $roles', ({ me, roles }) => {
    expect(customerRolesGrantableBy(me)).toEqual(roles);
  });
});

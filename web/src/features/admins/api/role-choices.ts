import type { AdminRole } from '../../../lib/grantable-roles.ts';
import { partnerRolesGrantableBy } from '../../../lib/grantable-roles.ts';

const CUSTOMER_ROLES: readonly AdminRole[] = ['customer_full_admin', 'customer_readonly_admin'];

export function isCustomerRole(role: AdminRole): boolean {
  return CUSTOMER_ROLES.includes(role);
}

/**
 * The customer roles `role` may grant for a customer (the server checks that a customer admin
 * grants them for its own customer only). Read-only roles grant nothing.
 */
export function customerRolesGrantableBy(role: AdminRole): AdminRole[] {
  const may = role === 'operator' || role === 'partner_full_admin' || role === 'customer_full_admin';
  return may ? [...CUSTOMER_ROLES] : [];
}

/** Every role `role` may grant, partner and customer level alike (the server's GRANTABLE table). */
function allRolesGrantableBy(role: AdminRole): AdminRole[] {
  return [...partnerRolesGrantableBy(role), ...customerRolesGrantableBy(role)];
}

/** The signed-in admin as the admins page needs it. */
export interface SignedInAdmin {
  id: string;
  role: AdminRole;
}

/**
 * Mirrors the server: touching an account means granting its role, so only an account whose role
 * the signed-in admin may grant can be changed or removed; never one's own account.
 */
export function mayManageAdmin(
  me: SignedInAdmin | null | undefined,
  target: { id: string; role: AdminRole },
) {
  if (!me || me.id === target.id) return false;
  return allRolesGrantableBy(me.role).includes(target.role);
}

/** The roles an account may be given: ones the signed-in admin may grant, at the account's level. */
export function roleChoicesFor(myRole: AdminRole, target: { role: AdminRole }): AdminRole[] {
  return allRolesGrantableBy(myRole).filter((role) => isCustomerRole(role) === isCustomerRole(target.role));
}

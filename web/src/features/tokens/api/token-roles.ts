import type { AdminRole } from '../../../lib/grantable-roles.ts';
import { partnerRolesGrantableBy } from '../../../lib/grantable-roles.ts';

const CUSTOMER_ROLES: readonly AdminRole[] = ['customer_full_admin', 'customer_readonly_admin'];

export function isCustomerRole(role: AdminRole): boolean {
  return CUSTOMER_ROLES.includes(role);
}

/**
 * The roles the signed-in admin may give a new token on this page (the server checks again).
 * Partner Hub: partner-level roles. A customer's page (Control Hub): the customer roles, which the
 * operator, partner full admins and that customer's full admins may grant; read-only roles none.
 */
export function tokenRolesGrantableBy(role: AdminRole, scope: 'partner' | 'customer'): AdminRole[] {
  if (scope === 'partner') return partnerRolesGrantableBy(role);
  const may = role === 'operator' || role === 'partner_full_admin' || role === 'customer_full_admin';
  return may ? [...CUSTOMER_ROLES] : [];
}

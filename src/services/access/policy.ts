// The one place that decides what an actor may see and do (SPEC §1). Reads are scoped in SQL
// through `CustomerScope`, so a foreign tenant's row is simply not found (404, never 403);
// writes additionally need a role that may write.
import { forbidden, notFound } from '../../domain/errors.ts';
import { ROLES, type Role } from '../../db/schema.ts';
import { isCustomerRole, isReadOnly, type Actor } from './actor.ts';

/** Which customers a query may touch. `partnerId: null` only for the operator (all partners). */
export interface CustomerScope {
  readonly partnerId: string | null;
  readonly customerId: string | null;
}

export function customerScope(actor: Actor): CustomerScope {
  if (actor.role === 'operator') return { partnerId: null, customerId: null };
  return { partnerId: actor.partnerId, customerId: actor.customerId };
}

export function assertCanWrite(actor: Actor): void {
  if (isReadOnly(actor)) throw forbidden();
}

/** Creating or deleting customers, managing partner admins: partner full admins and the operator. */
export function assertPartnerAdmin(actor: Actor): void {
  if (actor.role !== 'operator' && actor.role !== 'partner_full_admin') {
    if (actor.customerId !== null) throw notFound('Resource', 'Bron');
    throw forbidden();
  }
}

/**
 * Partner-level reads and checks (e.g. whether a customer could be created, which externalIds the
 * partner uses): the operator and partner roles. Customer roles see no partner level: 404.
 */
export function assertPartnerRole(actor: Actor): void {
  if (actor.customerId !== null || isCustomerRole(actor.role)) throw notFound('Resource', 'Bron');
}

/** What a customer bought is the partner's contract: its own admins may edit its details only. */
export function assertMayChangeSoldPackages(actor: Actor): void {
  if (actor.role === 'operator' || actor.role === 'partner_full_admin') return;
  throw forbidden({
    en: 'Only the partner can change the packages sold to a customer and their limits.',
    nl: 'Alleen de partner kan de aan een klant verkochte pakketten en hun limieten wijzigen.',
  });
}

/**
 * A customer's externalId is the partner's own id for it, and which ids the partner uses is
 * partner-level (see assertPartnerRole): a customer role that could set it would learn its
 * siblings' ids from a 409 and could break the partner's references. Saving it unchanged is fine.
 */
export function assertMayChangeExternalId(actor: Actor): void {
  if (actor.customerId === null && !isCustomerRole(actor.role)) return;
  throw forbidden({
    en: "Only the partner can change a customer's external ID.",
    nl: 'Alleen de partner kan de externe ID van een klant wijzigen.',
  });
}

export function assertOperator(actor: Actor): void {
  if (actor.role !== 'operator') throw notFound('Resource', 'Bron');
}

const GRANTABLE: Readonly<Record<Role, readonly Role[]>> = {
  operator: ROLES,
  partner_full_admin: [
    'partner_full_admin',
    'partner_readonly_admin',
    'customer_full_admin',
    'customer_readonly_admin',
  ],
  partner_readonly_admin: [],
  customer_full_admin: ['customer_full_admin', 'customer_readonly_admin'],
  customer_readonly_admin: [],
};

/**
 * Operator accounts and tokens belong to the deployment, not to the partner they are filed under:
 * only the operator sees them (others get 404, as for any row outside their scope).
 */
export function maySeeHolderOf(actor: Actor, role: Role): boolean {
  return role !== 'operator' || actor.role === 'operator';
}

/** Whether `granter` may grant `role`: nobody grants a role above their own. */
export function mayGrant(granter: Role, role: Role): boolean {
  return GRANTABLE[granter].includes(role);
}

/** Nobody grants a role above their own (admins, API tokens). */
export function assertCanGrant(actor: Actor, role: Role): void {
  if (!mayGrant(actor.role, role)) throw forbidden();
}

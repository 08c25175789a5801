// Who is acting. Every service call carries one; the access policy and the audit log read it.
import type { Role } from '../../db/schema.ts';

export type ActorType = 'admin' | 'token' | 'cli' | 'scim_token' | 'system';

export interface Actor {
  readonly type: ActorType;
  /** Admin account id, API token id, SCIM token id; null for the system. */
  readonly id: string | null;
  /** Email or token name, for the audit log. */
  readonly label: string;
  readonly role: Role;
  /** The partner the actor works for (the operator: the partner it acts on). */
  readonly partnerId: string;
  /** Customer roles only: the one organization they may see. */
  readonly customerId: string | null;
}

export const READ_ONLY_ROLES: readonly Role[] = ['partner_readonly_admin', 'customer_readonly_admin'];

export function isReadOnly(actor: Actor): boolean {
  return READ_ONLY_ROLES.includes(actor.role);
}

export function isCustomerRole(role: Role): boolean {
  return role === 'customer_full_admin' || role === 'customer_readonly_admin';
}

export function systemActor(partnerId: string, label = 'system'): Actor {
  return { type: 'system', id: null, label, role: 'operator', partnerId, customerId: null };
}

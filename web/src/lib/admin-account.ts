import type { AdminRole } from './grantable-roles.ts';

/** An admin account as GET /v1/admins answers it (the admins page and the package rules read it). */
export interface AdminAccount {
  id: string;
  email: string;
  displayName: string | null;
  role: AdminRole;
  partnerId: string;
  customerId: string | null;
  /** The customer a customer admin belongs to; null for partner admins. */
  customerName: string | null;
  status: 'invited' | 'active' | 'disabled';
  lastLoginAt: string | null;
  createdAt: string;
}

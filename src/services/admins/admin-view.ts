// How an admin account is shown: never the password hash.
import type { AdminAccountRow } from '../../db/schema.ts';

export interface AdminView {
  readonly id: string;
  readonly email: string;
  readonly displayName: string | null;
  readonly role: AdminAccountRow['role'];
  readonly partnerId: string;
  readonly customerId: string | null;
  readonly status: AdminAccountRow['status'];
  readonly lastLoginAt: string | null;
  readonly createdAt: string;
}

export function toAdminView(row: AdminAccountRow): AdminView {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    partnerId: row.partner_id,
    customerId: row.customer_id,
    status: row.status,
    lastLoginAt: row.last_login_at ? row.last_login_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}

/** An admin as the admins API shows it: also the name of the customer a customer admin belongs to. */
export interface AdminAccountView extends AdminView {
  readonly customerName: string | null;
}

/** The audit log keeps what changed, not the whole row (no timestamps that change on every read). */
export function adminAuditState(row: AdminAccountRow): Record<string, unknown> {
  return {
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    customerId: row.customer_id,
    status: row.status,
  };
}

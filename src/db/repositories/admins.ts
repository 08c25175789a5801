// SQL for admin accounts (people who sign in) and the single-use action tokens of their invites
// and password resets. Reads take the caller's scope, so another tenant's admin is never found.
import { sql } from 'kysely';
import type { CustomerScope } from '../../services/access/policy.ts';
import type { Executor } from '../../services/context.ts';
import type { CursorPosition } from '../../services/paging.ts';
import type { ActionTokenPurpose, AdminAccountRow, Role } from '../schema.ts';
import { isUuid } from './customers.ts';

export type AdminStatus = AdminAccountRow['status'];

function scoped(executor: Executor, scope: CustomerScope) {
  let query = executor.selectFrom('admin_accounts').selectAll();
  if (scope.partnerId !== null) query = query.where('partner_id', '=', scope.partnerId);
  if (scope.customerId !== null) query = query.where('customer_id', '=', scope.customerId);
  return query;
}

export async function listAdmins(
  executor: Executor,
  scope: CustomerScope,
  filter: {
    after: CursorPosition | null;
    limit: number;
    customerId?: string | undefined;
    /** Leaves operator accounts out in the query, so every page but the last is full. */
    withoutOperators?: boolean;
  },
): Promise<AdminAccountRow[]> {
  let query = scoped(executor, scope);
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.withoutOperators) query = query.where('role', '!=', 'operator');
  if (filter.after) {
    const { key, id } = filter.after;
    query = query.where(sql<boolean>`(lower(email), id) > (${key}, ${id}::uuid)`);
  }
  return query
    .orderBy(sql`lower(email)`)
    .orderBy('id')
    .limit(filter.limit + 1)
    .execute();
}

export async function findAdmin(
  executor: Executor,
  scope: CustomerScope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<AdminAccountRow | undefined> {
  if (!isUuid(id)) return undefined;
  const query = scoped(executor, scope).where('id', '=', id);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

/** Sign-in and password reset look the account up by email across the deployment (unscoped). */
export async function findAdminByEmail(
  executor: Executor,
  email: string,
): Promise<AdminAccountRow | undefined> {
  return executor
    .selectFrom('admin_accounts')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function findAdminById(executor: Executor, id: string): Promise<AdminAccountRow | undefined> {
  if (!isUuid(id)) return undefined;
  return executor.selectFrom('admin_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface NewAdmin {
  readonly partnerId: string;
  readonly customerId: string | null;
  readonly email: string;
  readonly displayName: string | null;
  readonly role: Role;
}

export async function insertAdmin(executor: Executor, admin: NewAdmin): Promise<AdminAccountRow> {
  return executor
    .insertInto('admin_accounts')
    .values({
      partner_id: admin.partnerId,
      customer_id: admin.customerId,
      email: admin.email,
      display_name: admin.displayName,
      role: admin.role,
      status: 'invited',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateAdmin(
  executor: Executor,
  id: string,
  changes: {
    role?: Role;
    displayName?: string | null;
    status?: AdminStatus;
    passwordHash?: string;
    lastLoginAt?: boolean;
  },
): Promise<AdminAccountRow> {
  return executor
    .updateTable('admin_accounts')
    .set({
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
      ...(changes.lastLoginAt ? { last_login_at: sql<Date>`now()` } : {}),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The partner's active full admins, locked until the transaction ends: two requests that each
 * remove one of the last two wait for each other, so the second sees only one left.
 */
export async function lockActivePartnerFullAdminIds(
  executor: Executor,
  partnerId: string,
): Promise<string[]> {
  const rows = await executor
    .selectFrom('admin_accounts')
    .select('id')
    .where('partner_id', '=', partnerId)
    .where('customer_id', 'is', null)
    .where('role', '=', 'partner_full_admin')
    .where('status', '=', 'active')
    .forUpdate()
    .execute();
  return rows.map((row) => row.id);
}

export async function deleteAdmin(executor: Executor, id: string): Promise<void> {
  await executor.deleteFrom('admin_accounts').where('id', '=', id).execute();
}

/** Signs the admin out everywhere (disable, delete, password change). */
export async function deleteAdminSessions(executor: Executor, adminId: string): Promise<void> {
  await executor.deleteFrom('sessions').where('admin_id', '=', adminId).execute();
}

export async function insertActionToken(
  executor: Executor,
  token: { tokenHash: string; purpose: ActionTokenPurpose; subjectId: string; ttlHours: number },
): Promise<void> {
  await executor
    .insertInto('action_tokens')
    .values({
      token_hash: token.tokenHash,
      purpose: token.purpose,
      subject_id: token.subjectId,
      expires_at: sql<Date>`now() + make_interval(hours => ${token.ttlHours})`,
    })
    .execute();
}

/**
 * Marks a live token used and answers its subject, in one statement: two concurrent requests with
 * the same token cannot both succeed.
 */
export async function consumeActionToken(
  executor: Executor,
  tokenHash: string,
  purpose: ActionTokenPurpose,
): Promise<string | undefined> {
  const row = await executor
    .updateTable('action_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('subject_id')
    .executeTakeFirst();
  return row?.subject_id;
}

/** A new invite or reset link makes the older unused ones of the same purpose worthless. */
export async function revokeActionTokens(
  executor: Executor,
  subjectId: string,
  purpose: ActionTokenPurpose,
): Promise<void> {
  await executor
    .updateTable('action_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('subject_id', '=', subjectId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

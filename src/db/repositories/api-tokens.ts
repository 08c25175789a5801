// SQL for listing and revoking API tokens (lookup and insert live in credentials.ts). Reads take
// the caller's scope, so another tenant's token is never found.
import { sql } from 'kysely';
import type { CustomerScope } from '../../services/access/policy.ts';
import type { InstantPosition } from '../../services/checked-cursor.ts';
import type { Executor } from '../../services/context.ts';
import type { ApiTokenRow, Role } from '../schema.ts';
import { isUuid } from './customers.ts';
import { CURSOR_AT } from './instant-cursor.ts';

function scoped(executor: Executor, scope: CustomerScope) {
  let query = executor.selectFrom('api_tokens').selectAll();
  if (scope.partnerId !== null) query = query.where('partner_id', '=', scope.partnerId);
  if (scope.customerId !== null) query = query.where('customer_id', '=', scope.customerId);
  return query;
}

/**
 * A page of the tokens in scope, oldest first: the `limit + 1` after the cursor's (created, id),
 * compared and ordered on the stored `(created_at, id)` (the id breaks ties, so tokens created in
 * the same instant are each shown once), which the indexes of migration 0021 serve.
 */
export async function listApiTokens(
  executor: Executor,
  scope: CustomerScope,
  filter: { after: InstantPosition | null; limit: number; customerId?: string | undefined },
): Promise<(ApiTokenRow & { cursor_at: string })[]> {
  let query = scoped(executor, scope).select(CURSOR_AT);
  if (filter.customerId !== undefined) query = query.where('customer_id', '=', filter.customerId);
  if (filter.after) {
    const { at, id } = filter.after;
    query = query.where(sql<boolean>`(created_at, id) > (${at}::timestamptz, ${id}::uuid)`);
  }
  return query
    .orderBy('created_at')
    .orderBy('id')
    .limit(filter.limit + 1)
    .execute();
}

export async function findApiToken(
  executor: Executor,
  scope: CustomerScope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ApiTokenRow | undefined> {
  if (!isUuid(id)) return undefined;
  const query = scoped(executor, scope).where('id', '=', id);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function revokeApiToken(executor: Executor, id: string): Promise<ApiTokenRow> {
  return executor
    .updateTable('api_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Revokes the live API tokens an admin created (only those of `roles`, when given). */
export async function revokeApiTokensCreatedBy(
  executor: Executor,
  adminId: string,
  roles?: readonly Role[],
): Promise<Pick<ApiTokenRow, 'id' | 'name' | 'role' | 'partner_id' | 'customer_id' | 'revoked_at'>[]> {
  let query = executor
    .updateTable('api_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('created_by', '=', adminId)
    .where('revoked_at', 'is', null);
  if (roles !== undefined) query = query.where('role', 'in', roles);
  return query.returning(['id', 'name', 'role', 'partner_id', 'customer_id', 'revoked_at']).execute();
}

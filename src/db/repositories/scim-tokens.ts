// SQL for the per-customer SCIM bearer tokens (stored as SHA-256 hashes only).
import { sql } from 'kysely';
import type { Executor } from '../../services/context.ts';
import type { InstantPosition } from '../../services/checked-cursor.ts';
import { CURSOR_AT } from './instant-cursor.ts';
import { scimDb } from './scim-tables.ts';
import type { ScimTokenRow, ScimTokensTable } from './scim-tables.ts';

/** Migration 0013's column: the admin whose authority the token carries (null: none known). */
type ScimTokensWithCreator = {
  scim_tokens: ScimTokensTable & { created_by_admin_id: string | null };
};

function tokensDb(executor: Executor) {
  return executor.withTables<ScimTokensWithCreator>();
}

export interface NewScimToken {
  readonly customerId: string;
  readonly name: string;
  readonly tokenHash: string;
  readonly prefix: string;
  readonly createdBy: string | null;
  readonly createdByAdminId: string | null;
  /** The API token the token is created with (ADR 0085); null for a person or the CLI. */
  readonly createdByTokenId: string | null;
  readonly expiresAt: Date | null;
}

export async function insertScimToken(executor: Executor, token: NewScimToken): Promise<ScimTokenRow> {
  return tokensDb(executor)
    .insertInto('scim_tokens')
    .values({
      customer_id: token.customerId,
      name: token.name,
      token_hash: token.tokenHash,
      prefix: token.prefix,
      created_by: token.createdBy,
      created_by_admin_id: token.createdByAdminId,
      created_by_token_id: token.createdByTokenId,
      expires_at: token.expiresAt,
    })
    .returning([
      'id',
      'customer_id',
      'name',
      'token_hash',
      'prefix',
      'created_by',
      'created_by_token_id',
      'expires_at',
      'revoked_at',
      'last_used_at',
      'created_at',
    ])
    .executeTakeFirstOrThrow();
}

/**
 * A page of a customer's tokens, oldest first: the `limit + 1` after the cursor's (created, id),
 * compared and ordered on the stored `(created_at, id)` so the index on (customer_id, created_at,
 * id) serves the filter and the order (migration 0019).
 */
export async function listScimTokens(
  executor: Executor,
  customerId: string,
  page: { after: InstantPosition | null; limit: number },
): Promise<(ScimTokenRow & { cursor_at: string })[]> {
  let query = scimDb(executor)
    .selectFrom('scim_tokens')
    .selectAll()
    .select(CURSOR_AT)
    .where('customer_id', '=', customerId);
  if (page.after) {
    const { at, id } = page.after;
    query = query.where(sql<boolean>`(created_at, id) > (${at}::timestamptz, ${id}::uuid)`);
  }
  return query
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

export async function revokeScimToken(
  executor: Executor,
  customerId: string,
  tokenId: string,
): Promise<ScimTokenRow | undefined> {
  return scimDb(executor)
    .updateTable('scim_tokens')
    .set({ revoked_at: sql`coalesce(revoked_at, now())` })
    .where('customer_id', '=', customerId)
    .where('id', '=', tokenId)
    .returningAll()
    .executeTakeFirst();
}

export async function revokeAllScimTokens(executor: Executor, customerId: string): Promise<number> {
  const rows = await scimDb(executor)
    .updateTable('scim_tokens')
    .set({ revoked_at: sql`now()` })
    .where('customer_id', '=', customerId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

/** The admin who created an API token: a SCIM token made through it carries that admin's authority. */
export async function apiTokenCreatorId(executor: Executor, apiTokenId: string): Promise<string | null> {
  const row = await executor
    .selectFrom('api_tokens')
    .select('created_by')
    .where('id', '=', apiTokenId)
    .executeTakeFirst();
  return row?.created_by ?? null;
}

export interface RevokedScimToken {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly customerId: string;
  readonly partnerId: string;
  readonly revokedAt: Date;
}

/** Revokes the live tokens an admin created (in any customer) and says which, for the audit log. */
export async function revokeScimTokensCreatedBy(
  executor: Executor,
  adminId: string,
): Promise<RevokedScimToken[]> {
  const rows = await tokensDb(executor)
    .updateTable('scim_tokens as t')
    .from('customers as c')
    .set({ revoked_at: sql`now()` })
    .whereRef('c.id', '=', 't.customer_id')
    .where('t.created_by_admin_id', '=', adminId)
    .where('t.revoked_at', 'is', null)
    .returning(['t.id', 't.name', 't.prefix', 't.customer_id', 'c.partner_id', 't.revoked_at'])
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    customerId: row.customer_id,
    partnerId: row.partner_id,
    revokedAt: new Date(row.revoked_at ?? Date.now()),
  }));
}

export async function touchScimToken(executor: Executor, tokenId: string): Promise<void> {
  await scimDb(executor)
    .updateTable('scim_tokens')
    .set({ last_used_at: sql`now()` })
    .where('id', '=', tokenId)
    .where((eb) =>
      eb.or([
        eb('last_used_at', 'is', null),
        eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`),
      ]),
    )
    .execute();
}

/** The active token with its customer's partner and sync switch, in one statement (every SCIM request). */
export async function findActiveScimTokenWithCustomer(
  executor: Executor,
  customerId: string,
  tokenHash: string,
) {
  return scimDb(executor)
    .selectFrom('scim_tokens as t')
    .innerJoin('customers as c', 'c.id', 't.customer_id')
    .select(['t.id', 't.name', 't.prefix', 'c.partner_id', 'c.directory_sync_enabled'])
    .where('t.customer_id', '=', customerId)
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', sql<Date>`now()`)]))
    .executeTakeFirst();
}

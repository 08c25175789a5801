// SQL for the per-customer SCIM bearer tokens (stored as SHA-256 hashes only).
import { sql } from 'kysely';
import type { Executor } from '../../services/context.ts';
import { scimDb } from './scim-tables.ts';
import type { ScimTokenRow } from './scim-tables.ts';

export interface NewScimToken {
  readonly customerId: string;
  readonly name: string;
  readonly tokenHash: string;
  readonly prefix: string;
  readonly createdBy: string | null;
  readonly expiresAt: Date | null;
}

export async function insertScimToken(executor: Executor, token: NewScimToken): Promise<ScimTokenRow> {
  return scimDb(executor)
    .insertInto('scim_tokens')
    .values({
      customer_id: token.customerId,
      name: token.name,
      token_hash: token.tokenHash,
      prefix: token.prefix,
      created_by: token.createdBy,
      expires_at: token.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listScimTokens(executor: Executor, customerId: string): Promise<ScimTokenRow[]> {
  return scimDb(executor)
    .selectFrom('scim_tokens')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .orderBy('id')
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

// Which API token created which (ADR 0085): a token minted with a token records it in
// `api_tokens.created_by_token_id` (migration 0022), and revoking a token revokes every token
// below it, in the revocation's transaction, each audited like any other revocation. A SCIM token
// created with an API token records it too (`scim_tokens.created_by_token_id`, migration 0023) and
// goes with any token of that chain.
import { sql } from 'kysely';
import type { ApiTokenRow, Role } from '../../db/schema.ts';
import { recordAudits } from '../audit/record-audit.ts';
import type { Executor, ServiceContext } from '../context.ts';

/**
 * Share-locks the creating token while a token is created with it, and tells whether it is still
 * live. A revocation locks the same row, so it either waits for the creation to commit (and then
 * finds the new token below it) or has committed first (and the creation is refused).
 */
export async function lockLiveCreatingToken(trx: Executor, tokenId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('api_tokens')
    .select('id')
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .forShare()
    .executeTakeFirst();
  return row !== undefined;
}

/** Records the token a token was created with; answers the row as it now is. */
export async function recordCreatingToken(
  trx: Executor,
  tokenId: string,
  creatingTokenId: string,
): Promise<ApiTokenRow> {
  return trx
    .updateTable('api_tokens')
    .set({ created_by_token_id: creatingTokenId })
    .where('id', '=', tokenId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

interface RevokedDescendant {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly partner_id: string;
  readonly customer_id: string | null;
  readonly created_by_token_id: string;
  readonly revoked_at: Date | string;
}

interface RevokedScimDescendant {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly customer_id: string;
  readonly partner_id: string;
  readonly created_by_token_id: string;
  readonly revoked_at: Date | string;
}

/**
 * Revokes the live tokens created with any of `tokenIds`, and those created with them, down the
 * whole chain (a revoked token in the middle of a chain does not shelter the tokens below it),
 * and the live SCIM tokens created with any token of that chain or with `tokenIds` themselves.
 * One audit row each (`token.revoke` or `scim_token.revoke`, reason `creating_token_revoked`,
 * naming the token that created it), in the caller's transaction. Answers how many API tokens
 * were revoked.
 */
export async function revokeDescendantTokens(
  trx: Executor,
  context: ServiceContext,
  tokenIds: readonly string[],
): Promise<number> {
  if (tokenIds.length === 0) return 0;
  const roots = sql.join(tokenIds.map((id) => sql`${id}::uuid`));
  const { rows } = await sql<RevokedDescendant>`
    with recursive chain (id) as (
      select id from api_tokens where created_by_token_id in (${roots})
      union
      select child.id from api_tokens child join chain on child.created_by_token_id = chain.id
    )
    update api_tokens set revoked_at = now()
    from chain
    where api_tokens.id = chain.id and api_tokens.revoked_at is null
    returning api_tokens.id, api_tokens.name, api_tokens.role, api_tokens.partner_id,
      api_tokens.customer_id, api_tokens.created_by_token_id, api_tokens.revoked_at`.execute(trx);
  await recordAudits(
    trx,
    context,
    rows.map((token) => ({
      partnerId: token.partner_id,
      customerId: token.customer_id,
      action: 'token.revoke',
      targetType: 'api_token',
      targetId: token.id,
      before: { name: token.name, role: token.role, revokedAt: null },
      after: {
        revokedAt: new Date(token.revoked_at).toISOString(),
        reason: 'creating_token_revoked',
        createdByTokenId: token.created_by_token_id,
      },
    })),
  );
  await revokeScimDescendants(trx, context, tokenIds);
  return rows.length;
}

/**
 * The SCIM half of the cascade. Its own statement, after the API tokens' update: that update waited
 * for any SCIM token creation holding a share lock on a token of the chain, and this statement's
 * snapshot, taken after, sees what such a creation committed.
 */
async function revokeScimDescendants(
  trx: Executor,
  context: ServiceContext,
  tokenIds: readonly string[],
): Promise<void> {
  const roots = sql.join(tokenIds.map((id) => sql`${id}::uuid`));
  const { rows } = await sql<RevokedScimDescendant>`
    with recursive chain (id) as (
      select id from api_tokens where id in (${roots})
      union
      select child.id from api_tokens child join chain on child.created_by_token_id = chain.id
    )
    update scim_tokens set revoked_at = now()
    from chain, customers
    where scim_tokens.created_by_token_id = chain.id and scim_tokens.revoked_at is null
      and customers.id = scim_tokens.customer_id
    returning scim_tokens.id, scim_tokens.name, scim_tokens.prefix, scim_tokens.customer_id,
      customers.partner_id, scim_tokens.created_by_token_id, scim_tokens.revoked_at`.execute(trx);
  await recordAudits(
    trx,
    context,
    rows.map((token) => ({
      partnerId: token.partner_id,
      customerId: token.customer_id,
      action: 'scim_token.revoke',
      targetType: 'scim_token',
      targetId: token.id,
      before: { name: token.name, prefix: token.prefix, revokedAt: null },
      after: {
        revokedAt: new Date(token.revoked_at).toISOString(),
        reason: 'creating_token_revoked',
        createdByTokenId: token.created_by_token_id,
      },
    })),
  );
}

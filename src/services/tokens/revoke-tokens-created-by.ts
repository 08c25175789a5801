// The API and SCIM tokens an admin created carry the admin's authority, so they are revoked with it:
// on a password reset (ADR 0002) and when the admin is removed or demoted (ADR 0069). One place
// writes those revocations and their audit rows, whatever the reason.
import { revokeApiTokensCreatedBy } from '../../db/repositories/api-tokens.ts';
import { revokeScimTokensCreatedBy } from '../../db/repositories/scim-tokens.ts';
import type { Role } from '../../db/schema.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor, ServiceContext } from '../context.ts';
import { revokeDescendantTokens } from './token-lineage.ts';

export type TokenRevocationReason =
  'password_reset' | 'creator_removed' | 'creator_demoted' | 'creator_suspended_by_directory';

export interface TokensToRevoke {
  /** The roles of the API tokens to revoke; all of them when absent, none when empty. */
  readonly apiTokenRoles?: readonly Role[] | undefined;
  /** Whether the admin's SCIM tokens go too. */
  readonly scimTokens: boolean;
  readonly reason: TokenRevocationReason;
}

export interface RevokedTokenCounts {
  readonly apiTokens: number;
  readonly scimTokens: number;
  /** API tokens revoked because a token they were created with was (ADR 0085). */
  readonly descendantApiTokens: number;
}

/**
 * Revokes the live API and SCIM tokens the admin created (tokens minted from the admin's tokens
 * carry the admin as creator too), each audited like any other revocation, in the caller's
 * transaction; and the tokens created with those, down the chain (ADR 0085), whoever answers for
 * them (a demotion that keeps the admin's lower-role tokens still revokes what a revoked token made).
 */
export async function revokeTokensCreatedBy(
  trx: Executor,
  context: ServiceContext,
  adminId: string,
  { apiTokenRoles, scimTokens, reason }: TokensToRevoke,
): Promise<RevokedTokenCounts> {
  const apiTokens =
    apiTokenRoles?.length === 0 ? [] : await revokeApiTokensCreatedBy(trx, adminId, apiTokenRoles);
  for (const token of apiTokens) {
    await recordAudit(trx, context, {
      partnerId: token.partner_id,
      customerId: token.customer_id,
      action: 'token.revoke',
      targetType: 'api_token',
      targetId: token.id,
      before: { name: token.name, role: token.role, revokedAt: null },
      after: { revokedAt: token.revoked_at?.toISOString() ?? null, reason },
    });
  }
  const revokedScimTokens = scimTokens ? await revokeScimTokensCreatedBy(trx, adminId) : [];
  for (const token of revokedScimTokens) {
    await recordAudit(trx, context, {
      partnerId: token.partnerId,
      customerId: token.customerId,
      action: 'scim_token.revoke',
      targetType: 'scim_token',
      targetId: token.id,
      before: { name: token.name, prefix: token.prefix, revokedAt: null },
      after: { revokedAt: token.revokedAt.toISOString(), reason },
    });
  }
  // After the admin's own SCIM tokens, so those keep the admin's reason; the cascade revokes the
  // SCIM tokens made with a revoked token that the admin does not answer for (ADR 0085).
  const descendantApiTokens = await revokeDescendantTokens(
    trx,
    context,
    apiTokens.map((token) => token.id),
  );
  return {
    apiTokens: apiTokens.length,
    scimTokens: revokedScimTokens.length,
    descendantApiTokens,
  };
}

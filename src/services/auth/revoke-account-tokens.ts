// A password reset ends everything the old password could have started (ADR 0002, 2026-11-27):
// someone who got into the account may have created API tokens (and SCIM tokens, which follow the
// admin who created them, ADR 0069), and those would outlive the reset otherwise.
import type { Executor, ServiceContext } from '../context.ts';
import { revokeTokensCreatedBy, type RevokedTokenCounts } from '../tokens/revoke-tokens-created-by.ts';

export type AccountTokenRevocationReason = 'password_reset';

export type RevokedAccountTokens = RevokedTokenCounts;

/** Revokes every live API and SCIM token the admin created, audited, in the caller's transaction. */
export async function revokeAccountTokens(
  trx: Executor,
  context: ServiceContext,
  adminId: string,
  reason: AccountTokenRevocationReason,
): Promise<RevokedAccountTokens> {
  return revokeTokensCreatedBy(trx, context, adminId, { scimTokens: true, reason });
}

// A password reset ends everything the old password could have started (ADR 0002, 2026-11-27):
// someone who got into the account may have created API tokens (and SCIM tokens, which follow the
// admin who created them, ADR 0069), and those would outlive the reset otherwise.
import { sql } from 'kysely';
import { revokeScimTokensCreatedBy } from '../../db/repositories/scim-tokens.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor, ServiceContext } from '../context.ts';

export type AccountTokenRevocationReason = 'password_reset';

export interface RevokedAccountTokens {
  readonly apiTokens: number;
  readonly scimTokens: number;
}

/**
 * Revokes every live API and SCIM token the admin created (tokens minted from the admin's tokens
 * carry the admin as creator too), each audited like any other revocation, in the caller's
 * transaction.
 */
export async function revokeAccountTokens(
  trx: Executor,
  context: ServiceContext,
  adminId: string,
  reason: AccountTokenRevocationReason,
): Promise<RevokedAccountTokens> {
  const apiTokens = await trx
    .updateTable('api_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('created_by', '=', adminId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name', 'role', 'partner_id', 'customer_id', 'revoked_at'])
    .execute();
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
  const scimTokens = await revokeScimTokensCreatedBy(trx, adminId);
  for (const token of scimTokens) {
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
  return { apiTokens: apiTokens.length, scimTokens: scimTokens.length };
}

// A customer admin is the same person as the customer's user with the same email: when the
// directory suspends that user, the admin can no longer sign in (directory-suspension.ts). The
// API and SCIM tokens the admin created are revoked then, as when an admin is disabled (ADR 0085):
// a token must not keep working for someone who may no longer sign in.
import { sql } from 'kysely';
import type { Executor, ServiceContext } from '../context.ts';
import { revokeTokensCreatedBy } from '../tokens/revoke-tokens-created-by.ts';

/**
 * Revokes, in the caller's transaction, the live tokens created by the admin of `customerId`
 * whose email is `email` (the user the directory just suspended), each audited with reason
 * `creator_suspended_by_directory`. The admin's row is locked first, as an admin change does.
 * Reactivation restores sign-in, not the tokens.
 */
export async function revokeTokensOfAdminSuspendedByDirectory(
  trx: Executor,
  context: ServiceContext,
  customerId: string,
  email: string,
): Promise<void> {
  const admins = await trx
    .selectFrom('admin_accounts')
    .select('id')
    .where('customer_id', '=', customerId)
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .forUpdate()
    .execute();
  for (const admin of admins) {
    await revokeTokensCreatedBy(trx, context, admin.id, {
      scimTokens: true,
      reason: 'creator_suspended_by_directory',
    });
  }
}

// Whether the credential an import was uploaded with still stands (ADR 0072): a queued or running
// import works with its uploader's authority, which can end after the upload answered 202.
import { sql } from 'kysely';
import type { Executor } from '../../services/context.ts';
import { READ_ONLY_ROLES, type Actor } from '../../services/access/actor.ts';
import { suspendedByDirectory } from './directory-suspension.ts';

/**
 * False when the actor's API token was revoked, or its admin account was removed, disabled,
 * made read-only, moved to another organization or suspended by the customer's directory.
 * Actors without a stored credential (the CLI at the machine, the system) always stand.
 *
 * A token's expiry does not end an import it started: expiry is the planned end of new requests,
 * chosen by the token's creator; revocation is a decision about the token's holder.
 */
export async function actorStillStands(
  executor: Executor,
  actor: Actor,
  options: { readonly holdUntilCommit?: boolean } = {},
): Promise<boolean> {
  if (actor.id === null) return true;
  // Inside a batch's transaction the row is share-locked: a revocation or an admin change then
  // waits for the batch, so no batch commits after one of them has committed. (A suspension by
  // the directory writes `users`, not this row: it is seen by the next batch.)
  const hold = options.holdUntilCommit === true;
  if (actor.type === 'token') {
    const query = executor
      .selectFrom('api_tokens')
      .select('id')
      .where('id', '=', actor.id)
      .where('revoked_at', 'is', null);
    const token = await (hold ? query.forShare() : query).executeTakeFirst();
    return token !== undefined;
  }
  if (actor.type === 'admin') {
    const query = executor
      .selectFrom('admin_accounts')
      .select(['role', 'partner_id', 'customer_id', sql<boolean>`${suspendedByDirectory()}`.as('suspended')])
      .where('id', '=', actor.id)
      .where('status', '=', 'active');
    const admin = await (hold ? query.forShare() : query).executeTakeFirst();
    return (
      admin !== undefined &&
      !admin.suspended &&
      !READ_ONLY_ROLES.includes(admin.role) &&
      admin.partner_id === actor.partnerId &&
      admin.customer_id === actor.customerId
    );
  }
  return true;
}

// A token made in a session must not outlive a decision about its admin taken while the request
// ran (ADR 0085): disabling, demoting or a directory suspension revokes the admin's tokens, and a
// token inserted after that revocation committed would escape it.
import { actorStillStands } from '../../db/repositories/actor-standing.ts';
import { isAdminSuspendedByDirectory } from '../../db/repositories/directory-suspension.ts';
import type { Actor } from '../access/actor.ts';
import type { Executor } from '../context.ts';

/**
 * Share-locks the admin's row and tells whether the admin still stands. The admin change locks the
 * same row before it revokes, so it either waits for this transaction (and then revokes the new
 * token too) or has committed first. The directory's suspension is read again in a statement of
 * its own, after the lock: it writes `users`, which the locking statement's snapshot may predate.
 */
export async function creatingAdminStands(trx: Executor, actor: Actor): Promise<boolean> {
  if (actor.type !== 'admin' || actor.id === null) return true;
  if (!(await actorStillStands(trx, actor, { holdUntilCommit: true }))) return false;
  return !(await isAdminSuspendedByDirectory(trx, actor.id));
}

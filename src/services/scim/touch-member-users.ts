// A SCIM User shows the groups it belongs to (`groups`, with each group's display name), so joining
// or leaving a group, or a rename of one of its groups, changes the User resource: its meta.version
// (ETag) and meta.lastModified must move with it (RFC 7643 §3.1, RFC 7644 §3.14). The user's ETag is
// `<users.version>.<scim_users.version>` and its lastModified reads users.updated_at, so those move.
// Done by the group service, which alone writes memberships and knows which members really changed:
// a PUT that resends 10k unchanged members touches no user (a trigger on the member rows, which the
// repository deletes and inserts again, would touch all of them twice).
import { sql } from 'kysely';
import type { Executor } from '../context.ts';

export async function touchUsersWhoseGroupsChanged(
  executor: Executor,
  customerId: string,
  userIds: Iterable<string>,
): Promise<void> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  // One array parameter (any number of members); rows locked in id order, so two group writes
  // sharing members wait for each other instead of deadlocking.
  await sql`
    with locked as (
      select id from users
      where customer_id = ${customerId} and id = any(${ids}::uuid[])
      order by id
      for no key update
    )
    update users u set version = u.version + 1, updated_at = now()
    from locked where u.id = locked.id`.execute(executor);
}

interface GroupState {
  readonly displayName: string;
  readonly memberIds: readonly string[];
}

/** The users whose `groups` differ after a group write: members who joined or left, all on a rename. */
export function usersWhoseGroupsChanged(before: GroupState, after: GroupState): string[] {
  const old = new Set(before.memberIds);
  const now = new Set(after.memberIds);
  if (before.displayName !== after.displayName) return [...new Set([...old, ...now])];
  return [...[...old].filter((id) => !now.has(id)), ...[...now].filter((id) => !old.has(id))];
}

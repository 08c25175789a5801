// A SCIM User shows the groups it belongs to (`groups`, with each group's display name), so joining
// or leaving a group, or a rename of one of its groups, changes the User resource: its meta.version
// (ETag) and meta.lastModified must move with it (RFC 7643 §3.1, RFC 7644 §3.14). The user's ETag is
// `<users.version>.<scim_users.version>` and its lastModified reads users.updated_at, so those move.
// Done by the group service, which alone writes memberships and knows which members really changed:
// a PUT that resends 10k unchanged members touches no user (a trigger on the member rows, which the
// repository deletes and inserts again, would touch all of them twice).
import { sql } from 'kysely';
import type { Executor } from '../context.ts';

/** Ids per statement: far below PostgreSQL's 65,535 parameters. */
const CHUNK = 5_000;

export async function touchUsersWhoseGroupsChanged(
  executor: Executor,
  customerId: string,
  userIds: Iterable<string>,
): Promise<void> {
  const ids = [...new Set(userIds)].sort();
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    // Rows locked in id order: two group writes sharing members wait for each other, never deadlock.
    await executor
      .updateTable('users')
      .set({ version: sql`version + 1`, updated_at: sql`now()` })
      .where('customer_id', '=', customerId)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('users')
          .select('id')
          .where('customer_id', '=', customerId)
          .where('id', 'in', chunk)
          .orderBy('id')
          .forNoKeyUpdate(),
      )
      .execute();
  }
}

/** The users whose `groups` differ after a group write: members who joined or left, all on a rename. */
export function usersWhoseGroupsChanged(
  before: { readonly displayName: string; readonly memberIds: readonly string[] } | null,
  after: { readonly displayName: string; readonly memberIds: readonly string[] } | null,
): string[] {
  const old = new Set(before?.memberIds ?? []);
  const now = new Set(after?.memberIds ?? []);
  if (before !== null && after !== null && before.displayName !== after.displayName)
    return [...new Set([...old, ...now])];
  return [...[...old].filter((id) => !now.has(id)), ...[...now].filter((id) => !old.has(id))];
}

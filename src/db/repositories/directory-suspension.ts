// SPEC §5: a user the customer's directory suspended (`active: false`) cannot sign in. A customer
// admin is the same person as the customer's user with the same email, so the directory's word
// also holds for the admin account: it cannot sign in and its sessions stop working. The admin
// row itself is left alone, so reactivation in the directory restores access without anyone
// having to remember why an account was disabled.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../services/context.ts';

/** True while the `admin_accounts` row in scope is a suspended user of its own customer. */
export function suspendedByDirectory(): RawBuilder<boolean> {
  return sql<boolean>`exists (
    select 1 from users
    where users.customer_id = admin_accounts.customer_id
      and lower(users.email) = lower(admin_accounts.email)
      and users.suspended)`;
}

export async function isAdminSuspendedByDirectory(executor: Executor, adminId: string): Promise<boolean> {
  const row = await executor
    .selectFrom('admin_accounts')
    .select(suspendedByDirectory().as('suspended'))
    .where('id', '=', adminId)
    .executeTakeFirst();
  return row?.suspended === true;
}

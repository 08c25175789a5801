// SQL for free accounts: people outside any customer (SPEC §5). They belong to no tenant, so the
// reads here go by email or by verified domain; whoever lists them must already have proven the
// domain (claims) or know the exact email (adding a user).
import { sql } from 'kysely';
import type { Executor } from '../../services/context.ts';
import { withLifecycleTables, type FreeAccountRow, type FreeAccountSource } from './lifecycle-schema.ts';

export async function findFreeAccountByEmail(
  executor: Executor,
  email: string,
): Promise<FreeAccountRow | undefined> {
  return withLifecycleTables(executor)
    .selectFrom('free_accounts')
    .selectAll()
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function findFreeAccount(executor: Executor, id: string): Promise<FreeAccountRow | undefined> {
  return withLifecycleTables(executor)
    .selectFrom('free_accounts')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The free accounts among these emails (lower-case keys). */
export async function freeAccountsByEmail(
  executor: Executor,
  emails: readonly string[],
): Promise<Map<string, FreeAccountRow>> {
  if (emails.length === 0) return new Map();
  const rows = await withLifecycleTables(executor)
    .selectFrom('free_accounts')
    .selectAll()
    .where(
      sql`lower(email)`,
      'in',
      emails.map((email) => email.toLowerCase()),
    )
    .execute();
  return new Map(rows.map((row) => [row.email.toLowerCase(), row]));
}

export async function insertFreeAccount(
  executor: Executor,
  values: {
    email: string;
    firstName: string | null;
    lastName: string | null;
    source: FreeAccountSource;
    active: boolean;
  },
): Promise<FreeAccountRow> {
  return withLifecycleTables(executor)
    .insertInto('free_accounts')
    .values({
      email: values.email.toLowerCase(),
      first_name: values.firstName,
      last_name: values.lastName,
      source: values.source,
      status: values.active ? 'active' : 'unverified',
      email_verified_at: values.active ? sql<Date>`now()` : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markFreeAccountVerified(
  executor: Executor,
  id: string,
): Promise<FreeAccountRow | undefined> {
  return withLifecycleTables(executor)
    .updateTable('free_accounts')
    .set({
      status: 'active',
      email_verified_at: sql<Date>`coalesce(email_verified_at, now())`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteFreeAccount(executor: Executor, id: string): Promise<void> {
  await withLifecycleTables(executor).deleteFrom('free_accounts').where('id', '=', id).execute();
}

/**
 * Claimable accounts of SPEC §5: verified free accounts whose email is in one of the domains, and
 * that are not already a (pending) user anywhere. Keyset-paged by email.
 */
export async function listClaimableAccounts(
  executor: Executor,
  domains: readonly string[],
  page: { afterEmail: string | null; limit: number },
): Promise<FreeAccountRow[]> {
  if (domains.length === 0) return [];
  let query = withLifecycleTables(executor)
    .selectFrom('free_accounts')
    .selectAll('free_accounts')
    .where('free_accounts.status', '=', 'active')
    .where(sql`lower(split_part(free_accounts.email, '@', 2))`, 'in', [...domains])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('users')
            .select('users.id')
            .where(sql<boolean>`lower(users.email) = lower(free_accounts.email)`),
        ),
      ),
    );
  if (page.afterEmail !== null) query = query.where(sql`lower(free_accounts.email)`, '>', page.afterEmail);
  return query
    .orderBy(sql`lower(free_accounts.email)`)
    .limit(page.limit)
    .execute();
}

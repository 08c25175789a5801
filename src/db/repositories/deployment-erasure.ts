// SQL of the operator's deployment-wide erasure (ADR 0024, operator erasure): every partner locked
// in one order before any row is, the free accounts of the person removed with their sign-up
// links, and how many live user and admin rows still hold the address.
import { sql } from 'kysely';
import type { Executor } from '../../services/context.ts';
import { withLifecycleTables } from './lifecycle-schema.ts';

/**
 * Every partner, locked for the erasure's transaction in id order, as a partner's own erasure
 * locks its partner first: both then wait for each other before touching a row, never in a cycle.
 * `for no key update`, as a partner's erasure takes it too: it conflicts with itself, so erasures
 * exclude each other, but not with the foreign-key checks of writes that insert rows of a partner
 * (customers, admins, tokens, imports) meanwhile.
 */
export async function lockAllPartners(trx: Executor): Promise<string[]> {
  const rows = await trx.selectFrom('partners').select('id').orderBy('id').forNoKeyUpdate().execute();
  return rows.map((row) => row.id);
}

/**
 * Deletes the free accounts with one of these ids or (lower-case) emails, and their unused
 * sign-up verification links. Answers how many accounts went.
 */
export async function deleteFreeAccountsOf(
  trx: Executor,
  ids: readonly string[],
  emails: readonly string[],
): Promise<number> {
  const accounts = await withLifecycleTables(trx)
    .deleteFrom('free_accounts')
    .where((eb) =>
      eb.or([
        eb(sql<string>`lower(email)`, 'in', emails.length > 0 ? emails : ['']),
        ...(ids.length === 0 ? [] : [eb('id', 'in', ids)]),
      ]),
    )
    .returning('id')
    .execute();
  if (accounts.length === 0) return 0;
  await trx
    .deleteFrom('action_tokens')
    .where('purpose', '=', 'email_verification')
    .where(
      'subject_id',
      'in',
      accounts.map((account) => account.id),
    )
    .execute();
  return accounts.length;
}

/** Live rows that still hold the address: the erasure scrubs logs, removing them is the partner's. */
export async function countLiveHolders(
  executor: Executor,
  email: string,
): Promise<{ users: number; admins: number }> {
  const users = await executor
    .selectFrom('users')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(sql<string>`lower(email)`, '=', email)
    .executeTakeFirstOrThrow();
  const admins = await executor
    .selectFrom('admin_accounts')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(sql<string>`lower(email)`, '=', email)
    .executeTakeFirstOrThrow();
  return { users: users.count, admins: admins.count };
}

/**
 * Jobs of these kinds whose payload names one of the emails (a sign-up or a password reset asked
 * for the person): queued ones are cancelled, since a sign-up run after the erasure would create
 * the account again, and every one's payload, running or finished, gets the tombstone instead of
 * the address and names. A running job's work locks its row and checks its payload first
 * (`lockJobPayloadEmail`), so it either sees the tombstone and does nothing, or has finished its
 * transaction before this update gets the row. Answers how many were cancelled.
 */
export async function eraseJobsNaming(
  trx: Executor,
  kinds: readonly string[],
  emails: readonly string[],
  tombstone: string,
): Promise<number> {
  if (emails.length === 0) return 0;
  const scrubbed = sql<string>`(payload - 'firstName' - 'lastName') || jsonb_build_object('email', ${tombstone}::text)`;
  const naming = trx
    .updateTable('jobs')
    .where('kind', 'in', kinds)
    .where(sql<string>`lower(payload->>'email')`, 'in', emails);
  const cancelled = await naming
    .set({ status: 'cancelled', finished_at: sql`now()`, updated_at: sql`now()`, payload: scrubbed })
    .where('status', '=', 'queued')
    .returning('id')
    .execute();
  await naming
    .set({ payload: scrubbed, updated_at: sql`now()` })
    .where('status', 'in', ['running', 'succeeded', 'failed', 'cancelled'])
    .execute();
  return cancelled.length;
}

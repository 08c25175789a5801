// SQL for the things a request authenticates with: API tokens and browser sessions.
import { sql } from 'kysely';
import type { Executor } from '../../services/context.ts';
import type { AdminAccountRow, ApiTokenRow, Role } from '../schema.ts';
import { suspendedByDirectory } from './directory-suspension.ts';

/** How long a token's last_used_at may lag behind its use: it is informative, not an audit. */
const TOKEN_TOUCH_INTERVAL = sql`interval '1 minute'`;

/**
 * A live token by its hash, and whether its last_used_at is due to be written: most requests
 * find it fresh, so they skip the UPDATE and its round trip.
 */
export async function findActiveApiToken(
  executor: Executor,
  tokenHash: string,
): Promise<(ApiTokenRow & { touch_due: boolean }) | undefined> {
  return executor
    .selectFrom('api_tokens')
    .selectAll()
    .select(
      sql<boolean>`last_used_at is null or last_used_at < now() - ${TOKEN_TOUCH_INTERVAL}`.as('touch_due'),
    )
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
    .executeTakeFirst();
}

/** Writes last_used_at, unless another request did within the interval. */
export async function touchApiToken(executor: Executor, tokenId: string): Promise<void> {
  await executor
    .updateTable('api_tokens')
    .set({ last_used_at: sql`now()` })
    .where('id', '=', tokenId)
    .where((eb) =>
      eb.or([
        eb('last_used_at', 'is', null),
        eb('last_used_at', '<', sql<Date>`now() - ${TOKEN_TOUCH_INTERVAL}`),
      ]),
    )
    .execute();
}

export interface NewApiToken {
  readonly partnerId: string;
  readonly customerId: string | null;
  readonly createdBy: string | null;
  readonly name: string;
  readonly role: Role;
  readonly tokenHash: string;
  readonly prefix: string;
  readonly expiresAt: Date | null;
}

export async function insertApiToken(executor: Executor, token: NewApiToken): Promise<ApiTokenRow> {
  return executor
    .insertInto('api_tokens')
    .values({
      partner_id: token.partnerId,
      customer_id: token.customerId,
      created_by: token.createdBy,
      name: token.name,
      role: token.role,
      token_hash: token.tokenHash,
      prefix: token.prefix,
      expires_at: token.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface SessionWithAdmin {
  readonly admin: AdminAccountRow;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export async function findLiveSession(
  executor: Executor,
  tokenHash: string,
): Promise<SessionWithAdmin | undefined> {
  const row = await executor
    .selectFrom('sessions')
    .innerJoin('admin_accounts', 'admin_accounts.id', 'sessions.admin_id')
    .selectAll('admin_accounts')
    .select(['sessions.csrf_token', 'sessions.expires_at as session_expires_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('admin_accounts.status', '=', 'active')
    .where(sql<boolean>`not ${suspendedByDirectory()}`)
    .executeTakeFirst();
  if (!row) return undefined;
  const { csrf_token: csrfToken, session_expires_at: expiresAt, ...admin } = row;
  return { admin, csrfToken, expiresAt: new Date(expiresAt) };
}

export async function insertSession(
  executor: Executor,
  session: { tokenHash: string; adminId: string; csrfToken: string; ttlHours: number },
): Promise<void> {
  await executor
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      admin_id: session.adminId,
      csrf_token: session.csrfToken,
      expires_at: sql<Date>`now() + make_interval(hours => ${session.ttlHours})`,
    })
    .execute();
}

/**
 * Slides a live session's expiry to `ttlHours` from now, capped at `maxHours` after sign-in; only
 * once more than half of the idle time has passed, so an active session writes about twice per
 * `ttlHours`. The new expiry, or undefined when nothing changed.
 */
export async function renewSession(
  executor: Executor,
  tokenHash: string,
  limits: { ttlHours: number; maxHours: number },
): Promise<Date | undefined> {
  const renewed = sql<Date>`least(now() + make_interval(hours => ${limits.ttlHours}),
    created_at + make_interval(hours => ${limits.maxHours}))`;
  const row = await executor
    .updateTable('sessions')
    .set({ expires_at: renewed, last_seen_at: sql<Date>`now()` })
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', sql<Date>`now()`)
    .where('expires_at', '<', sql<Date>`now() + make_interval(hours => ${limits.ttlHours}) / 2`)
    .where('expires_at', '<', renewed)
    .returning('expires_at')
    .executeTakeFirst();
  return row ? new Date(row.expires_at) : undefined;
}

export async function deleteSession(executor: Executor, tokenHash: string): Promise<void> {
  await executor.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

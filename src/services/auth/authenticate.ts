// Turns a bearer token or a session cookie into an Actor. Unknown, expired or revoked
// credentials answer null; the HTTP edge turns that into 401.
import type { Kysely } from 'kysely';
import {
  findActiveApiToken,
  findLiveSession,
  renewSession,
  touchApiToken,
} from '../../db/repositories/credentials.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { hashToken } from './secrets.ts';

export async function actorFromApiToken(db: Kysely<DB>, token: string): Promise<Actor | null> {
  const row = await findActiveApiToken(db, hashToken(token));
  if (!row) return null;
  if (row.touch_due) await touchApiToken(db, row.id);
  return {
    type: 'token',
    id: row.id,
    label: `token:${row.name}`,
    role: row.role,
    partnerId: row.partner_id,
    customerId: row.customer_id,
  };
}

export interface SessionLimits {
  readonly ttlHours: number;
  readonly maxHours: number;
}

/**
 * The admin of a live session cookie. Using a session extends it (sliding expiry, capped):
 * `renewedUntil` is set when the cookie must be sent again with the new lifetime.
 */
export async function actorFromSession(
  db: Kysely<DB>,
  sessionToken: string,
  limits: SessionLimits,
): Promise<{ actor: Actor; csrfToken: string; renewedUntil: Date | undefined } | null> {
  const tokenHash = hashToken(sessionToken);
  const session = await findLiveSession(db, tokenHash);
  if (!session) return null;
  const { admin } = session;
  // Most requests find the session fresh: renewing is a write, so only ask once it is due.
  const due = session.expiresAt.getTime() - Date.now() < (limits.ttlHours * 3_600_000) / 2;
  const renewedUntil = due ? await renewSession(db, tokenHash, limits) : undefined;
  return {
    renewedUntil,
    actor: {
      type: 'admin',
      id: admin.id,
      label: admin.email,
      role: admin.role,
      partnerId: admin.partner_id,
      customerId: admin.customer_id,
    },
    csrfToken: session.csrfToken,
  };
}

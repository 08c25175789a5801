// Turns a bearer token or a session cookie into an Actor. Unknown, expired or revoked
// credentials answer null; the HTTP edge turns that into 401.
import type { Kysely } from 'kysely';
import { findActiveApiToken, findLiveSession, touchApiToken } from '../../db/repositories/credentials.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { hashToken } from './secrets.ts';

export async function actorFromApiToken(db: Kysely<DB>, token: string): Promise<Actor | null> {
  const row = await findActiveApiToken(db, hashToken(token));
  if (!row) return null;
  await touchApiToken(db, row.id);
  return {
    type: 'token',
    id: row.id,
    label: `token:${row.name}`,
    role: row.role,
    partnerId: row.partner_id,
    customerId: row.customer_id,
  };
}

export async function actorFromSession(
  db: Kysely<DB>,
  sessionToken: string,
): Promise<{ actor: Actor; csrfToken: string } | null> {
  const session = await findLiveSession(db, hashToken(sessionToken));
  if (!session) return null;
  const { admin } = session;
  return {
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

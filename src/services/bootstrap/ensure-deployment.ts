// First-start set-up of a deployment, safe to run on every start and from several nodes at once:
// the default partner (SPEC: the first command creates it) and the secret that signs cookies and
// links when HUB_SECRET is not configured.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB, PartnerRow } from '../../db/schema.ts';

export const DEFAULT_PARTNER_NAME = 'Default partner';

export interface Deployment {
  readonly defaultPartner: PartnerRow;
  readonly secret: string;
}

export async function ensureDeployment(
  db: Kysely<DB>,
  configuredSecret: string | undefined,
): Promise<Deployment> {
  await db
    .insertInto('partners')
    .values({ name: DEFAULT_PARTNER_NAME, is_default: true })
    .onConflict((conflict) => conflict.column('is_default').where('is_default', '=', true).doNothing())
    .execute();
  const defaultPartner = await db
    .selectFrom('partners')
    .selectAll()
    .where('is_default', '=', true)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('deployment_settings')
    .values({ key: 'secret', value: randomBytes(32).toString('base64url') })
    .onConflict((conflict) => conflict.column('key').doNothing())
    .execute();
  const stored = await db
    .selectFrom('deployment_settings')
    .select('value')
    .where('key', '=', 'secret')
    .executeTakeFirstOrThrow();
  return { defaultPartner, secret: configuredSecret ?? stored.value };
}

/**
 * A partner by id, or by name as partner names are unique: ignoring case and surrounding spaces
 * (migration 0014), so `--partner "telco noord"` finds "Telco Noord".
 */
export async function findPartner(db: Kysely<DB>, ref: string): Promise<PartnerRow | undefined> {
  const byId = /^[0-9a-f-]{36}$/i.test(ref)
    ? await db.selectFrom('partners').selectAll().where('id', '=', ref).executeTakeFirst()
    : undefined;
  return (
    byId ??
    db
      .selectFrom('partners')
      .selectAll()
      .where(sql<boolean>`lower(btrim(name)) = lower(btrim(${ref}))`)
      .executeTakeFirst()
  );
}

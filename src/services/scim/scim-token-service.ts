// SCIM bearer tokens per customer (SPEC §7) and the directory-sync switch (SPEC §5). Tokens are
// random, shown once, stored as SHA-256 hashes; a token works only while the customer's sync is on.
import { AppError, notFound, validationFailed } from '../../domain/errors.ts';
import { updateCustomer } from '../../db/repositories/customers.ts';
import {
  apiTokenCreatorId,
  findActiveScimTokenWithCustomer,
  insertScimToken,
  listScimTokens,
  revokeScimToken,
  touchScimToken,
} from '../../db/repositories/scim-tokens.ts';
import type { ScimTokenRow } from '../../db/repositories/scim-tables.ts';
import type { Executor, ServiceContext } from '../context.ts';
import type { Actor } from '../access/actor.ts';
import { assertCanWrite } from '../access/policy.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { hashToken, randomToken } from '../auth/secrets.ts';
import { requireCustomer } from '../customers/customer-service.ts';
import { lockLiveCreatingToken } from '../tokens/token-lineage.ts';
import { decodeInstantCursor } from '../checked-cursor.ts';
import { isUuidLike } from '../db-errors.ts';
import { toPage, type Page } from '../paging.ts';

export const SCIM_TOKEN_PREFIX = 'whscim_';

export interface ScimTokenView {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly createdBy: string | null;
  /** The API token this one was created with (ADR 0085); null when made by a person or the CLI. */
  readonly createdByTokenId: string | null;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
  readonly active: boolean;
}

export interface CreatedScimToken {
  /** The token itself: shown once, never stored. */
  readonly token: string;
  readonly tokenInfo: ScimTokenView;
}

function toView(row: ScimTokenRow): ScimTokenView {
  const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());
  const expired = row.expires_at !== null && new Date(row.expires_at).getTime() <= Date.now();
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdBy: row.created_by,
    createdByTokenId: row.created_by_token_id,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: iso(row.expires_at),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
    active: row.revoked_at === null && !expired,
  };
}

export interface CreateScimTokenInput {
  readonly name?: string | undefined;
  readonly expiresAt?: string | undefined;
}

export async function createScimToken(
  context: ServiceContext,
  customerRef: string,
  input: CreateScimTokenInput,
): Promise<CreatedScimToken> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerRef);
  const expiresAt = input.expiresAt === undefined ? null : new Date(input.expiresAt);
  if (expiresAt !== null && (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= Date.now())) {
    throw validationFailed([
      {
        code: 'invalid_expiry',
        field: 'expiresAt',
        description: 'expiresAt must be a date-time in the future.',
        descriptionNl: 'expiresAt moet een datum en tijd in de toekomst zijn.',
      },
    ]);
  }
  const token = randomToken(SCIM_TOKEN_PREFIX);
  const creatingTokenId = context.actor.type === 'token' ? context.actor.id : null;
  const row = await context.db.transaction().execute(async (trx) => {
    // An API token revoked while this request ran creates nothing: its revocation (and the cascade
    // below it, ADR 0085) either waits for this transaction and finds the new token, or came first.
    if (creatingTokenId !== null && !(await lockLiveCreatingToken(trx, creatingTokenId)))
      throw creatingTokenRevoked();
    const created = await insertScimToken(trx, {
      createdByAdminId: await creatingAdminId(trx, context.actor),
      createdByTokenId: creatingTokenId,
      customerId: customer.id,
      name: input.name?.trim() || 'SCIM',
      tokenHash: hashToken(token),
      prefix: token.slice(0, SCIM_TOKEN_PREFIX.length + 6),
      createdBy: context.actor.label,
      expiresAt,
    });
    await recordAudit(trx, context, {
      partnerId: customer.partner_id,
      customerId: customer.id,
      action: 'scim_token.create',
      targetType: 'scim_token',
      targetId: created.id,
      after: { name: created.name, prefix: created.prefix, expiresAt: created.expires_at },
    });
    return created;
  });
  return { token, tokenInfo: toView(row) };
}

function creatingTokenRevoked(): AppError {
  return new AppError('unauthenticated', {
    en: 'The API token this request was made with has been revoked.',
    nl: 'Het API-token waarmee dit verzoek is gedaan, is ingetrokken.',
  });
}

/** The admin whose authority a new token carries: the admin, or the admin behind an API token. */
async function creatingAdminId(executor: Executor, actor: Actor): Promise<string | null> {
  if (actor.id === null) return null;
  if (actor.type === 'admin') return actor.id;
  if (actor.type === 'token') return apiTokenCreatorId(executor, actor.id);
  return null;
}

/** A page of the customer's SCIM tokens, oldest first (SPEC §7 paging: `cursor` and `max`). */
export async function listScimTokenViews(
  context: ServiceContext,
  customerRef: string,
  input: { cursor?: string | undefined; limit: number },
): Promise<Page<ScimTokenView>> {
  const after = decodeInstantCursor(input.cursor, 'ascending');
  const customer = await requireCustomer(context, customerRef);
  const rows = await listScimTokens(context.db, customer.id, { after, limit: input.limit });
  const page = toPage(rows, input.limit, (row) => ({ key: row.cursor_at, id: row.id }));
  return { items: page.items.map(toView), nextCursor: page.nextCursor };
}

export async function revokeScimTokenById(
  context: ServiceContext,
  customerRef: string,
  tokenId: string,
): Promise<ScimTokenView> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerRef);
  if (!isUuidLike(tokenId)) throw notFound('SCIM token', 'SCIM-token');
  return context.db.transaction().execute(async (trx) => {
    const row = await revokeScimToken(trx, customer.id, tokenId);
    if (!row) throw notFound('SCIM token', 'SCIM-token');
    await recordAudit(trx, context, {
      partnerId: customer.partner_id,
      customerId: customer.id,
      action: 'scim_token.revoke',
      targetType: 'scim_token',
      targetId: row.id,
      after: { revokedAt: row.revoked_at },
    });
    return toView(row);
  });
}

/** A new token with the old one's name; the old one stops working at once. */
export async function rotateScimToken(
  context: ServiceContext,
  customerRef: string,
  tokenId: string,
): Promise<CreatedScimToken> {
  const old = await revokeScimTokenById(context, customerRef, tokenId);
  return createScimToken(context, customerRef, { name: old.name });
}

export interface DirectorySyncView {
  readonly customerId: string;
  readonly enabled: boolean;
  readonly scimBasePath: string;
}

export async function setDirectorySync(
  context: ServiceContext,
  customerRef: string,
  enabled: boolean,
): Promise<DirectorySyncView> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerRef);
  await context.db.transaction().execute(async (trx) => {
    if (customer.directory_sync_enabled === enabled) return;
    await updateCustomer(trx, customer.id, { directory_sync_enabled: enabled });
    await recordAudit(trx, context, {
      partnerId: customer.partner_id,
      customerId: customer.id,
      action: enabled ? 'directory_sync.enable' : 'directory_sync.disable',
      targetType: 'customer',
      targetId: customer.id,
      before: { directorySync: customer.directory_sync_enabled },
      after: { directorySync: enabled },
    });
  });
  return { customerId: customer.id, enabled, scimBasePath: `/scim/v2/${customer.id}` };
}

export async function getDirectorySync(
  context: ServiceContext,
  customerRef: string,
): Promise<DirectorySyncView> {
  const customer = await requireCustomer(context, customerRef);
  return {
    customerId: customer.id,
    enabled: customer.directory_sync_enabled,
    scimBasePath: `/scim/v2/${customer.id}`,
  };
}

const lastTouched = new Map<string, number>();

export type ScimAuthentication =
  | { readonly ok: true; readonly actor: Actor }
  | { readonly ok: false; readonly reason: 'unknown_customer' | 'invalid_token' | 'sync_disabled' };

/** The actor of a SCIM request: the token, acting as a full admin of its one customer. */
export async function authenticateScimToken(
  executor: Executor,
  customerId: string,
  token: string,
): Promise<ScimAuthentication> {
  if (!isUuidLike(customerId)) return { ok: false, reason: 'unknown_customer' };
  const row = await findActiveScimTokenWithCustomer(executor, customerId, hashToken(token));
  if (!row) return { ok: false, reason: 'invalid_token' };
  if (!row.directory_sync_enabled) return { ok: false, reason: 'sync_disabled' };
  // last_used_at is informational: written at most once a minute per token and process.
  const now = Date.now();
  if ((lastTouched.get(row.id) ?? 0) < now - 60_000) {
    lastTouched.set(row.id, now);
    await touchScimToken(executor, row.id);
  }
  return {
    ok: true,
    actor: {
      type: 'scim_token',
      id: row.id,
      label: `SCIM token ${row.name} (${row.prefix}…)`,
      role: 'customer_full_admin',
      partnerId: row.partner_id,
      customerId,
    },
  };
}

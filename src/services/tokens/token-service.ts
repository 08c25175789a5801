// API tokens (SPEC §1): created (shown once), listed (never the secret), revoked at once. Stored
// as SHA-256 hashes; a token never carries a role above its creator's.
import { AppError, notFound, validationFailed } from '../../domain/errors.ts';
import { insertApiToken } from '../../db/repositories/credentials.ts';
import { findApiToken, listApiTokens, revokeApiToken } from '../../db/repositories/api-tokens.ts';
import { findCustomerNames } from '../../db/repositories/customers.ts';
import type { ApiTokenRow, Role } from '../../db/schema.ts';
import { isCustomerRole } from '../access/actor.ts';
import { assertCanGrant, assertCanWrite, customerScope, maySeeHolderOf } from '../access/policy.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { API_TOKEN_PREFIX, hashToken, randomToken } from '../auth/secrets.ts';
import type { Executor, ServiceContext } from '../context.ts';
import { requireCustomer } from '../customers/customer-service.ts';
import { decodeInstantCursor } from '../checked-cursor.ts';
import { toPage, type Page } from '../paging.ts';
import { creatingAdminStands } from './creating-admin-stands.ts';
import { lockLiveCreatingToken, recordCreatingToken, revokeDescendantTokens } from './token-lineage.ts';

export interface TokenView {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly customerId: string | null;
  /** The name of the customer a customer token acts for (Partner Hub lists them all together). */
  readonly customerName: string | null;
  readonly prefix: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
  readonly createdAt: string;
  /** The API token this one was created with (ADR 0085); null when made in a session, or before 0022. */
  readonly createdByTokenId: string | null;
}

function toTokenView(row: ApiTokenRow, names: ReadonlyMap<string, string>): TokenView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    customerId: row.customer_id,
    customerName: row.customer_id ? (names.get(row.customer_id) ?? null) : null,
    prefix: row.prefix,
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    createdByTokenId: row.created_by_token_id,
  };
}

async function presentTokens(executor: Executor, rows: readonly ApiTokenRow[]): Promise<TokenView[]> {
  const names = await findCustomerNames(
    executor,
    rows.flatMap((row) => (row.customer_id ? [row.customer_id] : [])),
  );
  return rows.map((row) => toTokenView(row, names));
}

async function presentToken(executor: Executor, row: ApiTokenRow): Promise<TokenView> {
  const [view] = await presentTokens(executor, [row]);
  if (!view) throw new Error('presentTokens returned no view');
  return view;
}

function auditState(row: ApiTokenRow): Record<string, unknown> {
  return {
    name: row.name,
    role: row.role,
    customerId: row.customer_id,
    prefix: row.prefix,
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    createdByTokenId: row.created_by_token_id,
  };
}

export interface CreateTokenInput {
  readonly name: string;
  readonly role: Role;
  readonly customerId?: string | undefined;
  readonly expiresAt?: Date | undefined;
}

interface TokenCreator {
  /** The admin who answers for the new token. */
  readonly createdBy: string | null;
  /** The API token the new token is created with, if any (ADR 0085). */
  readonly creatingTokenId: string | null;
}

/**
 * Who answers for a token a token creates: the admin behind the creating token, so revoking that
 * admin's tokens (removed, disabled, demoted) reaches the tokens minted from them too; and the
 * creating token itself, so revoking it revokes what it minted (ADR 0085). And a token
 * that expires cannot mint one that outlives it: otherwise its expiry would be a formality (a
 * leaked short-lived token would buy itself a permanent successor).
 */
async function creatorOf(context: ServiceContext, expiresAt: Date | undefined): Promise<TokenCreator> {
  const { actor } = context;
  if (actor.type === 'admin') return { createdBy: actor.id, creatingTokenId: null };
  if (actor.type !== 'token' || actor.id === null) return { createdBy: null, creatingTokenId: null };
  const parent = await findApiToken(context.db, customerScope(actor), actor.id);
  const limit = parent?.expires_at ?? null;
  if (limit !== null && !(expiresAt && expiresAt.getTime() <= limit.getTime())) {
    throw validationFailed([
      {
        code: 'expiry_beyond_creator',
        field: 'expiresAt',
        description: `A token that expires can only create tokens that expire by ${limit.toISOString()}.`,
        descriptionNl: `Een token dat verloopt, kan alleen tokens maken die uiterlijk ${limit.toISOString()} verlopen.`,
      },
    ]);
  }
  return { createdBy: parent?.created_by ?? null, creatingTokenId: parent?.id ?? null };
}

function creatingAdminGone(): AppError {
  return new AppError('unauthenticated', {
    en: 'Your account can no longer sign in. Sign in again.',
    nl: 'Uw account kan zich niet meer aanmelden. Meld u opnieuw aan.',
  });
}

function creatingTokenRevoked(): AppError {
  return new AppError('unauthenticated', {
    en: 'The API token this request was made with has been revoked.',
    nl: 'Het API-token waarmee dit verzoek is gedaan, is ingetrokken.',
  });
}

export async function createToken(
  context: ServiceContext,
  input: CreateTokenInput,
): Promise<TokenView & { token: string }> {
  const { actor } = context;
  assertCanWrite(actor);
  assertCanGrant(actor, input.role);
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw validationFailed([
      {
        code: 'expiry_in_past',
        field: 'expiresAt',
        description: 'expiresAt must lie in the future.',
        descriptionNl: 'expiresAt moet in de toekomst liggen.',
      },
    ]);
  }
  const { createdBy, creatingTokenId } = await creatorOf(context, input.expiresAt);
  let customerId: string | null = null;
  let partnerId = actor.partnerId;
  if (isCustomerRole(input.role)) {
    const ref = input.customerId ?? actor.customerId;
    if (!ref) {
      throw validationFailed([
        {
          code: 'required',
          field: 'customerId',
          description: 'A customer role needs customerId.',
          descriptionNl: 'Een klantrol heeft een customerId nodig.',
        },
      ]);
    }
    const customer = await requireCustomer(context, ref);
    customerId = customer.id;
    partnerId = customer.partner_id;
  } else if (input.customerId !== undefined) {
    throw validationFailed([
      {
        code: 'not_allowed',
        field: 'customerId',
        description: 'customerId is only for the customer roles.',
        descriptionNl: 'customerId hoort alleen bij de klantrollen.',
      },
    ]);
  }
  const token = randomToken(API_TOKEN_PREFIX);
  return context.db.transaction().execute(async (trx) => {
    // A token revoked while this request ran creates nothing (its revocation found no child).
    if (creatingTokenId !== null && !(await lockLiveCreatingToken(trx, creatingTokenId)))
      throw creatingTokenRevoked();
    // Likewise an admin disabled, demoted or suspended by the directory while this request ran.
    if (!(await creatingAdminStands(trx, actor))) throw creatingAdminGone();
    const inserted = await insertApiToken(trx, {
      partnerId,
      customerId,
      createdBy,
      name: input.name.trim(),
      role: input.role,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
      expiresAt: input.expiresAt ?? null,
    });
    const row =
      creatingTokenId === null ? inserted : await recordCreatingToken(trx, inserted.id, creatingTokenId);
    await recordAudit(trx, context, {
      partnerId: row.partner_id,
      customerId: row.customer_id,
      action: 'token.create',
      targetType: 'api_token',
      targetId: row.id,
      after: auditState(row),
    });
    return { token, ...(await presentToken(trx, row)) };
  });
}

/**
 * The tokens the caller may see, or only those of one customer (a Control Hub page): that customer
 * is looked up in the caller's scope first, so another tenant's customer answers 404, not an empty
 * list that would confirm nothing yet hide a wrong id.
 */
export async function listTokenViews(
  context: ServiceContext,
  input: { cursor?: string | undefined; limit: number; customerId?: string | undefined },
): Promise<Page<TokenView>> {
  const customerId = input.customerId ? (await requireCustomer(context, input.customerId)).id : undefined;
  const rows = await listApiTokens(context.db, customerScope(context.actor), {
    after: decodeInstantCursor(input.cursor, 'ascending'),
    limit: input.limit,
    customerId,
  });
  const page = toPage(rows, input.limit, (row) => ({ key: row.cursor_at, id: row.id }));
  const visible = page.items.filter((row) => maySeeHolderOf(context.actor, row.role));
  return { items: await presentTokens(context.db, visible), nextCursor: page.nextCursor };
}

async function requireToken(context: ServiceContext, id: string, executor: Executor): Promise<ApiTokenRow> {
  const row = await findApiToken(executor, customerScope(context.actor), id, {
    forUpdate: executor !== context.db,
  });
  if (!row || !maySeeHolderOf(context.actor, row.role)) throw notFound('API token', 'API-token');
  return row;
}

export async function getTokenView(context: ServiceContext, id: string): Promise<TokenView> {
  return presentToken(context.db, await requireToken(context, id, context.db));
}

/**
 * Revoked tokens stop authenticating at once: authentication reads revoked_at (the token cache is
 * cleared by every write, ADR 0053). The tokens created with it, and theirs, go in the same
 * transaction (ADR 0085).
 */
export async function revokeToken(context: ServiceContext, id: string): Promise<void> {
  const { actor } = context;
  assertCanWrite(actor);
  await context.db.transaction().execute(async (trx) => {
    const existing = await requireToken(context, id, trx);
    assertCanGrant(actor, existing.role);
    // Already revoked: asking again still revokes any live token below it, and answers the same.
    if (existing.revoked_at) {
      await revokeDescendantTokens(trx, context, [existing.id]);
      return;
    }
    const row = await revokeApiToken(trx, existing.id);
    await recordAudit(trx, context, {
      partnerId: row.partner_id,
      customerId: row.customer_id,
      action: 'token.revoke',
      targetType: 'api_token',
      targetId: row.id,
      before: auditState(existing),
      after: auditState(row),
    });
    await revokeDescendantTokens(trx, context, [row.id]);
  });
}

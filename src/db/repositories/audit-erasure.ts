// SQL of the GDPR erasure: the only statements allowed to change audit_events (the append-only
// trigger lets an UPDATE through only while `hub.audit_erasure` is on for the transaction), the
// look-ups that say who the person is, and the rewrite of outgoing emails that name them.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../services/context.ts';
import type { AuditEventRow, DB } from '../schema.ts';
import { withImportTables } from './import-schema.ts';
import { withLifecycleTables } from './lifecycle-schema.ts';
import type { OutboxEmailRow } from './outbox.ts';
import { scimDb } from './scim-tables.ts';

/** Must run inside the erasure's transaction: `set local` ends with it. */
export async function allowAuditErasure(trx: Executor): Promise<void> {
  await sql`select set_config('hub.audit_erasure', 'on', true)`.execute(trx);
}

function likePattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** What the erasure knows identifies the person (lower-case emails). */
export interface PersonKeys {
  readonly emails: readonly string[];
  readonly userIds: readonly string[];
  readonly adminIds: readonly string[];
  readonly freeAccountIds: readonly string[];
}

/**
 * Which rows the erasure may touch: the partner's own, and, once the person is known to this
 * partner, the deployment-level rows without a partner (free-account sign-ups, probes) about them.
 * Other partners' rows are theirs to erase. `partnerId: null` is the operator's deployment-level
 * pass (ADR 0024, operator erasure): the rows without a partner only.
 */
export interface ErasureScope {
  readonly partnerId: string | null;
  readonly withUnscoped: boolean;
}

function inScope(
  eb: ExpressionBuilder<DB, 'audit_events' | 'outbox_emails'>,
  scope: ErasureScope,
): Expression<SqlBool> {
  if (scope.partnerId === null) return eb('partner_id', 'is', null);
  const own = eb('partner_id', '=', scope.partnerId);
  return scope.withUnscoped ? eb.or([own, eb('partner_id', 'is', null)]) : own;
}

/**
 * Audit rows in scope that may concern the person: their user, admin or free account (or email) as
 * target, their admin account as actor, or one of their emails as actor label or in before/after.
 * Candidates only: the service decides (scrub-personal-data.ts) what each row has of theirs.
 */
export async function findAuditRowsConcerning(
  executor: Executor,
  scope: ErasureScope,
  keys: PersonKeys,
): Promise<AuditEventRow[]> {
  const patterns = keys.emails.map(likePattern);
  return executor
    .selectFrom('audit_events')
    .selectAll()
    .where((eb) => inScope(eb, scope))
    .where((eb) => {
      const target = (type: string, ids: readonly string[]) =>
        ids.length === 0 ? [] : [eb.and([eb('target_type', '=', type), eb('target_id', 'in', ids)])];
      return eb.or([
        ...target('user', keys.userIds),
        ...target('admin', keys.adminIds),
        ...target('free_account', keys.freeAccountIds),
        ...(keys.emails.length === 0
          ? []
          : [
              eb.and([eb('target_type', '=', 'email'), eb(sql<string>`lower(target_id)`, 'in', keys.emails)]),
            ]),
        ...(keys.adminIds.length === 0
          ? []
          : [eb.and([eb('actor_type', '=', 'admin'), eb('actor_id', 'in', keys.adminIds)])]),
        ...patterns.flatMap((pattern) => [
          eb('actor_label', 'ilike', pattern),
          eb(sql<string>`before::text`, 'ilike', pattern),
          eb(sql<string>`after::text`, 'ilike', pattern),
        ]),
      ]);
    })
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function rewriteAuditRow(
  executor: Executor,
  id: number,
  values: {
    actorLabel: string | null;
    targetId: string | null;
    before: unknown;
    after: unknown;
  },
): Promise<void> {
  await executor
    .updateTable('audit_events')
    .set({
      actor_label: values.actorLabel,
      target_id: values.targetId,
      before: values.before === null || values.before === undefined ? null : JSON.stringify(values.before),
      after: values.after === null || values.after === undefined ? null : JSON.stringify(values.after),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * The person as the tables hold them now: the partner's users and admins, and free accounts
 * (`partnerId: null`, the deployment-level pass: free accounts only).
 */
export interface PersonRecord {
  readonly kind: 'user' | 'admin' | 'free_account';
  readonly id: string;
  readonly email: string;
  readonly names: readonly (string | null)[];
}

export async function findPersonRecords(
  executor: Executor,
  partnerId: string | null,
  keys: PersonKeys,
): Promise<PersonRecord[]> {
  const freeAccounts = await findFreeAccountRecords(executor, keys);
  if (partnerId === null) return freeAccounts;
  const byEmailOrId = (ids: readonly string[]) => (eb: ExpressionBuilder<DB, 'users' | 'admin_accounts'>) =>
    eb.or([
      eb(sql<string>`lower(email)`, 'in', keys.emails.length > 0 ? keys.emails : ['']),
      ...(ids.length === 0 ? [] : [eb('id', 'in', ids)]),
    ]);
  const users = await executor
    .selectFrom('users')
    .innerJoin('customers', 'customers.id', 'users.customer_id')
    .select([
      'users.id',
      'users.email',
      'users.first_name',
      'users.last_name',
      'users.display_name',
      'users.caller_id_first_name',
      'users.caller_id_last_name',
    ])
    .where('customers.partner_id', '=', partnerId)
    .where((eb) =>
      eb.or([
        eb(sql<string>`lower(users.email)`, 'in', keys.emails.length > 0 ? keys.emails : ['']),
        ...(keys.userIds.length === 0 ? [] : [eb('users.id', 'in', keys.userIds)]),
      ]),
    )
    .execute();
  const admins = await executor
    .selectFrom('admin_accounts')
    .select(['id', 'email', 'display_name'])
    .where('partner_id', '=', partnerId)
    .where(byEmailOrId(keys.adminIds))
    .execute();
  return [
    ...users.map((row) => ({
      kind: 'user' as const,
      id: row.id,
      email: row.email,
      names: [
        row.first_name,
        row.last_name,
        row.display_name,
        row.caller_id_first_name,
        row.caller_id_last_name,
      ],
    })),
    ...admins.map((row) => ({
      kind: 'admin' as const,
      id: row.id,
      email: row.email,
      names: [row.display_name],
    })),
    ...freeAccounts,
  ];
}

async function findFreeAccountRecords(executor: Executor, keys: PersonKeys): Promise<PersonRecord[]> {
  const rows = await withLifecycleTables(executor)
    .selectFrom('free_accounts')
    .select(['id', 'email', 'first_name', 'last_name'])
    .where((eb) =>
      eb.or([
        eb(sql<string>`lower(email)`, 'in', keys.emails.length > 0 ? keys.emails : ['']),
        ...(keys.freeAccountIds.length === 0 ? [] : [eb('id', 'in', keys.freeAccountIds)]),
      ]),
    )
    .execute();
  return rows.map((row) => ({
    kind: 'free_account' as const,
    id: row.id,
    email: row.email,
    names: [row.first_name, row.last_name],
  }));
}

/** Outgoing emails in scope sent to one of the addresses or naming one in subject, body or error. */
export async function findOutboxEmailsMentioning(
  executor: Executor,
  scope: ErasureScope,
  emails: readonly string[],
): Promise<Pick<OutboxEmailRow, 'id' | 'to_address' | 'subject' | 'body_text' | 'status' | 'last_error'>[]> {
  if (emails.length === 0) return [];
  return executor
    .selectFrom('outbox_emails')
    .select(['id', 'to_address', 'subject', 'body_text', 'status', 'last_error'])
    .where((eb) => inScope(eb, scope))
    .where((eb) =>
      eb.or([
        eb(sql<string>`lower(to_address)`, 'in', emails),
        ...emails
          .map(likePattern)
          .flatMap((pattern) => [
            eb('subject', 'ilike', pattern),
            eb('body_text', 'ilike', pattern),
            eb('last_error', 'ilike', pattern),
          ]),
      ]),
    )
    .forUpdate()
    .execute();
}

export async function rewriteOutboxEmail(
  executor: Executor,
  id: string,
  values: Pick<OutboxEmailRow, 'to_address' | 'subject' | 'body_text' | 'status' | 'last_error'>,
): Promise<void> {
  await executor.updateTable('outbox_emails').set(values).where('id', '=', id).execute();
}

/**
 * Records outside the log that keep an admin's email as who made them: a directory-sync token's
 * `created_by` and an import's uploader (`imports.actor`). They get the tombstone like the log;
 * ids stay, so a token still follows its admin (ADR 0069). The partner's own records only.
 */
export async function scrubCreatorLabels(
  executor: Executor,
  partnerId: string,
  emails: readonly string[],
  tombstone: string,
): Promise<number> {
  if (emails.length === 0) return 0;
  const lowered = emails.map((email) => email.trim().toLowerCase());
  const tokens = await scimDb(executor)
    .updateTable('scim_tokens')
    .set({ created_by: tombstone })
    .where(sql<boolean>`lower(created_by) = any(${lowered}::text[])`)
    .where('customer_id', 'in', (eb) =>
      eb.selectFrom('customers').select('id').where('partner_id', '=', partnerId),
    )
    .executeTakeFirst();
  const imports = await withImportTables(executor)
    .updateTable('imports')
    .set({ actor: sql`jsonb_set(actor, '{label}', to_jsonb(${tombstone}::text))` })
    .where('partner_id', '=', partnerId)
    .where(sql<boolean>`lower(actor ->> 'label') = any(${lowered}::text[])`)
    .executeTakeFirst();
  return Number(tokens.numUpdatedRows) + Number(imports.numUpdatedRows);
}

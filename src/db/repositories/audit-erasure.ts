// SQL of the GDPR erasure: the only statements allowed to change audit_events (the append-only
// trigger lets an UPDATE through only while `hub.audit_erasure` is on for the transaction), and
// the rewrite of the partner's outgoing emails that name the person.
import { sql } from 'kysely';
import type { Executor } from '../../services/context.ts';
import type { AuditEventRow } from '../schema.ts';
import type { OutboxEmailRow } from './outbox.ts';

/** Must run inside the erasure's transaction: `set local` ends with it. */
export async function allowAuditErasure(trx: Executor): Promise<void> {
  await sql`select set_config('hub.audit_erasure', 'on', true)`.execute(trx);
}

function likePattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A partner's audit rows that name the email as actor or anywhere in before/after. */
export async function findAuditRowsMentioning(
  executor: Executor,
  partnerId: string,
  email: string,
): Promise<AuditEventRow[]> {
  const pattern = likePattern(email);
  return executor
    .selectFrom('audit_events')
    .selectAll()
    .where('partner_id', '=', partnerId)
    .where((eb) =>
      eb.or([
        eb(sql<string>`lower(actor_label)`, '=', email),
        eb(sql<string>`before::text`, 'ilike', pattern),
        eb(sql<string>`after::text`, 'ilike', pattern),
      ]),
    )
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function rewriteAuditRow(
  executor: Executor,
  id: number,
  values: {
    actorLabel: string | null;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  },
): Promise<void> {
  await executor
    .updateTable('audit_events')
    .set({
      actor_label: values.actorLabel,
      before: values.before ? JSON.stringify(values.before) : null,
      after: values.after ? JSON.stringify(values.after) : null,
    })
    .where('id', '=', id)
    .execute();
}

/** The names the deployment knows for the email (admin account and subscriber). */
export async function namesOfPerson(executor: Executor, email: string): Promise<string[]> {
  const admins = await executor
    .selectFrom('admin_accounts')
    .select('display_name')
    .where(sql<string>`lower(email)`, '=', email)
    .execute();
  const users = await executor
    .selectFrom('users')
    .select(['first_name', 'last_name', 'display_name'])
    .where(sql<string>`lower(email)`, '=', email)
    .execute();
  return [
    ...admins.map((row) => row.display_name),
    ...users.flatMap((row) => [row.first_name, row.last_name, row.display_name]),
  ].filter((name): name is string => typeof name === 'string' && name.trim().length > 0);
}

/** A partner's outgoing emails sent to the address or naming it in subject or body. */
export async function findOutboxEmailsMentioning(
  executor: Executor,
  partnerId: string,
  email: string,
): Promise<Pick<OutboxEmailRow, 'id' | 'to_address' | 'subject' | 'body_text' | 'status' | 'last_error'>[]> {
  const pattern = likePattern(email);
  return executor
    .selectFrom('outbox_emails')
    .select(['id', 'to_address', 'subject', 'body_text', 'status', 'last_error'])
    .where('partner_id', '=', partnerId)
    .where((eb) =>
      eb.or([
        eb(sql<string>`lower(to_address)`, '=', email),
        eb('subject', 'ilike', pattern),
        eb('body_text', 'ilike', pattern),
        eb('last_error', 'ilike', pattern),
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

// SQL for outgoing email. Rows are written in the transaction of the change that sends them and
// delivered later by the deliver-email job.
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../services/context.ts';
import type { OutboxEmailsTable } from '../schema.ts';

export type OutboxEmailRow = Selectable<OutboxEmailsTable>;

export interface NewOutboxEmail {
  readonly partnerId: string | null;
  readonly customerId: string | null;
  readonly to: string;
  readonly template: string;
  readonly subject: string;
  readonly bodyText: string;
}

export async function insertOutboxEmail(executor: Executor, email: NewOutboxEmail): Promise<OutboxEmailRow> {
  return executor
    .insertInto('outbox_emails')
    .values({
      partner_id: email.partnerId,
      customer_id: email.customerId,
      to_address: email.to,
      template: email.template,
      subject: email.subject,
      body_text: email.bodyText,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findOutboxEmail(executor: Executor, id: string): Promise<OutboxEmailRow | undefined> {
  return executor.selectFrom('outbox_emails').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listOutboxEmailsTo(executor: Executor, to: string): Promise<OutboxEmailRow[]> {
  return executor
    .selectFrom('outbox_emails')
    .selectAll()
    .where(sql<string>`lower(to_address)`, '=', to.trim().toLowerCase())
    .orderBy('created_at', 'desc')
    .execute();
}

/** Settles a pending row; a row already settled (a job run twice) is left alone. */
export async function settleOutboxEmail(
  executor: Executor,
  id: string,
  outcome: { status: 'sent' | 'stored' | 'failed' | 'pending'; error?: string },
): Promise<void> {
  await executor
    .updateTable('outbox_emails')
    .set({
      status: outcome.status,
      attempts: sql<number>`attempts + ${outcome.status === 'stored' ? 0 : 1}`,
      last_error: outcome.error?.slice(0, 2000) ?? null,
      ...(outcome.status === 'sent' ? { sent_at: sql<Date>`now()` } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

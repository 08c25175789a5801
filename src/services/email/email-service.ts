// Sending email = writing an outbox row in the caller's transaction (so a rolled-back change sends
// nothing) plus a deliver-email job that hands it to SMTP after the commit.
import { findOutboxEmail, insertOutboxEmail, settleOutboxEmail } from '../../db/repositories/outbox.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import type { Executor, Locale } from '../context.ts';
import type { MailTransport } from './mail-transport.ts';
import { renderEmail, type EmailTemplate, type EmailValues } from './templates.ts';

export const DELIVER_EMAIL_JOB = 'deliver-email';

export interface QueuedEmail<T extends EmailTemplate> {
  readonly partnerId: string | null;
  readonly customerId: string | null;
  readonly to: string;
  readonly template: T;
  /** Chosen by the caller with emailLocale(), from what is known about the recipient. */
  readonly locale: Locale;
  readonly values: EmailValues[T];
}

export async function queueEmail<T extends EmailTemplate>(
  trx: Executor,
  email: QueuedEmail<T>,
): Promise<string> {
  const rendered = renderEmail(email.template, email.locale, email.values);
  const row = await insertOutboxEmail(trx, {
    partnerId: email.partnerId,
    customerId: email.customerId,
    to: email.to,
    template: email.template,
    subject: rendered.subject,
    bodyText: rendered.text,
  });
  await enqueueJob(trx, { kind: DELIVER_EMAIL_JOB, payload: { emailId: row.id }, maxAttempts: 5 });
  return row.id;
}

export type DeliveryOutcome = 'sent' | 'stored' | 'retry' | 'failed' | 'skipped';

/**
 * Delivers one pending row. A failed send leaves the row pending and answers `retry` (the job
 * throws so the queue retries with backoff) until the last attempt, which marks it `failed`.
 */
export async function deliverEmail(
  db: Executor,
  emailId: string,
  transport: MailTransport | null,
  attempt: { current: number; max: number },
  /** The worker's: aborted at shutdown, the send stops and the row stays pending for the next run. */
  signal?: AbortSignal,
): Promise<{ outcome: DeliveryOutcome; error?: string }> {
  const email = await findOutboxEmail(db, emailId);
  if (!email || email.status !== 'pending') return { outcome: 'skipped' };
  if (!transport) {
    await settleOutboxEmail(db, email.id, { status: 'stored' });
    return { outcome: 'stored' };
  }
  try {
    await transport.send(
      { id: email.id, to: email.to_address, subject: email.subject, text: email.body_text },
      signal,
    );
  } catch (error) {
    // Not a failed attempt: the job goes back to the queue as it is (not `failed` on the last one).
    if (signal?.aborted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const final = attempt.current >= attempt.max;
    await settleOutboxEmail(db, email.id, { status: final ? 'failed' : 'pending', error: message });
    return { outcome: final ? 'failed' : 'retry', error: message };
  }
  await settleOutboxEmail(db, email.id, { status: 'sent' });
  return { outcome: 'sent' };
}

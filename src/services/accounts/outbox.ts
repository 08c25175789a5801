// Lifecycle emails (consent, sign-up verification) whose texts are not among the email service's
// templates: written to the same outbox, in the caller's transaction, and delivered by the same
// deliver-email job, so they go out exactly when the change that caused them commits.
import { insertOutboxEmail } from '../../db/repositories/outbox.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import type { Executor } from '../context.ts';
import { DELIVER_EMAIL_JOB } from '../email/email-service.ts';

export interface OutgoingEmail {
  readonly partnerId: string | null;
  readonly customerId: string | null;
  readonly to: string;
  /** Stable template name, e.g. `consent-move`, `signup-verification`. */
  readonly template: string;
  readonly subject: string;
  readonly body: string;
}

export async function queueEmail(executor: Executor, email: OutgoingEmail): Promise<string> {
  const row = await insertOutboxEmail(executor, {
    partnerId: email.partnerId,
    customerId: email.customerId,
    to: email.to,
    template: email.template,
    subject: email.subject,
    bodyText: email.body,
  });
  await enqueueJob(executor, { kind: DELIVER_EMAIL_JOB, payload: { emailId: row.id }, maxAttempts: 5 });
  return row.id;
}

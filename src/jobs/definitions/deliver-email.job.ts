// Hands one outbox email to SMTP (or keeps it as `stored` when no SMTP is configured). A failed
// send throws so the queue retries with backoff; the last attempt marks the row `failed`.
import { z } from 'zod';
import { DELIVER_EMAIL_JOB, deliverEmail } from '../../services/email/email-service.ts';
import { mailTransport } from '../../services/email/mail-transport.ts';
import { defineJob } from '../job-definition.ts';

export const deliverEmailJob = defineJob({
  kind: DELIVER_EMAIL_JOB,
  version: 1,
  maxAttempts: 5,
  payloadSchema: z.object({ emailId: z.string().uuid() }),
  async handle({ emailId }, { db, job, logger, signal }) {
    // A stopping worker ends the send (a mail server that does not answer held it for minutes).
    const result = await deliverEmail(
      db,
      emailId,
      mailTransport(),
      { current: job.attempts, max: job.max_attempts },
      signal,
    );
    if (result.outcome === 'failed') logger.warn({ emailId, error: result.error }, 'email not delivered');
    if (result.outcome === 'retry') throw new Error(`SMTP send failed: ${result.error ?? 'unknown error'}`);
  },
});

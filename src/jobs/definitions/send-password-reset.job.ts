// Looks the email up and, for an active admin account, writes the reset link to the outbox
// (ADR 0002). Run as a job so the request that asked answers alike for every email.
import { z } from 'zod';
import { PASSWORD_RESET_JOB, sendPasswordReset } from '../../services/auth/account-flows.ts';
import { logSuppressedEmail } from '../../services/email/recipient-email-limit.ts';
import { defineJob } from '../job-definition.ts';

export const sendPasswordResetJob = defineJob({
  kind: PASSWORD_RESET_JOB,
  version: 1,
  maxAttempts: 3,
  payloadSchema: z.object({
    email: z.string().min(1).max(254),
    publicUrl: z.string().min(1),
    locale: z.enum(['en', 'nl']),
  }),
  async handle(payload, { db, logger }) {
    const suppressed = await sendPasswordReset(db, payload);
    if (suppressed) logSuppressedEmail(logger, suppressed);
  },
});

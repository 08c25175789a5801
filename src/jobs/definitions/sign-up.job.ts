// Does a self sign-up's work (SPEC §5): looks the email up among users and free accounts and, for
// one that can still be used, creates the unverified account and emails its link. Run as a job so
// the request that asked answers alike, in text and timing, for every email (ADR 0002).
import { SIGNUP_JOB, signUp } from '../../services/accounts/free-accounts.ts';
import { signUpRequestSchema } from '../../services/accounts/sign-up-request.ts';
import { logSuppressedEmail } from '../../services/email/recipient-email-limit.ts';
import { defineJob } from '../job-definition.ts';

export const signUpJob = defineJob({
  kind: SIGNUP_JOB,
  version: 1,
  maxAttempts: 3,
  payloadSchema: signUpRequestSchema,
  async handle(payload, { db, job, logger }) {
    const suppressed = await signUp(db, payload, job.id);
    if (suppressed) logSuppressedEmail(logger, suppressed);
  },
});

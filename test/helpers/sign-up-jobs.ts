// Runs only the queued `sign-up` jobs (ADR 0002: a sign-up's work is a job), leaving every other
// job, such as the verification email's delivery, queued for the test to look at.
import type { Kysely } from 'kysely';
import pino from 'pino';
import type { DB } from '../../src/db/schema.ts';
import { signUpJob } from '../../src/jobs/definitions/sign-up.job.ts';
import { createWorker } from '../../src/jobs/worker.ts';

export async function runSignUpJobs(db: Kysely<DB>): Promise<number> {
  const worker = createWorker({
    db,
    logger: pino({ level: 'silent' }),
    definitions: [signUpJob],
    housekeepingIntervalMs: 0,
  });
  return worker.drain();
}

// Free accounts (SPEC §5): people outside any customer. They sign up themselves (the email is
// verified through the outbox) or an operator creates them (`hub accounts create-free`). Sign-up
// answers the same whatever the email, in text and in timing (the request only queues a job that
// does the lookups and writes), so it cannot be used to learn which emails exist.
import { sql } from 'kysely';
import { conflict } from '../../domain/errors.ts';
import { checkedEmail } from '../../domain/users/checked-email.ts';
import { consumeActionToken, insertActionToken, revokeActionTokens } from '../../db/repositories/admins.ts';
import {
  findFreeAccountByEmail,
  insertFreeAccount,
  markFreeAccountVerified,
} from '../../db/repositories/free-accounts.ts';
import type { FreeAccountRow } from '../../db/repositories/lifecycle-schema.ts';
import type { Executor, Locale, ServiceContext } from '../context.ts';
import { systemActor } from '../access/actor.ts';
import { assertOperator } from '../access/policy.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { invalidLink } from '../auth/invalid-link.ts';
import { hashToken, randomToken } from '../auth/secrets.ts';
import { queueEmail } from '../email/email-service.ts';
import { takeRecipientEmailSlot, type SuppressedEmail } from '../email/recipient-email-limit.ts';
import { EMAIL_TAKEN_TEXT } from '../../domain/provisioning/wholesale-codes.ts';
import { enqueueJob, lockJobPayloadEmail } from '../../jobs/queue.ts';
import { isTombstone } from '../../domain/privacy/tombstone.ts';
import type { FreeAccountInput, SignUpRequest } from './sign-up-request.ts';

export const SIGNUP_TTL_HOURS = 24;

export interface FreeAccountView {
  readonly id: string;
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly source: 'signup' | 'operator';
  readonly status: 'unverified' | 'active';
  readonly createdAt: string;
}

export function toFreeAccountView(row: FreeAccountRow): FreeAccountView {
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    source: row.source,
    status: row.status,
    createdAt: row.created_at.toISOString(),
  };
}

async function isUserEmail(executor: Executor, email: string): Promise<boolean> {
  const row = await executor
    .selectFrom('users')
    .select('id')
    .where(sql`lower(email)`, '=', email)
    .executeTakeFirst();
  return row !== undefined;
}

/** The operator creates a free account, active at once (`hub accounts create-free`). */
export async function createFreeAccount(
  context: ServiceContext,
  input: FreeAccountInput,
): Promise<FreeAccountView> {
  assertOperator(context.actor);
  const email = checkedEmail(input.email);
  return context.db.transaction().execute(async (trx) => {
    if (await isUserEmail(trx, email)) {
      throw conflict(EMAIL_TAKEN_TEXT, [
        { code: 'email_taken', field: 'email', description: EMAIL_TAKEN_TEXT },
      ]);
    }
    if (await findFreeAccountByEmail(trx, email)) {
      throw conflict(
        {
          en: `A free account with email ${email} already exists.`,
          nl: `Er bestaat al een gratis account met e-mailadres ${email}.`,
        },
        [
          {
            code: 'free_account_exists',
            field: 'email',
            description: 'A free account with this email already exists.',
            descriptionNl: 'Er bestaat al een gratis account met dit e-mailadres.',
          },
        ],
      );
    }
    const row = await insertFreeAccount(trx, {
      email,
      firstName: input.firstName?.trim() || null,
      lastName: input.lastName?.trim() || null,
      source: 'operator',
      active: true,
    });
    await recordAudit(trx, context, {
      partnerId: null,
      customerId: null,
      action: 'account.create_free',
      targetType: 'free_account',
      targetId: row.id,
      after: { email: row.email, source: row.source },
    });
    return toFreeAccountView(row);
  });
}

function signupContext(
  db: ServiceContext['db'],
  email: string,
  requestId: string,
  jobId?: string,
): ServiceContext {
  return {
    db,
    actor: { ...systemActor('', `signup:${email}`), partnerId: '' },
    requestId,
    locale: 'en',
    ...(jobId !== undefined ? { jobId } : {}),
  };
}

/** A free account belongs to no customer or partner: the email speaks the language of the sign-up request. */
async function sendVerification(
  trx: Executor,
  account: FreeAccountRow,
  publicUrl: string,
  locale: Locale,
): Promise<void> {
  const token = randomToken('', 32);
  await revokeActionTokens(trx, account.id, 'email_verification');
  await insertActionToken(trx, {
    tokenHash: hashToken(token),
    purpose: 'email_verification',
    subjectId: account.id,
    ttlHours: SIGNUP_TTL_HOURS,
  });
  await queueEmail(trx, {
    partnerId: null,
    customerId: null,
    to: account.email,
    template: 'signup-verification',
    locale,
    values: {
      link: `${publicUrl.replace(/\/+$/, '')}/signup/verify?token=${token}`,
      ttlHours: SIGNUP_TTL_HOURS,
    },
  });
}

export const SIGNUP_JOB = 'sign-up';

/** A sign-up as the request gave it (email already checked) and as its job receives it. */
/**
 * Self sign-up, the request's part: it checks the input and only queues a job, so the answer costs
 * the same one INSERT for an email that is a user (or a free account) anywhere in the deployment
 * and for one that is not (ADR 0002 did the same for password resets). The users and free-account
 * tables are read by the job, never by the request.
 */
export async function requestSignUp(
  db: ServiceContext['db'],
  input: FreeAccountInput,
  request: { publicUrl: string; requestId: string; locale: Locale },
): Promise<void> {
  const email = checkedEmail(input.email);
  const payload = {
    email,
    ...(input.firstName !== undefined ? { firstName: input.firstName } : {}),
    ...(input.lastName !== undefined ? { lastName: input.lastName } : {}),
    publicUrl: request.publicUrl,
    locale: request.locale,
    requestId: request.requestId,
  } satisfies SignUpRequest;
  await enqueueJob(db, { kind: SIGNUP_JOB, payload, maxAttempts: 3 });
}

/**
 * Self sign-up, the job's part. Creates an unverified account and emails the verification link;
 * an email that is taken (by a user or an active free account) gets no email. Run again (a retry,
 * a takeover), it sends a fresh link that voids the earlier one.
 */
export async function signUp(
  db: ServiceContext['db'],
  input: SignUpRequest,
  jobId?: string,
): Promise<SuppressedEmail | undefined> {
  return db.transaction().execute(async (trx) => {
    // An erasure of the person writes its tombstone into this job's payload (ADR 0002, 0024). The
    // job's row, locked first, orders the two: an erasure that came first is seen here (also by a
    // job taken over after it, whose payload is the tombstone), and one that comes later waits for
    // this transaction and then erases what it wrote.
    if (jobId !== undefined && (await lockJobPayloadEmail(trx, jobId)) !== input.email) return undefined;
    if (isTombstone(input.email)) return undefined;
    const email = checkedEmail(input.email);
    const context = signupContext(db, email, input.requestId, jobId);
    if (await isUserEmail(trx, email)) return undefined;
    const existing = await findFreeAccountByEmail(trx, email);
    if (existing?.status === 'active') return undefined;
    // Within the per-recipient limit (ADR 0002, 2026-11-27) nothing is written: no account, no new
    // link voiding the one already sent, no audit row. The job logs why; the request answered 202.
    const suppressed = await takeRecipientEmailSlot(trx, email, 'signup-verification');
    if (suppressed) return suppressed;
    const account =
      existing ??
      (await insertFreeAccount(trx, {
        email,
        firstName: input.firstName?.trim() || null,
        lastName: input.lastName?.trim() || null,
        source: 'signup',
        active: false,
      }));
    await sendVerification(trx, account, input.publicUrl, input.locale);
    await recordAudit(trx, context, {
      partnerId: null,
      customerId: null,
      action: existing ? 'account.signup_resent' : 'account.signup',
      targetType: 'free_account',
      targetId: account.id,
      after: { email },
    });
    return undefined;
  });
}

/** The emailed link: the account becomes active (claimable, movable). Single use. */
export async function verifySignup(
  db: ServiceContext['db'],
  token: string,
  requestId: string,
): Promise<FreeAccountView> {
  return db.transaction().execute(async (trx) => {
    const subject = await consumeActionToken(trx, hashToken(token), 'email_verification');
    const account = subject ? await markFreeAccountVerified(trx, subject) : undefined;
    if (!account) {
      throw invalidLink();
    }
    await recordAudit(trx, signupContext(db, account.email, requestId), {
      partnerId: null,
      customerId: null,
      action: 'account.verified',
      targetType: 'free_account',
      targetId: account.id,
    });
    return toFreeAccountView(account);
  });
}

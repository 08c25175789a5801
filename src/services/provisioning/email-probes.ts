// SPEC §5: adding an email that belongs to another customer answers the public text and names no
// organization; such probes are audited and rate-limited per actor, so nobody can map which
// emails exist by trying them. The audit row commits on its own: the request itself fails.
import { sql } from 'kysely';
import { AppError, conflict } from '../../domain/errors.ts';
import { EMAIL_TAKEN_TEXT } from '../../domain/provisioning/wholesale-codes.ts';
import { emailsTakenElsewhere } from '../../db/repositories/users.ts';
import { recordAudits } from '../audit/record-audit.ts';
import type { ServiceContext } from '../context.ts';

export const EMAIL_PROBE_ACTION = 'user.email_taken_probe';

/**
 * Runs a door's "budget check → lookup → record the probes" as one step for its actor: in a
 * transaction that first takes a lock on the actor (released when it commits), with `work`
 * reading and auditing through that transaction (`probing.db`). Without it, requests sent at the
 * same moment all passed a budget none of them had used yet, and each answer told taken from free
 * (a reviewer's 40 parallel number adds: 20 probes against a budget of 10, ADR 0074). The probes'
 * audit rows commit with the transaction; the request's own writes stay outside it.
 */
export async function probingAsOneStep<T>(
  context: ServiceContext,
  work: (probing: ServiceContext) => Promise<T>,
): Promise<T> {
  const actorId = context.actor.id;
  if (actorId === null) return work(context);
  return context.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`email-probes:${actorId}`}, 0))`.execute(trx);
    return work({ ...context, db: trx });
  });
}
/** Probes one actor may make per minute before being answered 429. */
export const EMAIL_PROBES_PER_MINUTE = 10;

export function emailTakenError(): AppError {
  return conflict(EMAIL_TAKEN_TEXT, [{ code: 'email_taken', field: 'email', description: EMAIL_TAKEN_TEXT }]);
}

export class ProbeRateLimited extends AppError {
  readonly retryAfterSeconds = 60;
  constructor(
    message: { en: string; nl: string } = {
      en: 'Too many attempts with emails of other organizations. Try again in a minute.',
      nl: 'Te veel pogingen met e-mailadressen van andere organisaties. Probeer het over een minuut opnieuw.',
    },
  ) {
    super('rate_limited', message);
  }
}

/**
 * The actor's probes of one kind (the audit action, e.g. numbers of other organizations, ADR
 * 0074) in the last minute; each kind has its own budget of EMAIL_PROBES_PER_MINUTE.
 */
export async function recentProbes(
  context: ServiceContext,
  actorId: string,
  action: string = EMAIL_PROBE_ACTION,
): Promise<number> {
  const row = await context.db
    .selectFrom('audit_events')
    .select(sql<number>`count(*)::int`.as('probes'))
    .where('actor_id', '=', actorId)
    .where('action', '=', action)
    .where('occurred_at', '>', sql<Date>`now() - interval '1 minute'`)
    .executeTakeFirstOrThrow();
  return row.probes;
}

/** Probes the actor may still make this minute; unlimited (Infinity) for actors without an id. */
async function remainingProbeBudget(context: ServiceContext): Promise<number> {
  const actorId = context.actor.id;
  if (actorId === null) return Number.POSITIVE_INFINITY;
  return Math.max(0, EMAIL_PROBES_PER_MINUTE - (await recentProbes(context, actorId)));
}

/**
 * Refuses (429) any check of emails by an actor that used up its budget, before anything is
 * looked up: answering 429 only to taken emails, and "fine" to free ones, would go on telling
 * which emails exist during the lockout.
 */
export async function refuseWhileOverProbeBudget(context: ServiceContext): Promise<void> {
  const actorId = context.actor.id;
  if (actorId === null) return;
  if ((await recentProbes(context, actorId)) >= EMAIL_PROBES_PER_MINUTE) throw new ProbeRateLimited();
}

/** Where a probe was made: the caller's tenant (no organization of the email's holder named). */
export interface ProbeScope {
  readonly partnerId: string;
  readonly customerId: string | null;
}

async function auditEmailProbes(
  context: ServiceContext,
  scope: ProbeScope,
  emails: readonly string[],
): Promise<void> {
  await recordAudits(
    context.db,
    context,
    emails.map((email) => ({
      partnerId: scope.partnerId,
      customerId: scope.customerId,
      action: EMAIL_PROBE_ACTION,
      targetType: 'email',
      targetId: email.toLowerCase(),
      after: { result: 'email_taken' },
    })),
  );
}

/**
 * Audits the probes (one row per email, no organization named) and answers whether the actor
 * is now over its budget. Actors without an id (the local CLI, the system) are not limited.
 */
export async function recordEmailProbes(
  context: ServiceContext,
  scope: ProbeScope,
  emails: readonly string[],
): Promise<{ overBudget: boolean }> {
  if (emails.length === 0) return { overBudget: false };
  await auditEmailProbes(context, scope, emails);
  const actorId = context.actor.id;
  if (actorId === null) return { overBudget: false };
  return { overBudget: (await recentProbes(context, actorId)) > EMAIL_PROBES_PER_MINUTE };
}

/**
 * One email checked against other customers for a single-user door such as a SCIM write: refused
 * (429) over the budget, looked up, and recorded when taken. The common case, a free email, takes
 * no lock and no transaction: the budget and the lookup are read at once (one round trip on each
 * of two connections) and a free answer returned. Only a taken email goes on to the one step under
 * the actor's lock (budget re-checked, looked up again, recorded), in a transaction of its own that
 * commits before the caller's write begins. Every "taken" answer therefore still comes from a step
 * that counted the probes of the steps before it (ADR 0077); the caller's write never holds the
 * actor's lock together with its customer's usage lock (ADR 0073), the order of the manual add: no
 * lock cycle, and the actor's lock is held for a few short statements only.
 */
export async function probeOneEmail(
  context: ServiceContext,
  scope: ProbeScope & { readonly customerId: string },
  email: string,
): Promise<{ readonly taken: boolean; readonly overBudget: boolean }> {
  // Both read before either is judged; over the budget, the lookup's answer is never used.
  const [, takenNow] = await Promise.all([
    refuseWhileOverProbeBudget(context),
    emailsTakenElsewhere(context.db, scope.customerId, [email]),
  ]);
  if (takenNow.size === 0) return { taken: false, overBudget: false };
  return probingAsOneStep(context, async (probing) => {
    await refuseWhileOverProbeBudget(probing);
    const taken = (await emailsTakenElsewhere(probing.db, scope.customerId, [email])).size > 0;
    if (!taken) return { taken, overBudget: false };
    return { taken, ...(await recordEmailProbes(probing, scope, [email])) };
  });
}

/**
 * Records, as one step for the actor, as many of `emails` (probes a batch of an import is about to
 * report, in row order) as its budget allows, at most `atMost`; answers how many were recorded and
 * the budget the step saw. Recording them before they are reported reserves them: a concurrent
 * request or import of the same actor, waiting for the lock, then sees them used (ADR 0077).
 */
export async function reserveEmailProbes(
  context: ServiceContext,
  scope: ProbeScope,
  emails: readonly string[],
  atMost: number,
): Promise<{ readonly reserved: number; readonly budget: number }> {
  const wanted = Math.min(emails.length, atMost);
  if (wanted <= 0) return { reserved: 0, budget: Number.POSITIVE_INFINITY };
  return probingAsOneStep(context, async (probing) => {
    const budget = await remainingProbeBudget(probing);
    const reserved = Math.min(wanted, budget);
    if (reserved > 0) await auditEmailProbes(probing, scope, emails.slice(0, reserved));
    return { reserved, budget };
  });
}

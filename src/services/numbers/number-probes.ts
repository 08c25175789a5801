// Adding numbers that belong to another organization tells whether they exist (ADR 0074), like
// emails of other organizations (SPEC §5, ADR 0022): each such request is a probe, audited on its
// own (the request itself fails and rolls back) and limited per actor, with the email probes'
// budget but counted apart.
import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor, ServiceContext } from '../context.ts';
import { EMAIL_PROBES_PER_MINUTE, ProbeRateLimited, recentProbes } from '../provisioning/email-probes.ts';
import { NUMBER_PROBES_LIMITED_TEXT } from '../../domain/messages/number-conflicts.ts';

export const NUMBER_PROBE_ACTION = 'numbers.taken_probe';
/** Requests with numbers of other organizations one actor may make per minute before a 429. */
export const NUMBER_PROBES_PER_MINUTE = EMAIL_PROBES_PER_MINUTE;

/**
 * Inside a number add's transaction, first: waits for the actor's other number adds to commit,
 * then refuses (429) every add of an actor over its budget, before anything is looked up (refusing
 * only adds of taken numbers would go on telling taken from free during the lockout). Held until
 * the add commits, with its probe recorded in the same transaction, the lock makes the check and
 * the record one step: parallel requests cannot all pass a budget that none has used yet.
 * Actors without an id (the local CLI, the system) are not limited.
 */
export async function refuseWhileOverNumberProbeBudget(
  trx: Executor,
  context: ServiceContext,
): Promise<void> {
  const actorId = context.actor.id;
  if (actorId === null) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`number-probes:${actorId}`}, 0))`.execute(trx);
  if (
    (await recentProbes({ ...context, db: trx }, actorId, NUMBER_PROBE_ACTION)) >= NUMBER_PROBES_PER_MINUTE
  ) {
    throw new ProbeRateLimited(NUMBER_PROBES_LIMITED_TEXT);
  }
}

/**
 * Audits one probe: the caller's own request (location and ranges as given), never the owner,
 * the numbers found or how many: the caller reads its audit log. Answers whether the actor is now
 * over its budget.
 */
export async function recordNumberProbe(
  trx: Executor,
  context: ServiceContext,
  scope: { partnerId: string; customerId: string; locationId: string },
  ranges: readonly string[],
): Promise<{ overBudget: boolean }> {
  await recordAudit(trx, context, {
    partnerId: scope.partnerId,
    customerId: scope.customerId,
    action: NUMBER_PROBE_ACTION,
    targetType: 'location',
    targetId: scope.locationId,
    after: { ranges: [...ranges], result: 'number_unavailable' },
  });
  const actorId = context.actor.id;
  if (actorId === null) return { overBudget: false };
  return {
    overBudget:
      (await recentProbes({ ...context, db: trx }, actorId, NUMBER_PROBE_ACTION)) > NUMBER_PROBES_PER_MINUTE,
  };
}

// The one rule for a new customer's primary email (`customerInfo.primaryEmail`, SPEC §2: the
// customer's first full admin), shared by the Wholesale customer precheck and create so the
// precheck never promises what the create refuses, nor refuses what the create accepts.
//
// The email becomes an admin account, and admin emails are unique across the deployment
// (admin_accounts_email): one that an admin account already holds cannot be this customer's admin.
// A *user* (subscriber) with that email is no obstacle: SPEC §1 lets an admin account also be a
// user of a customer, with the same email.
//
// The account is made by the customer's provisioning job, seconds after the create answered. Until
// then the email is promised to that customer: a second create naming it must be refused too, not
// accepted and then fail its admin invite (`admin_invite_failed`, a customer without a full admin).
import { sql } from 'kysely';
import { findAdminByEmail } from '../../db/repositories/admins.ts';
import type { Executor, ServiceContext } from '../context.ts';
import {
  ProbeRateLimited,
  probingAsOneStep,
  recordEmailProbes,
  refuseWhileOverProbeBudget,
} from './email-probes.ts';

/** Whether an admin account holds the email, or a customer still being provisioned will make one. */
async function isPrimaryEmailHeld(executor: Executor, email: string): Promise<boolean> {
  if (await findAdminByEmail(executor, email)) return true;
  const promised = await executor
    .selectFrom('customers')
    .select('id')
    .where('admin_email', '=', email)
    .where('status', '=', 'provisioning')
    .executeTakeFirst();
  return promised !== undefined;
}

/**
 * Inside a customer create's transaction: waits for any other create naming the same primary email
 * to commit or roll back (a lock on the email, released with the transaction), then says whether
 * the email is held. Two simultaneous creates with one new email: the second sees the first.
 */
export async function isPrimaryEmailHeldExclusively(executor: Executor, email: string): Promise<boolean> {
  const normalized = email.trim().toLowerCase();
  await sql`select pg_advisory_xact_lock(hashtextextended(${`customer-primary-email:${normalized}`}, 0))`.execute(
    executor,
  );
  return isPrimaryEmailHeld(executor, normalized);
}

/**
 * Whether an admin account holds the email. Asking is a probe of which emails exist (SPEC §5):
 * refused (429) while the actor is over its budget, before anything is looked up; a taken answer
 * is audited (naming no organization) and counts towards the budget.
 */
export async function isPrimaryEmailTaken(context: ServiceContext, email: string): Promise<boolean> {
  const normalized = email.trim().toLowerCase();
  const verdict = await probingAsOneStep(context, async (probing) => {
    await refuseWhileOverProbeBudget(probing);
    if (!(await isPrimaryEmailHeld(probing.db, normalized))) return 'free';
    const scope = { partnerId: context.actor.partnerId, customerId: null };
    return (await recordEmailProbes(probing, scope, [normalized])).overBudget ? 'over budget' : 'taken';
  });
  if (verdict === 'over budget') throw new ProbeRateLimited();
  return verdict === 'taken';
}

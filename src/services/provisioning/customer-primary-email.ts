// The one rule for a new customer's primary email (`customerInfo.primaryEmail`, SPEC §2: the
// customer's first full admin), shared by the Wholesale customer precheck and create so the
// precheck never promises what the create refuses, nor refuses what the create accepts.
//
// The email becomes an admin account, and admin emails are unique across the deployment
// (admin_accounts_email): one that an admin account already holds cannot be this customer's admin.
// A *user* (subscriber) with that email is no obstacle: SPEC §1 lets an admin account also be a
// user of a customer, with the same email.
import { findAdminByEmail } from '../../db/repositories/admins.ts';
import type { ServiceContext } from '../context.ts';
import { ProbeRateLimited, recordEmailProbes, refuseWhileOverProbeBudget } from './email-probes.ts';

/**
 * Whether an admin account holds the email. Asking is a probe of which emails exist (SPEC §5):
 * refused (429) while the actor is over its budget, before anything is looked up; a taken answer
 * is audited (naming no organization) and counts towards the budget.
 */
export async function isPrimaryEmailTaken(context: ServiceContext, email: string): Promise<boolean> {
  await refuseWhileOverProbeBudget(context);
  const normalized = email.trim().toLowerCase();
  if (!(await findAdminByEmail(context.db, normalized))) return false;
  const scope = { partnerId: context.actor.partnerId, customerId: null };
  if ((await recordEmailProbes(context, scope, [normalized])).overBudget) throw new ProbeRateLimited();
  return true;
}

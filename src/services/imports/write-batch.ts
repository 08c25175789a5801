// Writes one planned batch of CSV rows inside the batch's transaction: users, their audit rows,
// and the consent wait of free accounts (SPEC §5). The batch's rows are first checked again against
// the package limits and the usage stored now (ADR 0073). A user is written or deleted only while
// its version is the one its row was planned on (ADR 0086).
import type { Kysely } from 'kysely';
import type { CsvRowPlan } from '../../domain/csv/plan-csv-rows.ts';
import { refuseRowsOverLimits } from '../../domain/csv/refuse-rows-over-limits.ts';
import { countPackageUsage, listCustomerPackages } from '../../db/repositories/customers.ts';
import {
  insertImportAudits,
  type ImportAuditRow,
  type ImportAuditSource,
} from '../../db/repositories/import-audit.ts';
import { lockUserVersions } from '../../db/repositories/import-lookups.ts';
import {
  deleteImportedUsers,
  insertImportedUsers,
  markUsersPendingMigration,
  updateImportedUsers,
} from '../../db/repositories/import-users.ts';
import type { CustomerRow, DB } from '../../db/schema.ts';
import { queueConsentEmail } from '../accounts/consent.ts';
import type { ServiceContext } from '../context.ts';
import type { PlannedOnUser } from './planning-state.ts';

/**
 * A user the batch modifies or removes is no longer the version its row was planned on: another
 * channel committed a change to it since the batch was looked up. The batch's transaction rolls
 * back and runs again with its users locked and those rows planned again (ADR 0086).
 */
export class PlannedUsersChanged extends Error {
  constructor() {
    super('users of an import batch changed since it was planned');
    this.name = 'PlannedUsersChanged';
  }
}

/** Who wrote an import's changes, for its audit rows (the import's id is request and job). */
function auditSource(context: ServiceContext, customer: CustomerRow): ImportAuditSource {
  const { actor } = context;
  return {
    partner_id: customer.partner_id,
    customer_id: customer.id,
    actor_type: actor.type,
    actor_id: actor.id,
    actor_label: actor.label,
    request_id: context.requestId,
    job_id: context.jobId ?? null,
  };
}

/**
 * The batch's rows, with those that would pass a package limit refused (`package_limit_reached`).
 * The import planned them against usage counted when its pass started: users added by other
 * channels since are counted here, as stored now. Called under the customer's usage lock.
 */
async function recheckLimits(
  trx: Kysely<DB>,
  customerId: string,
  planned: readonly CsvRowPlan[],
): Promise<readonly CsvRowPlan[]> {
  const sold = await listCustomerPackages(trx, [customerId]);
  const limits = new Map(
    sold.flatMap((entry) => (entry.limit === null ? [] : [[entry.package_id, entry.limit] as const])),
  );
  if (limits.size === 0) return planned;
  const stored = await countPackageUsage(trx, customerId, [...limits.keys()]);
  return refuseRowsOverLimits(planned, limits, stored);
}

/**
 * A row refused by the limit check writes nothing, so no write's version guard checks the user it
 * was planned on; yet the refusal counted that user's planned package. Those users are locked and
 * compared here: one changed since throws PlannedUsersChanged. One small query, and only when
 * the check refused a row that changes a stored user.
 */
async function checkRefusedUsers(
  trx: Kysely<DB>,
  customerId: string,
  batch: readonly CsvRowPlan[],
  checked: readonly CsvRowPlan[],
  plannedOn: ReadonlyMap<string, PlannedOnUser>,
): Promise<void> {
  const refused = batch.filter((row, index) => row.plan.before !== null && checked[index] !== row);
  if (refused.length === 0) return;
  const users = refused.map((row) => plannedOn.get(row.email));
  const versions = await lockUserVersions(
    trx,
    customerId,
    users.flatMap((user) => (user ? [user.id] : [])),
  );
  if (users.some((user) => !user || versions.get(user.id) !== user.version)) throw new PlannedUsersChanged();
}

/**
 * Writes one batch: removals first (they free numbers and extensions), then modifications, then
 * additions: the order in which the planner let later rows reuse what earlier ones released.
 * Every change gets an audit row with the import's id, written in that order too. The caller holds
 * the customer's usage lock (ADR 0073). `plannedOn`: the version of each stored user the rows were
 * planned on (by lower-case email); a user at another version throws PlannedUsersChanged. Answers
 * the rows as written: a row refused for a limit reached meanwhile is an error row there.
 */
export async function writeBatch(
  trx: Kysely<DB>,
  context: ServiceContext,
  customer: CustomerRow,
  batch: readonly CsvRowPlan[],
  plannedOn: ReadonlyMap<string, PlannedOnUser>,
): Promise<readonly CsvRowPlan[]> {
  const planned = await recheckLimits(trx, customer.id, batch);
  await checkRefusedUsers(trx, customer.id, batch, planned, plannedOn);
  const source = auditSource(context, customer);
  // The same before -> after as the API's single-user writes (apply-user-plan.ts): whole user states.
  const audit = (
    action: string,
    targetId: string | null,
    before: unknown,
    after: unknown,
  ): ImportAuditRow => ({
    ...source,
    action,
    target_type: 'user',
    target_id: targetId,
    before,
    after,
  });

  const versionOf = (email: string): number => {
    const user = plannedOn.get(email);
    if (!user) throw new PlannedUsersChanged();
    return user.version;
  };

  const removals = planned.filter((row) => row.action === 'remove');
  const removed = await deleteImportedUsers(
    trx,
    customer.id,
    removals.map((row) => ({ email: row.email, version: versionOf(row.email) })),
  );
  if (removed.length !== removals.length) throw new PlannedUsersChanged();
  const removedIds = new Map(removed.map((row) => [row.email.toLowerCase(), row.id]));
  const modifications = planned.filter((row) => row.action === 'modify' && row.plan.after);
  const changes = modifications.flatMap(({ email, plan: { before, after } }) =>
    before && after ? [{ before, after, version: versionOf(email) }] : [],
  );
  const updatedIds = await updateImportedUsers(trx, customer.id, changes);
  if (updatedIds.size !== changes.length) throw new PlannedUsersChanged();
  // Additions are audited by the statement that inserts them (insertImportedUsers).
  await insertImportAudits(trx, [
    ...removals.map((row) => audit('user.delete', removedIds.get(row.email) ?? null, row.plan.before, null)),
    ...modifications.map((row) =>
      audit('user.update', updatedIds.get(row.email) ?? null, row.plan.before, row.plan.after),
    ),
  ]);
  const additions = planned.filter((row) => row.action === 'add' && row.plan.after);
  const inserted = await insertImportedUsers(
    trx,
    customer.id,
    additions.map((row) => row.plan.after).filter((user) => user !== null),
    source,
  );
  // SPEC §5: a free account's email added to a customer waits for the person's consent.
  const pending = inserted.filter((row) => row.free_account);
  if (pending.length > 0) {
    await markUsersPendingMigration(
      trx,
      customer.id,
      pending.map((row) => row.id),
    );
    for (const row of pending) await queueConsentEmail(trx, customer, row);
  }
  return planned;
}

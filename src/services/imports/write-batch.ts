// Writes one planned batch of CSV rows inside the batch's transaction: users, their audit rows,
// and the consent wait of free accounts (SPEC §5). The batch's rows are first checked again against
// the package limits and the usage stored now (ADR 0073).
import type { Kysely } from 'kysely';
import type { CsvRowPlan } from '../../domain/csv/plan-csv-rows.ts';
import { refuseRowsOverLimits } from '../../domain/csv/refuse-rows-over-limits.ts';
import { countPackageUsage, listCustomerPackages } from '../../db/repositories/customers.ts';
import {
  insertImportAudits,
  type ImportAuditRow,
  type ImportAuditSource,
} from '../../db/repositories/import-audit.ts';
import {
  deleteImportedUsers,
  insertImportedUsers,
  markUsersPendingMigration,
  updateImportedUsers,
} from '../../db/repositories/import-users.ts';
import type { CustomerRow, DB } from '../../db/schema.ts';
import { queueConsentEmail } from '../accounts/consent.ts';
import type { ServiceContext } from '../context.ts';

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
 * Writes one batch: removals first (they free numbers and extensions), then modifications, then
 * additions: the order in which the planner let later rows reuse what earlier ones released.
 * Every change gets an audit row with the import's id, written in that order too. The caller holds
 * the customer's usage lock (ADR 0073). Answers the rows as written: a row refused for a limit
 * reached meanwhile is an error row there.
 */
export async function writeBatch(
  trx: Kysely<DB>,
  context: ServiceContext,
  customer: CustomerRow,
  batch: readonly CsvRowPlan[],
): Promise<readonly CsvRowPlan[]> {
  const planned = await recheckLimits(trx, customer.id, batch);
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

  const removals = planned.filter((row) => row.action === 'remove');
  const removedIds = new Map(
    (
      await deleteImportedUsers(
        trx,
        customer.id,
        removals.map((row) => row.email),
      )
    ).map((row) => [row.email.toLowerCase(), row.id]),
  );
  const modifications = planned.filter((row) => row.action === 'modify' && row.plan.after);
  const updatedIds = await updateImportedUsers(
    trx,
    customer.id,
    modifications.flatMap(({ plan: { before, after } }) => (before && after ? [{ before, after }] : [])),
  );
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

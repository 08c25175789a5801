// Writes one planned batch of CSV rows inside the batch's transaction: users, their audit rows,
// and the consent wait of free accounts (SPEC §5).
import type { Kysely } from 'kysely';
import type { CsvRowPlan } from '../../domain/csv/plan-csv-rows.ts';
import { insertImportAudits, type ImportAuditSource } from '../../db/repositories/import-audit.ts';
import {
  deleteImportedUsers,
  insertImportedUsers,
  markUsersPendingMigration,
  updateImportedUsers,
} from '../../db/repositories/import-users.ts';
import { freeAccountsByEmail } from '../../db/repositories/free-accounts.ts';
import type { CustomerRow, DB } from '../../db/schema.ts';
import { queueConsentEmail } from '../accounts/consent.ts';
import type { AuditEntry } from '../audit/record-audit.ts';
import type { ServiceContext } from '../context.ts';

/**
 * Writes one batch: removals first (they free numbers and extensions), then modifications in row
 * order, then additions — the order in which the planner let later rows reuse what earlier ones
 * released. Every change gets an audit row with the import's id.
 */
export async function writeBatch(
  trx: Kysely<DB>,
  context: ServiceContext,
  customer: CustomerRow,
  planned: readonly CsvRowPlan[],
): Promise<void> {
  const audits: AuditEntry[] = [];
  const base = { partnerId: customer.partner_id, customerId: customer.id, targetType: 'user' };
  const removals = planned.filter((row) => row.action === 'remove');
  const removed = await deleteImportedUsers(
    trx,
    customer.id,
    removals.map((row) => row.email),
  );
  const removedIds = new Map(removed.map((row) => [row.email.toLowerCase(), row.id]));
  for (const row of removals) {
    audits.push({
      ...base,
      action: 'user.delete',
      targetId: removedIds.get(row.email) ?? null,
      before: row.plan.before,
    });
  }
  const modifications = planned.filter((row) => row.action === 'modify' && row.plan.after);
  const updatedIds = await updateImportedUsers(
    trx,
    customer.id,
    modifications.flatMap(({ plan: { before, after } }) => (before && after ? [{ before, after }] : [])),
  );
  for (const row of modifications) {
    audits.push({
      ...base,
      action: 'user.update',
      targetId: updatedIds.get(row.email) ?? null,
      before: { changes: row.plan.changes },
      after: null,
    });
  }
  const { actor } = context;
  const source: ImportAuditSource = {
    partner_id: customer.partner_id,
    customer_id: customer.id,
    actor_type: actor.type,
    actor_id: actor.id,
    actor_label: actor.label,
    request_id: context.requestId,
    job_id: context.jobId ?? null,
  };
  // Removals and modifications are audited here, additions by the statement that inserts them:
  // the audit log keeps the order the batch wrote in.
  await insertImportAudits(
    trx,
    audits.map((entry) => ({
      ...source,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      before: entry.before ?? null,
      after: entry.after ?? null,
    })),
  );
  const additions = planned.filter((row) => row.action === 'add' && row.plan.after);
  const inserted = await insertImportedUsers(
    trx,
    customer.id,
    additions.map((row) => row.plan.after).filter((user) => user !== null),
    source,
  );
  // SPEC §5: a free account's email added to a customer waits for the person's consent.
  const freeAccounts = await freeAccountsByEmail(
    trx,
    inserted.map((row) => row.email),
  );
  const pending = inserted.filter((row) => freeAccounts.has(row.email.toLowerCase()));
  if (pending.length > 0) {
    await markUsersPendingMigration(
      trx,
      customer.id,
      pending.map((row) => row.id),
    );
    for (const row of pending) await queueConsentEmail(trx, customer, row);
  }
}

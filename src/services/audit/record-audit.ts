// Every write records actor, on-behalf-of customer, action, target, before -> after and request id
// in the same transaction as the change (SPEC §1), so a rolled-back change leaves no audit row.
import type { Executor, ServiceContext } from '../context.ts';

export interface AuditEntry {
  readonly partnerId: string | null;
  readonly customerId: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly before?: object | null;
  readonly after?: object | null;
}

export async function recordAudit(
  executor: Executor,
  context: ServiceContext,
  entry: AuditEntry,
): Promise<void> {
  await recordAudits(executor, context, [entry]);
}

/** Many entries in one statement (batch imports audit every row). */
export async function recordAudits(
  executor: Executor,
  context: ServiceContext,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const { actor } = context;
  await executor
    .insertInto('audit_events')
    .values(
      entries.map((entry) => ({
        partner_id: entry.partnerId,
        customer_id: entry.customerId,
        actor_type: actor.type,
        actor_id: actor.id,
        actor_label: actor.label,
        action: entry.action,
        target_type: entry.targetType,
        target_id: entry.targetId,
        before: entry.before ? JSON.stringify(entry.before) : null,
        after: entry.after ? JSON.stringify(entry.after) : null,
        request_id: context.requestId,
        job_id: context.jobId ?? null,
      })),
    )
    .execute();
}

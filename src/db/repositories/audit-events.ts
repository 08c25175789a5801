// Reading the audit log of one customer, newest first.
import type { Executor } from '../../services/context.ts';
import type { AuditEventRow } from '../schema.ts';

export async function listAuditEvents(
  executor: Executor,
  customerId: string,
  filter: { beforeId: number | null; limit: number; action?: string | undefined },
): Promise<AuditEventRow[]> {
  let query = executor.selectFrom('audit_events').selectAll().where('customer_id', '=', customerId);
  if (filter.beforeId !== null) query = query.where('id', '<', filter.beforeId);
  if (filter.action)
    query = query.where('action', 'like', `${filter.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

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

/**
 * The names of the given locations of this customer, in one query for a page of events. A
 * location of another customer is never named, whatever id an event holds.
 */
export async function auditLocationNames(
  executor: Executor,
  customerId: string,
  locationIds: readonly string[],
): Promise<Map<string, string>> {
  if (locationIds.length === 0) return new Map();
  const rows = await executor
    .selectFrom('locations')
    .select(['id', 'name'])
    .where('customer_id', '=', customerId)
    .where('id', 'in', [...locationIds])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

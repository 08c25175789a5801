// The audit log of one customer (SPEC §1), as admins read it.
import { auditLocationNames, listAuditEvents } from '../../db/repositories/audit-events.ts';
import { validationFailed } from '../../domain/errors.ts';
import type { ServiceContext } from '../context.ts';
import { requireCustomer } from '../customers/customer-service.ts';
import type { Page } from '../paging.ts';
import { auditLocationIds } from './audit-location-ids.ts';

export interface AuditEventView {
  readonly id: number;
  readonly occurredAt: string;
  readonly actor: { type: string; id: string | null; label: string | null };
  readonly customerId: string | null;
  readonly action: string;
  readonly target: { type: string; id: string | null };
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  readonly requestId: string | null;
  readonly jobId: string | null;
  /**
   * The current names of the customer's locations the event refers to (its states' `locationId`s, a
   * location target), by id. A deleted location has no entry: the log shows its id.
   */
  readonly locationNames: Record<string, string>;
}

/**
 * The audit log pages by event id (the cursor is the last id shown). Anything else is refused as
 * every other list refuses a cursor it did not make, rather than read as "from the start".
 */
function auditCursorId(cursor: string | undefined): number | null {
  if (cursor === undefined || cursor === '') return null;
  const id = /^[1-9]\d{0,14}$/.test(cursor) ? Number(cursor) : Number.NaN;
  if (Number.isSafeInteger(id)) return id;
  throw validationFailed([
    {
      code: 'invalid_cursor',
      field: 'cursor',
      description: 'The cursor is not valid.',
      descriptionNl: 'De cursor is ongeldig.',
    },
  ]);
}

function namesOf(ids: ReadonlySet<string> | undefined, names: ReadonlyMap<string, string>) {
  const named: Record<string, string> = {};
  for (const id of ids ?? []) {
    const name = names.get(id);
    if (name !== undefined) named[id] = name;
  }
  return named;
}

export async function listCustomerAudit(
  context: ServiceContext,
  customerRef: string,
  input: { cursor?: string | undefined; limit: number; action?: string | undefined },
): Promise<Page<AuditEventView>> {
  const customer = await requireCustomer(context, customerRef);
  const beforeId = auditCursorId(input.cursor);
  const rows = await listAuditEvents(context.db, customer.id, {
    beforeId,
    limit: input.limit,
    action: input.action,
  });
  const items = rows.slice(0, input.limit);
  // One lookup for the page, only among this customer's locations (tenancy: an id in an event
  // never names another customer's location).
  const idsByEvent = items.map(auditLocationIds);
  const names = await auditLocationNames(context.db, customer.id, [
    ...new Set(idsByEvent.flatMap((ids) => [...ids])),
  ]);
  return {
    items: items.map((row, index) => ({
      id: row.id,
      occurredAt: row.occurred_at.toISOString(),
      actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
      customerId: row.customer_id,
      action: row.action,
      target: { type: row.target_type, id: row.target_id },
      before: row.before,
      after: row.after,
      requestId: row.request_id,
      jobId: row.job_id,
      locationNames: namesOf(idsByEvent[index], names),
    })),
    nextCursor: rows.length > input.limit ? String(items[items.length - 1]?.id) : null,
  };
}

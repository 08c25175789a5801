import { useCursorPages } from '../../../lib/use-cursor-pages.ts';

export interface AuditEvent {
  id: number;
  occurredAt: string;
  actor: { type: string; id: string | null; label: string | null };
  action: string;
  target: { type: string; id: string | null };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  jobId: string | null;
  /**
   * The server's names of the locations the event refers to, by id (users' states hold ids). A
   * deleted location has no entry; an older server sends none: the id is shown then.
   */
  locationNames?: Record<string, string>;
}

export function useAuditPages(customerId: string, action: string) {
  return useCursorPages<AuditEvent>(
    ['customers', customerId, 'audit'],
    `/v1/customers/${encodeURIComponent(customerId)}/audit`,
    {
      action: action.trim() || undefined,
      max: 50,
    },
  );
}

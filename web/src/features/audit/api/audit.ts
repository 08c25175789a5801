import { useQuery } from '@tanstack/react-query';
import { fetchAllLocations } from '../../../lib/fetch-all-locations.ts';
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

/**
 * The customer's location names by id: a user's audit states hold location ids, admins know names.
 * Shares the locations list's cache; while it loads, or for a deleted location, the id is shown.
 */
export function useLocationNames(customerId: string): ReadonlyMap<string, string> {
  const locations = useQuery({
    queryKey: ['customers', customerId, 'locations', 'list'],
    queryFn: () => fetchAllLocations<{ id: string; name: string }>(customerId),
  });
  return new Map((locations.data ?? []).map((location) => [location.id, location.name]));
}

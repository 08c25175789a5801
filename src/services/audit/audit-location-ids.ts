// Which locations an audit event refers to, so the log can name them (users' states hold ids).
import { isUuidLike } from '../db-errors.ts';

/** Deep enough for a user's state and its lists (numbers); audit states are small and flat. */
const MAX_DEPTH = 4;

function collect(value: unknown, depth: number, ids: Set<string>): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, depth + 1, ids);
    return;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'locationId' && typeof inner === 'string' && isUuidLike(inner)) ids.add(inner);
    else collect(inner, depth + 1, ids);
  }
}

/**
 * The location ids an event holds: every `locationId` in its before and after states, and its
 * target when that is a location. Only uuids: anything else cannot be a location id (and a uuid
 * column refuses it).
 */
export function auditLocationIds(event: {
  readonly target_type: string;
  readonly target_id: string | null;
  readonly before: unknown;
  readonly after: unknown;
}): Set<string> {
  const ids = new Set<string>();
  if (event.target_type === 'location' && event.target_id && isUuidLike(event.target_id))
    ids.add(event.target_id);
  collect(event.before, 0, ids);
  collect(event.after, 0, ids);
  return ids;
}

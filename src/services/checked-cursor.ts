// Cursors whose parts go into SQL as a timestamp or a uuid: a forged cursor with another key
// must answer the paging 400 (`invalid_cursor`), not a database cast error (500).
import { isUuidLike } from './db-errors.ts';
import { decodeCursor, invalidCursor, type CursorPosition } from './paging.ts';

/** A cursor of a list keyed by (text, id). */
export function decodeIdCursor(cursor: string | undefined): CursorPosition | null {
  const position = decodeCursor(cursor);
  if (position && !isUuidLike(position.id)) throw invalidCursor();
  return position;
}

function isIsoInstant(text: string): boolean {
  const time = Date.parse(text);
  return !Number.isNaN(time) && new Date(time).toISOString() === text;
}

/** Where a list keyed by (creation time, id) goes on from, as SQL compares it (`at` is timestamptz text). */
export interface InstantPosition {
  readonly at: string;
  readonly id: string;
}

const MICROSECOND_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * A cursor of a list keyed by (creation time to the microsecond, id): the key is the timestamp's
 * UTC text with six fraction digits, so the list compares `(created_at, id)` as stored and its
 * index serves both the filter and the order. A cursor handed out before (milliseconds,
 * `Date#toISOString()`) still pages: it resumes at the edge of its millisecond, on the side that
 * repeats the rows of that millisecond already shown rather than skip one not shown yet.
 */
export function decodeInstantCursor(
  cursor: string | undefined,
  order: 'ascending' | 'descending',
): InstantPosition | null {
  const position = decodeIdCursor(cursor);
  if (!position) return null;
  if (MICROSECOND_INSTANT.test(position.key)) {
    if (!isIsoInstant(`${position.key.slice(0, 23)}Z`)) throw invalidCursor();
    return { at: position.key, id: position.id };
  }
  if (!isIsoInstant(position.key)) throw invalidCursor();
  const millisecond = Date.parse(position.key);
  const edge = order === 'ascending' ? millisecond : millisecond + 1;
  return { at: new Date(edge).toISOString(), id: NIL_UUID };
}

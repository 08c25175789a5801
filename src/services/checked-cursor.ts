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

/** A cursor of a list keyed by (creation time as `Date#toISOString()` text, id). */
export function decodeTimeCursor(cursor: string | undefined): CursorPosition | null {
  const position = decodeIdCursor(cursor);
  if (position && !isIsoInstant(position.key)) throw invalidCursor();
  return position;
}

function isIsoInstant(text: string): boolean {
  const time = Date.parse(text);
  return !Number.isNaN(time) && new Date(time).toISOString() === text;
}

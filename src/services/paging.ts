// Cursor paging shared by every list: an opaque cursor that holds the last row's sort key and id.
import { validationFailed, type AppError } from '../domain/errors.ts';

export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque cursor of the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export interface CursorPosition {
  readonly key: string;
  readonly id: string;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/**
 * The largest `offset` a list takes. Skipping reads every row skipped, so its cost grows with the
 * offset; 100 000 reaches the last page of the largest customer the targets name (SPEC §11: 100k
 * users, page 2000 at 50 a page) while keeping a request's worst case to one customer's index.
 * Beyond it, the cursor pages on.
 */
export const MAX_LIST_OFFSET = 100_000;

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorPosition | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { key: value[0], id: value[1] };
    }
  } catch {
    // fall through to the validation error
  }
  throw invalidCursor();
}

/** The 400 of a cursor this server did not hand out (also for a well-formed one whose key is not its list's). */
export function invalidCursor(): AppError {
  return validationFailed([
    {
      code: 'invalid_cursor',
      field: 'cursor',
      description: 'The cursor is not valid.',
      descriptionNl: 'De cursor is ongeldig.',
    },
  ]);
}

/** The 400 of `offset` sent together with `cursor`: a page is found by one or the other. */
export function offsetWithCursor(): AppError {
  return validationFailed([
    {
      code: 'offset_with_cursor',
      field: 'offset',
      description: 'Send offset or cursor, not both.',
      descriptionNl: 'Stuur offset of cursor, niet allebei.',
    },
  ]);
}

/** Takes `limit + 1` rows and turns the extra one into the next cursor. */
export function toPage<T>(rows: readonly T[], limit: number, position: (row: T) => CursorPosition): Page<T> {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: last === undefined ? null : encodeCursor(position(last)) };
}

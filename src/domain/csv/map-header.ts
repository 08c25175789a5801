// Maps a CSV header row to the user columns of SPEC §6: by name, case-insensitive, trimmed, a
// trailing ` [SubscriptionId]` ignored, English and Dutch mixed. Read-only columns (marked `*`)
// are recognised with or without their asterisk and then ignored.
import { EMAIL_COLUMN_KEY, USER_COLUMNS, type UserColumn } from './user-columns.ts';

export type FileIssue =
  | { code: 'missing_email_column' }
  /** `column` is the field's key (`firstName`): each message names it by its header in its locale. */
  | { code: 'duplicate_column'; column: string; headers: readonly string[] }
  | { code: 'unknown_columns'; headers: readonly string[] }
  | { code: 'empty_file' }
  | { code: 'binary_file' }
  | { code: 'file_too_large'; limitBytes: number }
  /**
   * `reason` names what is wrong in our words (absent: only the parser's English `detail` tells);
   * `row` is where the malformed record starts.
   */
  | { code: 'malformed_csv'; row: number; detail: string; reason?: MalformedCsvReason };

/** What csv-parse found wrong, as far as a partner can act on it. */
export type MalformedCsvReason = 'unclosed_quote';

export interface MappedColumn {
  readonly index: number;
  readonly header: string;
  readonly column: UserColumn;
}

export type HeaderMapping =
  { ok: true; columns: MappedColumn[]; warnings: FileIssue[] } | { ok: false; error: FileIssue };

/**
 * Lower-cased, trimmed header without the ` [SubscriptionId]` suffix and without a trailing `*`.
 * Any run of whitespace inside it (a no-break space, two spaces) reads as one space: the reader
 * cannot see the difference.
 */
export function normalizeHeader(header: string): string {
  return header
    .trim()
    .replace(/\s*\[[^\]]*\]\s*$/, '')
    .replace(/\*$/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

const COLUMN_BY_HEADER: ReadonlyMap<string, UserColumn> = new Map(
  USER_COLUMNS.flatMap((column) => [
    [normalizeHeader(column.english), column] as const,
    [normalizeHeader(column.dutch), column] as const,
  ]),
);

/** Whether a header cell names a column of SPEC §6 (English or Dutch, as mapHeader reads it). */
export function isKnownHeader(header: string): boolean {
  return COLUMN_BY_HEADER.has(normalizeHeader(header));
}

export function mapHeader(headers: readonly string[]): HeaderMapping {
  const columns: MappedColumn[] = [];
  const seen = new Map<string, string>();
  const unknown: string[] = [];
  for (const [index, header] of headers.entries()) {
    if (header.trim() === '') continue; // spreadsheets leave empty trailing header cells
    const column = COLUMN_BY_HEADER.get(normalizeHeader(header));
    if (!column) {
      unknown.push(header.trim());
      continue;
    }
    const previous = seen.get(column.key);
    if (previous !== undefined) {
      return {
        ok: false,
        error: { code: 'duplicate_column', column: column.key, headers: [previous, header.trim()] },
      };
    }
    seen.set(column.key, header.trim());
    columns.push({ index, header: header.trim(), column });
  }
  if (!seen.has(EMAIL_COLUMN_KEY)) return { ok: false, error: { code: 'missing_email_column' } };
  const warnings: FileIssue[] = unknown.length > 0 ? [{ code: 'unknown_columns', headers: unknown }] : [];
  return { ok: true, columns, warnings };
}

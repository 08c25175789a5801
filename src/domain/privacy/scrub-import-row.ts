// Pure rules of the GDPR erasure for stored import results (SPEC §1, ADR 0024 "Import results"):
// a row result about the person (its email is one of theirs) keeps its facts (row and line number,
// action, status, issue codes, non-personal cells and changes) and loses its personal data by the
// same per-key rules as the audit log (personal-data-fields.ts); a row that merely mentions one of
// their emails (someone else's manager column, say) loses that address only.
import { normalizeHeader } from '../csv/map-header.ts';
import { USER_COLUMNS } from '../csv/user-columns.ts';
import { personalDataKind } from './personal-data-fields.ts';
import { scrubEmails, scrubPersonalFields } from './scrub-personal-data.ts';

/** A row result as stored: [row_number, line, email, action, status, issues, changes, cells]. */
export type ImportResultTuple = readonly [
  number,
  number,
  string,
  string,
  string,
  unknown,
  unknown,
  readonly string[] | null,
];

const COLUMN_KEY_BY_HEADER: ReadonlyMap<string, string> = new Map(
  USER_COLUMNS.flatMap((column) => [
    [normalizeHeader(column.english), column.key] as const,
    [normalizeHeader(column.dutch), column.key] as const,
  ]),
);

/** The user column key of each uploaded header cell; undefined for a header the import ignored. */
export function columnKeysOf(headers: readonly string[]): (string | undefined)[] {
  return headers.map((header) => COLUMN_KEY_BY_HEADER.get(normalizeHeader(header)));
}

export interface ImportRowErasureTerms {
  readonly tombstone: string;
  /** Lower-case. */
  readonly emails: ReadonlySet<string>;
  /** emailsPattern(emails): the addresses as whole addresses inside any text. */
  readonly emailsPattern: RegExp | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A cell of a row about the person: personal columns go, and so does a column the import ignored
 * (its content is unknown, so it is treated as theirs); packages, licences, location, language,
 * time zone and read-only columns are facts and stay.
 */
function scrubCell(cell: string, key: string | undefined, tombstone: string): string {
  if (cell.trim() === '') return cell;
  if (key === undefined || personalDataKind(key) !== undefined) return tombstone;
  return cell;
}

/** An issue on a personal column quotes the person's value (`value`, `number`): those go. */
function scrubIssue(issue: unknown, tombstone: string): unknown {
  if (!isRecord(issue) || typeof issue.column !== 'string' || personalDataKind(issue.column) === undefined)
    return issue;
  if (!isRecord(issue.params)) return issue;
  const params = Object.fromEntries(
    Object.entries(issue.params).map(([key, value]) => [key, typeof value === 'string' ? tombstone : value]),
  );
  return { ...issue, params };
}

/** Whether the row result is about the person: its email is one of theirs. */
export function isImportRowAbout(row: ImportResultTuple, emails: ReadonlySet<string>): boolean {
  return emails.has(row[2].trim().toLowerCase());
}

/**
 * The row result with the person's data replaced (see the file comment). `columnKeys` are the
 * import's header cells as columnKeysOf gives them (the cells follow the header's order).
 */
export function scrubImportRow(
  row: ImportResultTuple,
  columnKeys: readonly (string | undefined)[],
  terms: ImportRowErasureTerms,
): ImportResultTuple {
  const { tombstone, emailsPattern } = terms;
  const [rowNumber, line, email, action, status, issues, changes, cells] = row;
  const emailsOnly = <T>(value: T): T => scrubEmails(value, emailsPattern, tombstone) as T;
  if (!isImportRowAbout(row, terms.emails)) {
    return [
      rowNumber,
      line,
      emailsOnly(email),
      action,
      status,
      emailsOnly(issues),
      emailsOnly(changes),
      cells === null ? null : emailsOnly(cells),
    ];
  }
  return [
    rowNumber,
    line,
    tombstone,
    action,
    status,
    Array.isArray(issues) ? emailsOnly(issues.map((issue) => scrubIssue(issue, tombstone))) : issues,
    changes === null ? null : emailsOnly(scrubPersonalFields(changes, tombstone)),
    cells === null
      ? null
      : cells.map((cell, index) => scrubCell(emailsOnly(cell), columnKeys[index], tombstone)),
  ];
}

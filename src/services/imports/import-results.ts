// Turns a planned CSV row into what is stored and shown: counts, the per-row result row, and the
// rendered messages (row, column and reason) in the reader's language.
import type { FileIssue } from '../../domain/csv/map-header.ts';
import type { CsvRowPlan } from '../../domain/csv/plan-csv-rows.ts';
import type { Locale } from '../../domain/messages/locale.ts';
import { fileIssueMessage, rowIssueMessage } from '../../domain/messages/row-messages.ts';
import type { ImportCounts, ImportResultRow, StoredIssue } from '../../db/repositories/import-schema.ts';

export function emptyCounts(): ImportCounts {
  return { add: 0, modify: 0, remove: 0, unchanged: 0, error: 0, warning: 0 };
}

export function countRow(counts: ImportCounts, row: CsvRowPlan): void {
  counts[row.action] += 1;
  if (row.warnings.length > 0) counts.warning += 1;
}

export function rowStatus(row: Pick<CsvRowPlan, 'action' | 'warnings'>): 'ok' | 'warning' | 'error' {
  if (row.action === 'error') return 'error';
  return row.warnings.length > 0 ? 'warning' : 'ok';
}

export function toResultRow(importId: string, row: CsvRowPlan): ImportResultRow {
  // Most rows have no issue: no array is built for them.
  const issues: StoredIssue[] | null =
    row.errors.length === 0 && row.warnings.length === 0
      ? null
      : [
          ...row.errors.map((issue) => ({ severity: 'error' as const, ...issue })),
          ...row.warnings.map((issue) => ({ severity: 'warning' as const, ...issue })),
        ];
  return {
    import_id: importId,
    row_number: row.rowNumber,
    line: row.line,
    email: row.email,
    action: row.action,
    status: rowStatus(row),
    issues,
    changes: row.action === 'modify' ? [...row.plan.changes] : null,
    cells: row.action === 'error' ? [...row.cells] : null,
  };
}

export interface RowResultView {
  readonly row: number;
  readonly line: number;
  readonly email: string;
  readonly action: ImportResultRow['action'];
  readonly status: ImportResultRow['status'];
  readonly messages: string[];
  readonly issues: StoredIssue[];
  readonly changes: { field: string; before: unknown; after: unknown }[] | null;
}

export function toRowResultView(row: ImportResultRow, locale: Locale): RowResultView {
  const issues = row.issues ?? [];
  return {
    row: row.row_number,
    line: row.line,
    email: row.email,
    action: row.action,
    status: row.status,
    messages: issues.map((issue) =>
      rowIssueMessage(issue as Parameters<typeof rowIssueMessage>[0], row.row_number, locale),
    ),
    issues,
    changes: row.changes,
  };
}

export function fileMessages(issues: readonly Record<string, unknown>[], locale: Locale): string[] {
  return issues.map((issue) => fileIssueMessage(issue as unknown as FileIssue, locale));
}

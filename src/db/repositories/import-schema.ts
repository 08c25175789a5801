// Kysely's view of the import tables of migrations/0002_imports.sql and 0007_import_row_batches.sql. Kept beside the import
// repositories (not in the shared schema.ts) and joined to DB with `withTables`.
import type { ColumnType, Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { ImportState } from '../../domain/messages/status-names.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

/** The job states of SPEC §6, named once in the domain (with their display names). */
export type ImportStatus = ImportState;

export interface ImportCounts {
  add: number;
  modify: number;
  remove: number;
  unchanged: number;
  error: number;
  warning: number;
}

export interface StoredIssue {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly column?: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface ImportsTable {
  id: Generated<string>;
  partner_id: string;
  customer_id: string;
  status: ColumnType<ImportStatus, ImportStatus | undefined, ImportStatus>;
  behaviour: 'add-only' | 'add-remove';
  dry_run: Generated<boolean>;
  file_name: string | null;
  file_bytes: Generated<number>;
  locale: Generated<string>;
  actor: Json<Record<string, unknown>>;
  job_id: string | null;
  rows_total: number | null;
  rows_done: Generated<number>;
  applied_through_row: Generated<number>;
  counts: Json<ImportCounts>;
  headers: Json<string[]>;
  /** Detected from the header when the import is validated (null before, and for older imports). */
  delimiter: ',' | ';' | null;
  file_warnings: Json<Record<string, unknown>[]>;
  file_error: NullableJson<Record<string, unknown>>;
  failure: string | null;
  expires_at: Timestamp | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  validated_at: Timestamp | null;
  finished_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface ImportFileChunksTable {
  import_id: string;
  seq: number;
  data: Uint8Array;
}

/** One CSV row's result, as readers see it (stored per batch: ImportRowBatchesTable). */
export interface ImportResultRow {
  readonly import_id: string;
  readonly row_number: number;
  readonly line: number;
  readonly email: string;
  readonly action: 'add' | 'modify' | 'remove' | 'unchanged' | 'error';
  readonly status: 'ok' | 'warning' | 'error';
  readonly issues: StoredIssue[] | null;
  readonly changes: { field: string; before: unknown; after: unknown }[] | null;
  readonly cells: string[] | null;
}

/** A row result as stored in a batch document: [row_number, line, email, action, status, issues, changes, cells]. */
export type StoredResultRow = [
  number,
  number,
  string,
  ImportResultRow['action'],
  ImportResultRow['status'],
  StoredIssue[] | null,
  ImportResultRow['changes'],
  string[] | null,
];

export interface ImportRowBatchesTable {
  import_id: string;
  first_row: number;
  last_row: number;
  row_count: number;
  error_rows: number;
  warning_rows: number;
  rows: ColumnType<StoredResultRow[], string, string>;
}

// A type alias (not an interface) so it satisfies withTables' record constraint.
export type ImportTables = {
  imports: ImportsTable;
  import_file_chunks: ImportFileChunksTable;
  import_row_batches: ImportRowBatchesTable;
};

export type ImportDB = DB & ImportTables;
export type ImportRow = Selectable<ImportsTable>;

export type ImportExecutor = Kysely<ImportDB> | Transaction<ImportDB>;

export function withImportTables(executor: Kysely<DB> | Transaction<DB>): ImportExecutor {
  return executor.withTables<ImportTables>();
}

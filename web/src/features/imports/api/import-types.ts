export type ImportBehaviour = 'add-only' | 'add-remove';

export type ImportStatus =
  | 'queued'
  | 'validating'
  | 'validated'
  | 'applying'
  | 'completed'
  | 'completed_with_errors'
  | 'failed'
  | 'cancelled';

export type RowAction = 'add' | 'modify' | 'remove' | 'unchanged' | 'error';

export interface ImportCounts {
  add?: number;
  modify?: number;
  remove?: number;
  unchanged?: number;
  error?: number;
  warning?: number;
}

export interface ImportJob {
  id: string;
  status: ImportStatus;
  behaviour?: ImportBehaviour;
  dryRun?: boolean;
  fileName?: string | null;
  progress?: { rowsDone?: number; rowsTotal?: number | null; done?: number; total?: number | null };
  rowsDone?: number;
  rowsTotal?: number | null;
  totalRows?: number | null;
  counts?: ImportCounts;
  fileWarnings?: (string | { message?: string; description?: string })[];
  fileError?: string | { message?: string; description?: string } | null;
  failure?: string | null;
  error?: string | { message?: string; description?: string } | null;
  errors?: { code?: string; description?: string }[];
  createdAt?: string;
}

export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

export interface ImportRow {
  row: number;
  email?: string | null;
  action: RowAction;
  status?: 'ok' | 'warning' | 'error';
  messages?: (string | { message?: string; description?: string })[];
  /** One per message, in the same order: whether it is an error or only a warning. */
  issues?: { severity?: 'error' | 'warning'; code?: string }[];
  changes?: FieldChange[] | Record<string, { before?: unknown; after?: unknown }>;
}

export function importsPath(customerId: string): string {
  return `/v1/customers/${encodeURIComponent(customerId)}/imports`;
}

/** Jobs stop moving in these states: polling ends. */
export function isDone(status: ImportStatus): boolean {
  return ['validated', 'completed', 'completed_with_errors', 'failed', 'cancelled'].includes(status);
}

/** Rows done and total, whatever names the server gives them. */
export function progressOf(job: ImportJob): { done: number; total: number | null } {
  const done = job.progress?.rowsDone ?? job.progress?.done ?? job.rowsDone ?? 0;
  const total = job.progress?.rowsTotal ?? job.progress?.total ?? job.rowsTotal ?? job.totalRows ?? null;
  return { done, total };
}

export function messageText(
  entry: string | { message?: string; description?: string } | null | undefined,
): string {
  if (!entry) return '';
  return typeof entry === 'string' ? entry : (entry.message ?? entry.description ?? '');
}

// Bulk audit rows for an import batch: the same columns `recordAudits` writes, one array parameter
// per column (unnest-rows.ts) instead of twelve bind parameters per row.
import { sql } from 'kysely';
import type { Executor } from '../../services/context.ts';
import { columnList, unnestRows, type UnnestColumn } from './unnest-rows.ts';

/** Who made an import's changes, on whose behalf, in which request and job. */
export interface ImportAuditSource {
  readonly partner_id: string | null;
  readonly customer_id: string | null;
  readonly actor_type: string;
  readonly actor_id: string | null;
  readonly actor_label: string | null;
  readonly request_id: string | null;
  readonly job_id: string | null;
}

export interface ImportAuditRow {
  readonly partner_id: string | null;
  readonly customer_id: string | null;
  readonly actor_type: string;
  readonly actor_id: string | null;
  readonly actor_label: string | null;
  readonly action: string;
  readonly target_type: string;
  readonly target_id: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly request_id: string | null;
  readonly job_id: string | null;
}

const AUDIT_COLUMNS: readonly UnnestColumn<ImportAuditRow>[] = [
  { name: 'partner_id', type: 'uuid', value: (row) => row.partner_id },
  { name: 'customer_id', type: 'uuid', value: (row) => row.customer_id },
  { name: 'actor_type', type: 'text', value: (row) => row.actor_type },
  { name: 'actor_id', type: 'text', value: (row) => row.actor_id },
  { name: 'actor_label', type: 'text', value: (row) => row.actor_label },
  { name: 'action', type: 'text', value: (row) => row.action },
  { name: 'target_type', type: 'text', value: (row) => row.target_type },
  { name: 'target_id', type: 'text', value: (row) => row.target_id },
  { name: 'before', type: 'jsonb', value: (row) => jsonOrNull(row.before) },
  { name: 'after', type: 'jsonb', value: (row) => jsonOrNull(row.after) },
  { name: 'request_id', type: 'text', value: (row) => row.request_id },
  { name: 'job_id', type: 'uuid', value: (row) => row.job_id },
];

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

export async function insertImportAudits(executor: Executor, rows: readonly ImportAuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`insert into audit_events (${columnList(AUDIT_COLUMNS)}) ${unnestRows(AUDIT_COLUMNS, rows)}`.execute(
    executor,
  );
}

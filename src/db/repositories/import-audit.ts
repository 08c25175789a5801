// Bulk audit rows for an import batch: the same columns `recordAudits` writes, sent as one JSON
// parameter (jsonb_to_recordset) instead of twelve bind parameters per row.
import { sql } from 'kysely';
import type { Executor } from '../../services/context.ts';

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

export async function insertImportAudits(executor: Executor, rows: readonly ImportAuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into audit_events
      (partner_id, customer_id, actor_type, actor_id, actor_label, action, target_type, target_id, before, after, request_id, job_id)
    select partner_id, customer_id, actor_type, actor_id, actor_label, action, target_type, target_id, before, after, request_id, job_id
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
      partner_id uuid, customer_id uuid, actor_type text, actor_id text, actor_label text, action text,
      target_type text, target_id text, before jsonb, after jsonb, request_id text, job_id uuid)`.execute(
    executor,
  );
}

// The import as the API, the CLI and the web app show it.
import type { Locale } from '../../domain/messages/locale.ts';
import type { ImportCounts, ImportRow, ImportStatus } from '../../db/repositories/import-schema.ts';
import { failureText } from './import-failures.ts';
import { fileMessages } from './import-results.ts';

export interface ImportView {
  readonly id: string;
  readonly customerId: string;
  readonly status: ImportStatus;
  readonly behaviour: 'add-only' | 'add-remove';
  readonly dryRun: boolean;
  readonly fileName: string | null;
  readonly fileBytes: number;
  readonly progress: { readonly rowsDone: number; readonly rowsTotal: number | null };
  readonly counts: ImportCounts;
  readonly fileWarnings: string[];
  readonly fileError: string | null;
  readonly failure: string | null;
  readonly createdAt: string;
  readonly validatedAt: string | null;
  readonly finishedAt: string | null;
  readonly expiresAt: string | null;
}

const iso = (value: Date | null): string | null => (value ? new Date(value).toISOString() : null);

export function toImportView(row: ImportRow, locale: Locale): ImportView {
  return {
    id: row.id,
    customerId: row.customer_id,
    status: row.status,
    behaviour: row.behaviour,
    dryRun: row.dry_run,
    fileName: row.file_name,
    fileBytes: Number(row.file_bytes),
    progress: { rowsDone: row.rows_done, rowsTotal: row.rows_total },
    counts: row.counts,
    fileWarnings: fileMessages(row.file_warnings, locale),
    fileError: row.file_error ? (fileMessages([row.file_error], locale)[0] ?? null) : null,
    failure: failureText(row.failure, locale),
    createdAt: new Date(row.created_at).toISOString(),
    validatedAt: iso(row.validated_at),
    finishedAt: iso(row.finished_at),
    expiresAt: iso(row.expires_at),
  };
}

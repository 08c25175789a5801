// Runs an import end to end through the service and the job worker, and collects its results.
import pino from 'pino';
import type { Database } from '../../src/db/client.ts';
import { importUsersJob } from '../../src/jobs/definitions/import-users.job.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import type { ImportBehaviour } from '../../src/domain/users/desired-change.ts';
import { createImport } from '../../src/services/imports/create-import.ts';
import { allImportRows, getImport } from '../../src/services/imports/import-queries.ts';
import type { RowResultView } from '../../src/services/imports/import-results.ts';
import type { ImportView } from '../../src/services/imports/import-view.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { bytesBody } from './import-setup.ts';

export function drainJobs(database: Database): Promise<number> {
  return createWorker({
    db: database.db,
    logger: pino({ level: 'silent' }),
    definitions: [importUsersJob],
  }).drain();
}

export interface ImportOutcome {
  readonly view: ImportView;
  readonly rows: RowResultView[];
  readonly byRow: Record<number, string>;
  readonly warnedRows: number[];
}

export async function collectOutcome(
  context: ServiceContext,
  customerId: string,
  importId: string,
): Promise<ImportOutcome> {
  const view = await getImport(context, customerId, importId);
  const rows: RowResultView[] = [];
  for await (const row of allImportRows(context, importId)) rows.push(row);
  return {
    view,
    rows,
    byRow: Object.fromEntries(rows.map((row) => [row.row, row.action])),
    warnedRows: rows
      .filter((row) => row.issues.some((issue) => issue.severity === 'warning'))
      .map((row) => row.row),
  };
}

export async function runImportFile(
  database: Database,
  context: ServiceContext,
  customerId: string,
  bytes: Uint8Array,
  behaviour: ImportBehaviour,
  dryRun = false,
): Promise<ImportOutcome> {
  const created = await createImport(context, {
    customerRef: customerId,
    behaviour,
    dryRun,
    fileName: 'test.csv',
    body: bytesBody(bytes),
  });
  await drainJobs(database);
  return collectOutcome(context, customerId, created.id);
}

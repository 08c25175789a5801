// The dry run's floor (BENCH_IMPORT_FLOOR=1): what any dry run of the file pays before it applies
// a single rule. It reads the stored file with the import's own reader, reads each row's key
// cells, looks the keys up a batch at a time with the import's own queries (one batch ahead, as
// the import does), and stores a bare result per row with the import's own write. No first pass,
// no validation, no planning: the time left between this floor and 1/0.7 × a csv-parse pass is
// the budget for all of SPEC §3–§6's rules (docs/benchmarks.md).
import type { Kysely } from 'kysely';
import { openCsv } from '../src/domain/csv/read-csv.ts';
import {
  lookupColumns,
  readEmailCell,
  readExtensionCell,
  readPhoneCell,
} from '../src/domain/csv/row-to-change.ts';
import { readFileChunks, saveBatchResults, updateImport } from '../src/db/repositories/import-jobs.ts';
import type { ImportResultRow } from '../src/db/repositories/import-schema.ts';
import {
  findBatchNumbers,
  findBatchUsers,
  findExtensionHolders,
} from '../src/db/repositories/import-lookups.ts';
import type { DB } from '../src/db/schema.ts';
import type { CsvRecord } from '../src/domain/csv/csv-record.ts';
import { batchesOf, preparedAhead, readAhead, WriteBehind } from '../src/services/imports/batch-pipeline.ts';
import { DEFAULT_IMPORT_BATCH_SIZE } from '../src/services/imports/run-import.ts';
import { emptyCounts } from '../src/services/imports/import-results.ts';

/**
 * Runs the floor over the stored file of `importId` (an upload not yet run) and answers its wall
 * time in seconds. The import is left failed, so no worker picks it up afterwards.
 */
export async function dryRunFloorSeconds(
  db: Kysely<DB>,
  customerId: string,
  importId: string,
  batchSize = DEFAULT_IMPORT_BATCH_SIZE,
): Promise<number> {
  await updateImport(db, importId, { status: 'validating' });
  const start = process.hrtime.bigint();
  const opened = await openCsv(readAhead(readFileChunks(db, importId)), {
    maxBytes: Number.MAX_SAFE_INTEGER,
    simple: true,
  });
  if (!opened.ok) throw new Error(`floor: file refused (${opened.error.code})`);
  const keys = lookupColumns(opened.columns);
  const lookUp = async (records: readonly CsvRecord[]) => {
    const emails = new Set<string>();
    const numbers = new Set<string>();
    const extensions = new Set<string>();
    for (const record of records) {
      emails.add(readEmailCell(record.cell(keys.email)));
      const number = readPhoneCell(record.cell(keys.phoneNumber));
      if (number !== undefined) numbers.add(number);
      const extension = readExtensionCell(record.cell(keys.extension));
      if (extension !== undefined) extensions.add(extension);
    }
    await findBatchUsers(db, customerId, [...emails]);
    await Promise.all([
      findBatchNumbers(db, customerId, [...numbers]),
      findExtensionHolders(db, customerId, [...extensions]),
    ]);
    return records;
  };
  const writes = new WriteBehind();
  let rowsDone = 0;
  for await (const records of preparedAhead(batchesOf(opened.batches, batchSize), lookUp)) {
    const results = records.map((record): ImportResultRow => ({
      import_id: importId,
      row_number: record.rowNumber,
      line: record.rowNumber,
      email: readEmailCell(record.cell(keys.email)),
      action: 'add',
      status: 'ok',
      issues: null,
      changes: null,
      cells: null,
    }));
    rowsDone += results.length;
    const progress = { rowsDone, counts: emptyCounts() };
    await writes.start(async () => {
      await saveBatchResults(db, importId, results, progress, 'validating');
    });
  }
  await writes.settle();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await updateImport(db, importId, { status: 'failed', failure: 'benchmark floor' });
  return seconds;
}

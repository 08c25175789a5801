// The import job (SPEC §6): validate the whole file (dry run stops here), then apply it in
// batches, each batch one transaction that writes the users, their audit rows, the row results and
// the resume point together. A job that died resumes after its last committed batch; the rows
// before it are not planned again, only remembered for the duplicate-email rule.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { sql } from 'kysely';
import {
  CsvFileError,
  openCsv,
  readCsvHeader,
  type CsvRecord,
  type TextEncoding,
} from '../../domain/csv/read-csv.ts';
import type { CsvRowPlan, CsvRowPlanner } from '../../domain/csv/plan-csv-rows.ts';
import type { FileIssue } from '../../domain/csv/map-header.ts';
import {
  RepeatedEmails,
  scanFileEmails,
  type FileEmailScan,
  type FileEmailScanResult,
} from '../../domain/csv/repeated-emails.ts';
import { EmailProbeGate } from '../../domain/csv/email-probe-gate.ts';
import { toLocale } from '../../domain/messages/locale.ts';
import { findCustomerById, lockCustomerUsage } from '../../db/repositories/customers.ts';
import { actorStillStands } from '../../db/repositories/actor-standing.ts';
import {
  deleteFileChunks,
  deleteImportRows,
  findImportActor,
  findImportById,
  readFileChunks,
  updateImport,
  saveBatchResults,
} from '../../db/repositories/import-jobs.ts';
import type { ImportCounts, ImportRow } from '../../db/repositories/import-schema.ts';
import type { BatchProgress } from '../../db/repositories/import-jobs.ts';
import type { CustomerRow, DB } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import {
  EMAIL_PROBES_PER_MINUTE,
  recordEmailProbes,
  reserveEmailProbes,
} from '../provisioning/email-probes.ts';
import type { ServiceContext } from '../context.ts';
import { countRow, emptyCounts, toResultRow } from './import-results.ts';
import { UPLOADER_NO_LONGER_STANDS } from './import-failures.ts';
import {
  loadImportPlanning,
  type ImportPlanning,
  type PlannedOnUser,
  type PreparedBatch,
} from './planning-state.ts';
import { planOnCurrentUsers } from './plan-on-current-users.ts';
import { batchesOf, preparedAhead, readAhead, WriteBehind } from './batch-pipeline.ts';
import { PlannedUsersChanged, writeBatch } from './write-batch.ts';
import { retryingDeadlocks } from '../db-errors.ts';
import { passImportBatchGate } from './batch-gate.ts';

/**
 * Rows per batch (one transaction each). 2,000 applied 100k rows ~10 % faster than 1,000 on
 * PostgreSQL (fewer per-batch round trips and waits) for ~8 MB more memory (ADR 0013).
 */
export const DEFAULT_IMPORT_BATCH_SIZE = 2000;
const DRY_RUN_LIFETIME_HOURS = 24;
/** The size limit was enforced when the file was uploaded (and may have changed since). */
const STORED_FILE = { maxBytes: Number.MAX_SAFE_INTEGER };

export interface RunImportOptions {
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
  readonly heartbeat?: () => Promise<boolean>;
  /** The job runner's logger (the job's own lines): where a resume after a crash is said. */
  readonly logger?: Logger;
  /** Test hook: called after each committed apply batch (a throw here simulates a crash). */
  readonly afterBatchCommitted?: (appliedThroughRow: number) => void | Promise<void>;
  /** Test hook: called inside a batch's transaction before it commits (a throw rolls it back). */
  readonly beforeBatchCommit?: (appliedThroughRow: number) => void | Promise<void>;
}

export class ImportInterrupted extends Error {
  constructor() {
    super('import interrupted');
    this.name = 'ImportInterrupted';
  }
}

/** The uploader's token or account no longer stands (ADR 0072): the batch in hand rolls back. */
class UploaderNoLongerStands extends Error {
  constructor() {
    super(UPLOADER_NO_LONGER_STANDS);
    this.name = 'UploaderNoLongerStands';
  }
}

async function stopPoint(options: RunImportOptions): Promise<void> {
  // PGlite blocks the event loop while it works: give HTTP and progress readers a turn.
  await yieldToEventLoop();
  if (options.signal?.aborted) throw new ImportInterrupted();
  if (options.heartbeat && !(await options.heartbeat())) throw new ImportInterrupted();
}

async function stopForUploader(db: Kysely<DB>, importId: string): Promise<void> {
  await updateImport(
    db,
    importId,
    { status: 'failed', failure: UPLOADER_NO_LONGER_STANDS, finished_at: sql`now()` },
    ['queued', 'validating', 'applying'],
  );
}

async function fail(
  db: Kysely<DB>,
  importId: string,
  fileError: FileIssue | null,
  failure: string | null,
): Promise<void> {
  // Only a running import fails: one cancelled meanwhile (by an admin, or by an erasure that
  // deleted its file, which is why reading it failed) stays cancelled with its own reason.
  await updateImport(
    db,
    importId,
    {
      status: 'failed',
      file_error: fileError ? JSON.stringify(fileError) : null,
      failure,
      finished_at: sql`now()`,
    },
    ['queued', 'validating', 'applying'],
  );
}

/** Runs (or resumes) one import until it is validated, completed, failed or cancelled. */
export async function runImport(
  db: Kysely<DB>,
  importId: string,
  options: RunImportOptions = {},
): Promise<void> {
  let imp = await findImportById(db, importId);
  if (!imp) return;
  if (!['queued', 'validating', 'applying'].includes(imp.status)) return;
  const customer = await findCustomerById(
    db,
    { partnerId: imp.partner_id, customerId: imp.customer_id },
    imp.customer_id,
  );
  if (!customer) return;
  // Queued work runs with its uploader's authority: a token revoked (or an admin removed) after the
  // upload answered must not still change users (ADR 0072).
  if (!(await actorStillStands(db, imp.actor as unknown as Actor))) {
    await stopForUploader(db, imp.id);
    return;
  }

  let scan: FileEmailScan | null = null;
  if (imp.status !== 'applying') {
    scan = await validate(db, imp, customer, options);
    if (!scan) return;
    if (imp.dry_run) {
      await updateImport(
        db,
        imp.id,
        {
          status: 'validated',
          validated_at: sql`now()`,
          expires_at: sql`now() + make_interval(hours => ${DRY_RUN_LIFETIME_HOURS})`,
        },
        ['validating'], // not over a cancel that came in meanwhile
      );
      return;
    }
    const started = await updateImport(
      db,
      imp.id,
      {
        status: 'applying',
        validated_at: sql`now()`,
        rows_done: 0,
        applied_through_row: 0,
        counts: JSON.stringify(emptyCounts()),
      },
      ['validating'],
    );
    if (!started) return; // cancelled meanwhile
    imp = started;
  }
  await apply(db, imp, customer, options, scan);
}

/**
 * Validation: reads the whole file once (ADR 0015), so an import that applies at once knows it
 * reads as CSV before it changes anything. A dry run then plans every row and stores the results.
 * Returns what the first read learnt, or null when the import stopped or failed.
 */
async function validate(
  db: Kysely<DB>,
  imp: ImportRow,
  customer: CustomerRow,
  options: RunImportOptions,
): Promise<FileEmailScan | null> {
  const started = await updateImport(
    db,
    imp.id,
    { status: 'validating', started_at: sql`coalesce(started_at, now())` },
    ['queued', 'validating'],
  );
  if (!started) return null;
  await deleteImportRows(db, imp.id);
  const batchSize = options.batchSize ?? DEFAULT_IMPORT_BATCH_SIZE;
  const header = await storeHeader(db, imp.id);
  if (!header) return null;
  let scan: FileEmailScan;
  try {
    const scanned = await scanStoredFile(db, imp.id, options);
    if (!scanned.ok) {
      await fail(db, imp.id, scanned.error, null);
      return null;
    }
    scan = scanned;
  } catch (error) {
    if (!(error instanceof CsvFileError)) throw error;
    await fail(db, imp.id, error.issue, null);
    return null;
  }
  // The header was decoded as the file's start suggested. When a later byte showed the file is
  // not UTF-8, read it again as the file is, so no header or warning is stored decoded wrongly.
  if (scan.encoding !== header.encoding && !(await storeHeader(db, imp.id, scan.encoding))) return null;
  // The total is known from here on, so progress has its denominator during the dry run too.
  if (!(await updateImport(db, imp.id, { rows_total: scan.rows }, ['validating']))) return null;
  if (!imp.dry_run) return scan;
  const opened = await openCsv(readAhead(readFileChunks(db, imp.id)), {
    ...STORED_FILE,
    simple: scan.simple,
    encoding: scan.encoding,
  });
  if (!opened.ok) {
    await fail(db, imp.id, opened.error, null);
    return null;
  }
  const counts = emptyCounts();
  let rowsDone = 0;
  const writes = new WriteBehind();
  // Cleared by the first write that finds the import no longer validating (cancelled): results
  // are stored only while it is, and the run ends at the next batch.
  let validating = true;
  try {
    const repeatedEmails = new RepeatedEmails(scan.repeated);
    const context = importContext(db, imp);
    const probeGate = EmailProbeGate.reserving(EMAIL_PROBES_PER_MINUTE);
    const planning = await loadImportPlanning(
      db,
      customer,
      opened.columns,
      imp.behaviour,
      repeatedEmails,
      probeGate,
    );
    for await (const prepared of preparedAhead(batchesOf(opened.batches, batchSize), planning.prepareBatch)) {
      // A dry run tells taken emails from free ones too: its probes are reserved the same way.
      const reserved = await reserveProbes(context, customer, probeGate, prepared);
      const results = await planning.planBatch(prepared, (row) => {
        countRow(counts, row);
        return toResultRow(imp.id, row);
      });
      await auditUnreservedProbes(context, customer, probeGate, reserved);
      rowsDone += results.length;
      const progress = { rowsDone, counts: { ...counts } };
      await writes.start(async () => {
        if (!(await saveBatchResults(db, imp.id, results, progress, 'validating'))) validating = false;
      });
      await stopPoint(options);
      if (!validating) {
        await writes.settle();
        return null;
      }
    }
    await writes.settle();
    if (!validating) return null;
  } catch (error) {
    await writes.settle().catch(() => undefined);
    if (error instanceof CsvFileError) {
      await deleteImportRows(db, imp.id);
      await fail(db, imp.id, error.issue, null);
      return null;
    }
    throw error;
  }
  const finished = await updateImport(db, imp.id, { rows_total: rowsDone }, ['validating']);
  return finished ? scan : null;
}

/**
 * Reads the stored file's header (as `encoding`, else as its start suggests) and stores its
 * cells, file warnings and delimiter on the import. Null when the file is refused (the import
 * has failed then).
 */
async function storeHeader(
  db: Kysely<DB>,
  importId: string,
  encoding?: TextEncoding,
): Promise<{ readonly encoding: TextEncoding } | null> {
  const header = await readCsvHeader(() => readFileChunks(db, importId), {
    ...STORED_FILE,
    ...(encoding ? { encoding } : {}),
  });
  if (!header.ok) {
    await fail(db, importId, header.error, null);
    return null;
  }
  await updateImport(db, importId, {
    file_warnings: JSON.stringify(header.fileWarnings),
    headers: JSON.stringify(header.headers),
    delimiter: header.delimiter,
  });
  return header;
}

/**
 * The first read of the stored file (ADR 0015): its data rows, and which emails can repeat. It
 * checks between chunks whether the import goes on, as the planning pass does between batches.
 */
function scanStoredFile(
  db: Kysely<DB>,
  importId: string,
  options: RunImportOptions,
): Promise<FileEmailScanResult> {
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of readAhead(readFileChunks(db, importId))) {
      yield chunk;
      await stopPoint(options);
    }
  }
  return scanFileEmails(chunks, STORED_FILE);
}

/**
 * The batches of rows after `resumeAfter`. Rows up to it were applied by an earlier run: they are
 * only remembered for the duplicate-email rule (they all come before the first row planned).
 */
async function* batchesAfter(
  batches: AsyncIterable<CsvRecord[]>,
  resumeAfter: number,
  planner: CsvRowPlanner,
): AsyncGenerator<CsvRecord[]> {
  for await (const batch of batches) {
    const fresh: CsvRecord[] = [];
    for (const record of batch) {
      if (record.rowNumber <= resumeAfter) planner.rememberRecord(record);
      else fresh.push(record);
    }
    if (fresh.length > 0) yield fresh;
  }
}

/**
 * Before a batch is planned: records, as one step under the uploader's lock, the probes its rows
 * would report, as many as the uploader's budget allows now (ADR 0077), and lets the gate report
 * that many. The uploader's requests and other imports running meanwhile share the budget: none
 * of them can use what this batch reserved, nor this batch what they used. One short transaction
 * per batch that names emails of other organizations; none for the others. Answers the emails
 * recorded.
 */
async function reserveProbes(
  context: ServiceContext,
  customer: CustomerRow,
  gate: EmailProbeGate,
  prepared: PreparedBatch,
): Promise<readonly string[]> {
  const candidates = prepared.probeCandidates;
  const wanted = gate.wanted(candidates.length);
  const { reserved, budget } = await reserveEmailProbes(
    context,
    { partnerId: customer.partner_id, customerId: customer.id },
    candidates,
    wanted,
  );
  gate.grant(reserved, budget);
  return candidates.slice(0, reserved);
}

/**
 * After a batch is planned: the emails it reported that its reservation did not record. The
 * reservation names the rows the planner reports, in their order, so this is empty; it keeps
 * every reported email audited should the two ever disagree.
 */
async function auditUnreservedProbes(
  context: ServiceContext,
  customer: CustomerRow,
  gate: EmailProbeGate,
  reserved: readonly string[],
): Promise<void> {
  const recorded = new Set(reserved);
  const unreserved = gate.takeReported().filter((email) => !recorded.has(email));
  if (unreserved.length === 0) return;
  await recordEmailProbes(context, { partnerId: customer.partner_id, customerId: customer.id }, unreserved);
}

function importContext(db: Kysely<DB>, imp: ImportRow): ServiceContext {
  return {
    db,
    actor: imp.actor as unknown as Actor,
    requestId: imp.id,
    locale: toLocale(imp.locale),
    jobId: imp.id,
  };
}

async function apply(
  db: Kysely<DB>,
  imp: ImportRow,
  customer: CustomerRow,
  options: RunImportOptions,
  scan: FileEmailScan | null,
): Promise<void> {
  const batchSize = options.batchSize ?? DEFAULT_IMPORT_BATCH_SIZE;
  const resumeAfter = imp.applied_through_row;
  // A resume is otherwise silent: the operator saw the job start again without a word.
  if (resumeAfter > 0)
    options.logger?.info(
      { importId: imp.id, customerId: imp.customer_id, resumesAfterRow: resumeAfter },
      `import resumes after row ${resumeAfter}: an earlier run stopped (a crash, a shutdown, a lost database connection) after committing the rows up to it`,
    );
  // Rows of batches that did not commit may have results from the dead attempt: drop them.
  await deleteImportRows(db, imp.id, resumeAfter);
  // A run that validated the file passes what it read; a resumed one reads the file again.
  const known = scan ?? (await scanStoredFile(db, imp.id, options));
  if (!known.ok) {
    await fail(db, imp.id, known.error, null);
    return;
  }
  const opened = await openCsv(readAhead(readFileChunks(db, imp.id)), {
    ...STORED_FILE,
    simple: known.simple,
    encoding: known.encoding,
  });
  if (!opened.ok) {
    await fail(db, imp.id, opened.error, null);
    return;
  }
  const context = importContext(db, imp);
  const probeGate = EmailProbeGate.reserving(EMAIL_PROBES_PER_MINUTE);
  const planning = await loadImportPlanning(
    db,
    customer,
    opened.columns,
    imp.behaviour,
    new RepeatedEmails(known.repeated),
    probeGate,
  );
  const counts: ImportCounts = resumeAfter > 0 ? { ...emptyCounts(), ...imp.counts } : emptyCounts();
  // Rows that committed batches wrote otherwise than planned (ADR 0073, 0086): refused for a limit
  // reached after they were planned, or planned again on a user changed since. Counted as planned
  // above; this is how what was stored differs.
  const changedAtCommit = emptyCounts();
  let rowsDone = resumeAfter > 0 ? imp.rows_done : 0;

  const writes = new WriteBehind();
  try {
    const batches = batchesAfter(batchesOf(opened.batches, batchSize), resumeAfter, planning.planner);
    for await (const prepared of preparedAhead(batches, planning.prepareBatch)) {
      const reserved = await reserveProbes(context, customer, probeGate, prepared);
      const planned = await planning.planBatch(prepared, (row) => row);
      await auditUnreservedProbes(context, customer, probeGate, reserved);
      for (const row of planned) countRow(counts, row);
      rowsDone += planned.length;
      const lastRow = prepared.records.at(-1)?.rowNumber ?? resumeAfter;
      // The import's progress through this batch, committed with it (a copy: the next batch
      // counts on while this one is written).
      const progress = { rowsDone, counts: { ...counts }, appliedThroughRow: lastRow };
      const { plannedOn } = prepared;
      await writes.start(async () => {
        addCounts(
          changedAtCommit,
          await commitBatch(
            db,
            imp,
            context,
            customer,
            { planning, planned, plannedOn, progress, changedAtCommit },
            options,
          ),
        );
        await options.afterBatchCommitted?.(lastRow);
      });
      await passImportBatchGate();
      await stopPoint(options);
    }
    await writes.settle();
    addCounts(counts, changedAtCommit);
  } catch (error) {
    await writes.settle().catch(() => undefined);
    if (error instanceof UploaderNoLongerStands) {
      await stopForUploader(db, imp.id);
      throw new ImportInterrupted();
    }
    throw error;
  }

  await updateImport(
    db,
    imp.id,
    {
      status: counts.error > 0 ? 'completed_with_errors' : 'completed',
      rows_total: rowsDone,
      finished_at: sql`now()`,
    },
    ['applying'],
  );
  await deleteFileChunks(db, imp.id);
}

function addCounts(into: ImportCounts, more: ImportCounts): void {
  for (const key of Object.keys(into) as (keyof ImportCounts)[]) into[key] += more[key];
}

/** How the counts change when rows planned as `before` are stored as `after`. */
function recount(before: readonly CsvRowPlan[], after: readonly CsvRowPlan[]): ImportCounts {
  const change = emptyCounts();
  for (const [index, row] of after.entries()) {
    const planned = before[index];
    if (!planned || planned === row) continue;
    const was = emptyCounts();
    countRow(was, planned);
    countRow(change, row);
    for (const key of Object.keys(change) as (keyof ImportCounts)[]) change[key] -= was[key];
  }
  return change;
}

/**
 * One batch in one transaction: its users, audit rows, row results and the resume point. Progress
 * (rows done, counts) is that of the import up to and including this batch, as planned; the rows
 * earlier batches wrote otherwise than planned (`changedAtCommit`) and this batch's are counted
 * in. A cancelled import stores no results, and the batch rolls back. Answers how this batch's
 * rows as written change the counts.
 */
interface BatchToCommit {
  readonly planning: Pick<ImportPlanning, 'replanRows'>;
  readonly planned: readonly CsvRowPlan[];
  /** The stored users the rows were planned on (ADR 0086). */
  readonly plannedOn: ReadonlyMap<string, PlannedOnUser>;
  readonly progress: BatchProgress & { appliedThroughRow: number };
  readonly changedAtCommit: ImportCounts;
}

async function commitBatch(
  db: Kysely<DB>,
  imp: ImportRow,
  context: ServiceContext,
  customer: CustomerRow,
  batch: BatchToCommit,
  options: RunImportOptions,
): Promise<ImportCounts> {
  // Optimistic first (ADR 0086): the batch's writes are guarded by the versions its users were
  // planned on, which costs nothing when no other channel changed them since the lookup. When one
  // did, the batch rolls back and runs again with its users locked first and those rows planned
  // again on what is stored now.
  try {
    return await commitBatchOnce(db, imp, context, customer, batch, options, 'as planned');
  } catch (error) {
    if (!(error instanceof PlannedUsersChanged)) throw error;
    return commitBatchOnce(db, imp, context, customer, batch, options, 'on locked users');
  }
}

async function commitBatchOnce(
  db: Kysely<DB>,
  imp: ImportRow,
  context: ServiceContext,
  customer: CustomerRow,
  batch: BatchToCommit,
  options: RunImportOptions,
  rows: 'as planned' | 'on locked users',
): Promise<ImportCounts> {
  const { planned, progress } = batch;
  // A deadlock with a concurrent writer (a SCIM group write meets a renamed member) rolls the whole
  // batch back: running it again is the same batch.
  return retryingDeadlocks(() =>
    db.transaction().execute(async (trx) => {
      // The customer's usage lock first, as every writer that can raise usage takes it (ADR 0073):
      // no API, SCIM or other import write changes the usage between the check and the commit.
      // A customer being deleted takes no more users: the deletion, waiting for this lock, then
      // removes the customer with its imports (a batch would add users it never deprovisions).
      const locked = await lockCustomerUsage(trx, customer.id);
      if (!locked || locked.status === 'deleting') throw new ImportInterrupted();
      // Checked inside the batch's transaction and held until it commits, so no batch commits once a
      // revocation has committed (the revocation waits for the batch in hand).
      // The uploader as stored now: a GDPR erasure during the run replaces its label there, and
      // the audit rows of later batches must not bring the erased email back.
      const uploader = ((await findImportActor(trx, imp.id)) as Actor | undefined) ?? context.actor;
      if (!(await actorStillStands(trx, uploader, { holdUntilCommit: true }))) {
        throw new UploaderNoLongerStands();
      }
      // Run again after a guard missed: the users the batch modifies or removes, locked and
      // compared with what they were planned on, and the rows of those that changed planned again.
      const current =
        rows === 'as planned'
          ? { planned, plannedOn: batch.plannedOn }
          : await planOnCurrentUsers(trx, customer.id, batch.planning, planned, batch.plannedOn);
      const written = await writeBatch(
        trx,
        { ...context, actor: uploader },
        customer,
        current.planned,
        current.plannedOn,
      );
      const changed = recount(planned, written);
      const counts = { ...progress.counts };
      addCounts(counts, batch.changedAtCommit);
      addCounts(counts, changed);
      const results = written.map((row) => toResultRow(imp.id, row));
      // Relaxed commit: a commit lost in a server crash is lost together with its resume point, so
      // the batch simply runs again; no batch need wait for its WAL flush.
      const stored = await saveBatchResults(trx, imp.id, results, { ...progress, counts }, 'applying', true);
      if (!stored) throw new ImportInterrupted();
      await options.beforeBatchCommit?.(progress.appliedThroughRow);
      return changed;
    }),
  );
}

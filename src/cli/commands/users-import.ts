// `hub users import --customer C FILE [--behaviour add-only|add-remove] [--dry-run] [--json]
// [--error-report OUT]`: uploads the file as an import job, waits for it (progress bar on a
// terminal) and prints the result; with --json the object of SPEC §9, also for a file rejected at
// upload (no job then); with --error-report, writes the job's error report (SPEC §6) to OUT.
// Exit 0 when the job ran (row errors included), 2 when the file was rejected, 1 when the job
// failed otherwise or was cancelled before it finished (SPEC §9: it is not done).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError, isAppError } from '../../domain/errors.ts';
import type { Locale } from '../../domain/messages/locale.ts';
import type { ServiceContext } from '../../services/context.ts';
import type { RowResultView } from '../../services/imports/import-results.ts';
import type { ImportView } from '../../services/imports/import-view.ts';
import type { CliContext } from '../cli-context.ts';
import { CliUsageError } from '../exit-codes.ts';
import { CliInterrupted, watchInterrupts } from '../interrupt-signals.ts';
import { stoppedWaitingJson, stoppedWaitingText } from '../stopped-waiting.ts';
import {
  drainInBackground,
  newBackgroundDrain,
  pauseUnlessStopping,
  serverStoppingMessage,
} from '../wait-for-jobs.ts';
import type { CliIo } from '../io.ts';
import { inBatches, printJsonObjectWithList } from '../list-output.ts';
import { importByRef, outputFileOption, writeErrorReport } from './users-error-report.ts';
import { usersCommand } from './users.ts';

/**
 * The import services and the job worker, imported when an import command runs, not by
 * `hub --help` and the other commands (ADR 0014).
 */
async function importServices() {
  const [worker, registry, create, queries, waitReason, connectionLoss] = await Promise.all([
    import('../../jobs/customer-queue-worker.ts'),
    import('../../jobs/registry.ts'),
    import('../../services/imports/create-import.ts'),
    import('../../services/imports/import-queries.ts'),
    import('../import-wait-reason.ts'),
    import('../../jobs/connection-loss.ts'),
  ]);
  return { ...worker, ...registry, ...create, ...queries, ...waitReason, ...connectionLoss };
}

interface ImportOptions {
  customer: string;
  behaviour?: string;
  dryRun: boolean;
  partner?: string;
  json: boolean;
  errorReport?: string;
  wait: boolean;
}

/**
 * SPEC §9's --json shape. A rejected file adds `fileError` (why); one rejected at upload, before a
 * job exists, has `jobId` null, status `failed` as a job that rejects it says, zero counts, no rows.
 */
export interface ImportCliResult {
  readonly jobId: string | null;
  readonly status: string;
  readonly counts: {
    add: number;
    modify: number;
    remove: number;
    unchanged: number;
    error: number;
    warning: number;
  };
  readonly fileWarnings: string[];
  readonly rows: {
    row: number;
    email: string;
    action: string;
    status: 'ok' | 'warning' | 'error';
    messages: string[];
  }[];
  readonly fileError?: string;
}

const NO_COUNTS: ImportCliResult['counts'] = {
  add: 0,
  modify: 0,
  remove: 0,
  unchanged: 0,
  error: 0,
  warning: 0,
};

/** What createImport throws for a file it refuses (no email column, binary, too large, empty). */
function isFileRejection(error: unknown): error is AppError {
  return isAppError(error) && (error.code === 'validation_failed' || error.code === 'payload_too_large');
}

function rejectedAtUpload(error: AppError, locale: Locale): ImportCliResult {
  const fileError = locale === 'nl' && error.messageNl ? error.messageNl : error.message;
  return { jobId: null, status: 'failed', counts: NO_COUNTS, fileWarnings: [], rows: [], fileError };
}

const WAITING = new Set(['queued', 'validating', 'applying']);

function progressBar(view: ImportView): string {
  const { rowsDone, rowsTotal } = view.progress;
  const width = 30;
  const fraction = rowsTotal ? Math.min(1, rowsDone / rowsTotal) : 0;
  const filled = Math.round(fraction * width);
  const total = rowsTotal === null ? '?' : String(rowsTotal);
  return `\r${view.status.padEnd(10)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${rowsDone}/${total} rows`;
}

/** How often a waiting CLI looks at its import (and redraws its bar). */
const LOOK_INTERVAL_MS = 250;

/** How to resume or follow an import this CLI stopped waiting for. */
function resumeHint(importId: string, customerId: string): string {
  return `Resume and follow it with: hub users import-status ${importId} --customer ${customerId} --wait\n`;
}

/**
 * What a CLI says when the database connection is lost while it waits (PostgreSQL restarted, a
 * failover): the import was not failed and goes on; a bare "terminating connection due to
 * administrator command" left the person guessing. Exit 1: this command did not finish it.
 */
function databaseLostMessage(importId: string, customerId: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return (
    `Lost the connection to the database (${reason}). The import ${importId} is not done and was not failed: ` +
    'it continues where it stopped (after its last committed batch) once the database is back, ' +
    'when a worker runs (hub serve, hub worker) or a CLI waits for it.\n' +
    resumeHint(importId, customerId)
  );
}

async function waitForImport(
  cli: CliContext,
  context: ServiceContext,
  customerId: string,
  importId: string,
  showProgress: boolean,
  /** --json: a stopped wait prints its object on stdout too. */
  json: boolean,
  /** Said once the wait began: from then on Ctrl+C / SIGTERM stop it cleanly. */
  announcement?: string,
): Promise<ImportView> {
  const { createCustomerQueueWorker, getImport, importWaitReason, isDatabaseConnectionLost } =
    await importServices();
  const runtime = await cli.runtime();
  // Outside a server the import may have no worker: run one here for this customer's queue only
  // (the import and the customer's earlier jobs it queues behind). Other jobs (emails, other
  // customers') belong to the servers and workers sharing the database (src/jobs/customer-queue-worker.ts).
  const worker = cli.insideServer
    ? null
    : createCustomerQueueWorker({ db: runtime.database.db, logger: runtime.logger, customerId });
  // Ctrl+C / SIGTERM in a terminal: the worker releases the job (as `hub worker` does when it
  // stops), so the next command resumes it at once instead of after the job lock expires.
  const interrupts = worker ? watchInterrupts() : null;
  if (announcement) cli.io.err(announcement);
  const drain = newBackgroundDrain();
  const rethrowDrainFailure = () => {
    if (drain.failure) throw drain.failure.error;
  };
  let barShown = false;
  let reasonSaid: string | null = null;
  try {
    for (;;) {
      rethrowDrainFailure();
      const view = await getImport(context, customerId, importId);
      if (!WAITING.has(view.status)) {
        if (showProgress) {
          cli.io.err(progressBar(view));
          cli.io.err('\n');
        }
        await drain.running;
        rethrowDrainFailure();
        return view;
      }
      const reason = await importWaitReason(context.db, importId, worker?.id ?? null);
      if (reason !== null && reason !== reasonSaid) {
        cli.io.err(`${barShown ? '\n' : ''}${reason}\n`);
        barShown = false;
      }
      reasonSaid = reason;
      if (showProgress) {
        cli.io.err(progressBar(view));
        barShown = true;
      }
      if (worker) drainInBackground(worker, drain);
      await pauseUnlessStopping(
        cli.io,
        LOOK_INTERVAL_MS,
        () =>
          serverStoppingMessage(
            `import ${importId}`,
            `hub users import-status ${importId} --customer ${customerId} --wait`,
          ),
        interrupts?.signal,
      );
    }
  } catch (error) {
    const received = interrupts?.received() ?? null;
    if (received === null && isDatabaseConnectionLost(error)) {
      if (barShown) cli.io.err('\n');
      // The worker hands the job back if the database answers before it stops; else the job is
      // taken over when its lock expires. Either way it resumes after its last committed batch.
      await worker?.stop();
      await drain.running;
      throw new Error(databaseLostMessage(importId, customerId, error));
    }
    if (received === null || !worker) throw error;
    if (barShown) cli.io.err('\n');
    await worker.stop();
    await drain.running;
    const work = { kind: 'import', id: importId, customerId } as const;
    throw new CliInterrupted(
      received,
      stoppedWaitingText(work, { in: 'this-cli' }),
      json ? stoppedWaitingJson(received, work, { in: 'this-cli' }) : undefined,
    );
  } finally {
    interrupts?.dispose();
  }
}

/** SPEC §9's key order, whatever order the view built them in: scripts and diffs see one shape. */
function inSpecOrder(counts: ImportCliResult['counts']): ImportCliResult['counts'] {
  const { add, modify, remove, unchanged, error, warning } = counts;
  return { add, modify, remove, unchanged, error, warning };
}

/** A dry run's human output lists what would change, up to this many rows (--json has all). */
const DRY_RUN_ROWS_SHOWN = 50;

/**
 * The human output prints the messages of this many rows with errors or warnings: a 30,000-row file
 * with errors printed 60,002 lines. --json and the error report keep every row.
 */
const MESSAGE_ROWS_SHOWN = 50;

/**
 * Where the rows beyond the first ones are: --json lists them all; the error report (a CSV of the
 * rows with errors) is `hub users error-report`.
 */
function moreRowsLine(
  more: number,
  importId: string | null,
  customerId: string | undefined,
  errorReport: boolean,
): string {
  if (!importId || !customerId) return `  … and ${more} more rows: use --json`;
  const json = `use --json (hub users import-status ${importId} --customer ${customerId} --json)`;
  if (!errorReport) return `  … and ${more} more rows: ${json}`;
  return (
    `  … and ${more} more rows: see the error report ` +
    `(hub users error-report ${importId} --customer ${customerId} --out errors.csv) or ${json}`
  );
}

/** What the human output says beyond SPEC §9's JSON: each message's severity, a modify's fields. */
interface RowDetail {
  readonly severities: readonly ('error' | 'warning')[];
  readonly changes: readonly { field: string; before: unknown; after: unknown }[] | null;
}

function describeChange(change: { field: string; before: unknown; after: unknown }): string {
  const show = (value: unknown) => (value === null || value === undefined ? '(none)' : String(value));
  return `${change.field} ${show(change.before)} → ${show(change.after)}`;
}

/** `total`: how many rows change, when `result.rows` holds only the first ones that do. */
function plannedChanges(
  result: ImportCliResult,
  details: ReadonlyMap<number, RowDetail>,
  total?: number,
  customerId?: string,
): string[] {
  if (result.status !== 'validated') return [];
  const changing = result.rows.filter((row) => row.action !== 'unchanged' && row.action !== 'error');
  const more = (total ?? changing.length) - DRY_RUN_ROWS_SHOWN;
  return [
    ...changing.slice(0, DRY_RUN_ROWS_SHOWN).map((row) => {
      const changes = details.get(row.row)?.changes ?? [];
      const fields =
        row.action === 'modify' && changes.length ? `: ${changes.map(describeChange).join(', ')}` : '';
      return `  row ${row.row}: ${row.action} ${row.email}${fields}`;
    }),
    ...(more > 0 ? [moreRowsLine(more, result.jobId, customerId, false)] : []),
  ];
}

function human(result: ImportCliResult, details: ReadonlyMap<number, RowDetail> = new Map()): string {
  const { counts } = result;
  const lines = [
    `Import ${result.jobId ?? '(none)'}: ${result.status}`,
    ...plannedChanges(result, details),
    ...(result.fileError ? [`  file rejected: ${result.fileError}`] : []),
    `  add ${counts.add}, modify ${counts.modify}, remove ${counts.remove}, unchanged ${counts.unchanged}, error ${counts.error}, with warnings ${counts.warning}`,
    ...result.fileWarnings.map((warning) => `  warning: ${warning}`),
    ...result.rows
      .filter((row) => row.messages.length > 0)
      .flatMap((row) =>
        row.messages.map((message, index) => {
          // A row in error may also carry warnings: each message says its own severity.
          const severity =
            details.get(row.row)?.severities[index] ?? (row.status === 'error' ? 'error' : 'warning');
          return `  ${severity}: ${message}`;
        }),
      ),
  ];
  return lines.join('\n');
}

/** A row result as SPEC §9's --json shows it. */
async function* cliRows(rows: AsyncIterable<RowResultView>): AsyncGenerator<ImportCliResult['rows'][number]> {
  for await (const row of rows)
    yield { row: row.row, email: row.email, action: row.action, status: row.status, messages: row.messages };
}

/**
 * The human text of `human()` for a job's result, written as the rows are read: a dry run's
 * planned changes (a first pass keeps the first few), then every row's messages (a second pass).
 */
async function printHuman(
  io: CliIo,
  result: Omit<ImportCliResult, 'rows'>,
  context: ServiceContext,
  customerId: string,
): Promise<void> {
  const { allImportRows } = await importServices();
  const shown: ImportCliResult['rows'] = [];
  const details = new Map<number, RowDetail>();
  let changing = 0;
  if (result.status === 'validated' && result.jobId) {
    for await (const row of allImportRows(context, result.jobId)) {
      if (row.action === 'unchanged' || row.action === 'error') continue;
      changing += 1;
      if (shown.length >= DRY_RUN_ROWS_SHOWN) continue;
      shown.push({ row: row.row, email: row.email, action: row.action, status: row.status, messages: [] });
      details.set(row.row, { severities: [], changes: row.changes });
    }
  }
  // human() of the result without rows gives the lines before the rows' messages; the planned
  // changes come from the first pass.
  const lines = human({ ...result, rows: [] }).split('\n');
  const planned = plannedChanges({ ...result, rows: shown }, details, changing, customerId);
  io.out([lines[0], ...planned, ...lines.slice(1)].join('\n'));
  if (result.jobId) {
    // The rows past the first MESSAGE_ROWS_SHOWN with messages are only counted.
    let rowsWithMessages = 0;
    // Given the io, the batches stop once its reader is gone (no row read for nobody).
    for await (const batch of inBatches(allImportRows(context, result.jobId), undefined, io)) {
      const shownRows = batch.filter((row) => {
        if (row.messages.length === 0) return false;
        rowsWithMessages += 1;
        return rowsWithMessages <= MESSAGE_ROWS_SHOWN;
      });
      const messages = shownRows.flatMap((row) =>
        row.messages.map((message, index) => {
          // A row in error may also carry warnings: each message says its own severity.
          const severity = row.issues[index]?.severity ?? (row.status === 'error' ? 'error' : 'warning');
          return `\n  ${severity}: ${message}`;
        }),
      );
      if (messages.length === 0) continue;
      io.out(messages.join(''));
      await io.drained();
    }
    const more = rowsWithMessages - MESSAGE_ROWS_SHOWN;
    if (more > 0) io.out(`\n${moreRowsLine(more, result.jobId, customerId, true)}`);
  }
  io.out('\n');
  await io.drained();
}

export function registerUserImportCommands(program: Command, cli: CliContext): void {
  usersCommand(program)
    .command('import <file>')
    .description('Add, modify or remove users from a CSV file and wait for the result')
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .option(
      '--behaviour <behaviour>',
      "add-only or add-remove (default: the customer's default import behaviour setting)",
    )
    .option('--dry-run', 'validate and show what would change; change nothing', false)
    .option('--partner <partner>')
    .option('--json', 'print JSON', false)
    .option(
      '--no-wait',
      "upload and return at once with the import's id (status queued); follow it with hub users import-status ID --wait",
    )
    .option(
      '--error-report <file>',
      'when rows have errors, write the error report (those rows as uploaded, plus an Error column) to this file',
    )
    .addHelpText(
      'after',
      [
        '',
        'The file: comma- or semicolon-separated, one row per user, columns matched by their English',
        'or Dutch header (those "hub users export" writes); "User ID/Email (Required)" is required.',
        'A TRUE package column (Webex Calling, Webex Meetings, …) gives the user that package.',
        'add-only: TRUE assigns, FALSE is ignored. add-remove: FALSE also unassigns, and a user',
        'left with no package is removed. Exit 0 when the import ran (row errors included), 2',
        'when the file is rejected, 1 when the import failed or was cancelled.',
        '--error-report: the rows in error, with the file\'s own columns plus "Error" and "Line" (the',
        'same CSV as "hub users error-report" and the API); written once the import has finished,',
        'also after a dry run. Without rows in error nothing is written (stderr says so).',
        'stderr names the import as soon as it is uploaded. Ctrl+C (or SIGTERM) stops waiting, says',
        'how to resume it (hub users import-status ID --wait; with --json also as an object on stdout)',
        'and exits 130 (143 for SIGTERM): with no server the import goes back to the queue where it',
        'stopped; with one it keeps running there. A second Ctrl+C quits at once.',
        '',
        'Examples:',
        '  hub users import users.csv --customer DEVRIES-001 --dry-run',
        '  hub users import users.csv --customer DEVRIES-001 --behaviour add-remove --json',
        '  hub users import users.csv --customer DEVRIES-001 --error-report errors.csv',
        '  hub users import users.csv --customer DEVRIES-001 --no-wait --json   # then import-status --wait',
      ].join('\n'),
    )
    .action(async (file: string, options: ImportOptions) => {
      if (
        options.behaviour !== undefined &&
        options.behaviour !== 'add-only' &&
        options.behaviour !== 'add-remove'
      ) {
        throw new CliUsageError(`--behaviour must be add-only or add-remove, not "${options.behaviour}".`);
      }
      if (!options.wait && options.errorReport !== undefined)
        throw new CliUsageError(
          '--error-report needs the import to finish: without --no-wait, or use hub users error-report once it has.',
        );
      const filePath = path.resolve(cli.io.cwd, file);
      const info = await stat(filePath).catch(() => null);
      if (!info) throw new CliUsageError(`No such file: ${file}`);
      if (!info.isFile()) throw new CliUsageError(`${file} is not a file: give a CSV file.`);
      // Checked before the upload: a bad path must not be found out after the import ran.
      const reportTarget =
        options.errorReport === undefined
          ? undefined
          : await outputFileOption(cli.io.cwd, '--error-report', options.errorReport);
      const { createImport } = await importServices();
      const runtime = await cli.runtime();
      const context = await cli.serviceContext({ partner: options.partner });
      let created: ImportView;
      try {
        created = await createImport(context, {
          customerRef: options.customer,
          behaviour: options.behaviour,
          dryRun: options.dryRun,
          fileName: path.basename(filePath),
          body: createReadStream(filePath),
          maxBytes: runtime.config.importMaxBytes,
        });
      } catch (error) {
        // SPEC §9: --json prints its object on stdout for a rejected file too; the reason still
        // goes to stderr and the exit code stays 2 (the error is rethrown).
        if (options.json && isFileRejection(error)) {
          const result = rejectedAtUpload(error, context.locale);
          cli.print(true, result, () => human(result));
        }
        if (reportTarget !== undefined && isFileRejection(error))
          cli.io.err(
            'No error report: the file was rejected before any row was read. Nothing was written.\n',
          );
        throw error;
      }
      if (!options.wait) {
        await reportQueued(cli, context, created, options.json);
        return;
      }
      // A forwarded CLI stopped with Ctrl+C from here on says which import keeps running.
      cli.io.awaiting({ kind: 'import', id: created.id, customerId: created.customerId });
      // Its id before the wait (minutes for a large file): a script killed meanwhile, or a person
      // who stops it, knows which import to follow.
      const view = await waitForImport(
        cli,
        context,
        created.customerId,
        created.id,
        cli.io.interactive && !options.json,
        options.json,
        `Import ${created.id} uploaded; waiting for it (Ctrl+C stops waiting).\n`,
      );
      // Before the result, which ends with the exit code of a failed or cancelled import: the rows
      // it found in error are reported all the same.
      if (reportTarget !== undefined) await writeErrorReport(cli, context, view, reportTarget);
      await reportImport(cli, context, view, options.json, DRY_RUN_DONE_BY_IMPORT, options.customer);
    });

  usersCommand(program)
    .command('import-status <import>')
    .description("Show an import's state and results; --wait waits for it to finish")
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .option('--wait', 'wait until the import has finished (or its dry run is done)', false)
    .option('--partner <partner>')
    .option(
      '--json',
      'print JSON: the object of hub users import --json; for an import still running, its counts and rows so far plus "progress": {rowsDone, rowsTotal}',
      false,
    )
    .addHelpText(
      'after',
      [
        '',
        'For an import started by "hub users import" (its id is in the first line of its output and',
        'in the message a stopped CLI prints), or through the API. Exit codes as hub users import;',
        'with no server, --wait runs (resumes) the import here. An import still running, without',
        '--wait, exits 0 with its progress.',
        '',
        'Example:',
        '  hub users import-status 3f2c… --customer DEVRIES-001 --wait',
      ].join('\n'),
    )
    .action(async (importId: string, options: ImportStatusOptions) => {
      const context = await cli.serviceContext({ partner: options.partner });
      const known = await importByRef(context, options.customer, importId);
      const view = options.wait
        ? await waitForImport(
            cli,
            context,
            known.customerId,
            known.id,
            cli.io.interactive && !options.json,
            options.json,
          )
        : known;
      if (WAITING.has(view.status)) {
        const { rowsDone, rowsTotal } = view.progress;
        // SPEC §9's object as far as the import got (counts and rows so far), plus its progress.
        if (options.json) await printImportJson(cli, context, view, { progress: { ...view.progress } });
        else
          cli.io.out(
            `Import ${view.id}: ${view.status}, ${rowsDone} of ${rowsTotal ?? '?'} rows. Add --wait to wait for it.\n`,
          );
        return;
      }
      await reportImport(
        cli,
        context,
        view,
        options.json,
        dryRunDoneByImportStatus(options.customer),
        options.customer,
      );
    });
}

interface ImportStatusOptions {
  customer: string;
  wait: boolean;
  partner?: string;
  json: boolean;
}

/** SPEC §9's object for an import, its rows as far as there are any, then `tail`'s members. */
async function printImportJson(
  cli: CliContext,
  context: ServiceContext,
  view: ImportView,
  tail: Readonly<Record<string, unknown>>,
): Promise<void> {
  const { allImportRows } = await importServices();
  // Written as the row results are read, a batch at a time: 60,000 rows built into one result
  // (and one string) weighed hundreds of MB in a server with a 256 MB heap.
  await printJsonObjectWithList(
    cli.io,
    {
      jobId: view.id,
      status: view.status,
      counts: inSpecOrder(view.counts),
      fileWarnings: view.fileWarnings,
    },
    'rows',
    inBatches(cliRows(allImportRows(context, view.id))),
    tail,
  );
}

/**
 * `--no-wait`: the import just uploaded, SPEC §9's object as far as it got (no rows yet) with --json,
 * and how to follow it. With no server nothing runs it until a worker runs or a CLI waits for it.
 */
async function reportQueued(
  cli: CliContext,
  context: ServiceContext,
  view: ImportView,
  json: boolean,
): Promise<void> {
  const follow = `hub users import-status ${view.id} --customer ${view.customerId} --wait`;
  if (json) await printImportJson(cli, context, view, {});
  else cli.io.out(`Import ${view.id}: ${view.status}\n`);
  const runs = cli.insideServer
    ? 'It runs in the server.'
    : 'It runs when a worker runs (hub serve, hub worker) or a CLI waits for it.';
  cli.io.err(`Import ${view.id} uploaded, not waited for. ${runs} Follow it with: ${follow}\n`);
}

const DRY_RUN_DONE_BY_IMPORT =
  'Dry run: nothing was changed. Run the same command without --dry-run to apply it.\n';

/**
 * `import-status` of a dry run: running that command again applies nothing (the CLI has no command
 * that applies a dry run; the web app and the API do), so it names the import that does.
 */
function dryRunDoneByImportStatus(customer: string): string {
  return (
    'Dry run: nothing was changed. To apply it, import the same file again without --dry-run: ' +
    `hub users import <file> --customer ${customer}\n`
  );
}

/** Prints a finished import's result (SPEC §9's object with --json) and fails as its state says. */
async function reportImport(
  cli: CliContext,
  context: ServiceContext,
  view: ImportView,
  json: boolean,
  /** What stderr says of a finished dry run (human output): how to apply it from here. */
  dryRunDone: string,
  /** The --customer the command was given, for the command a message names. */
  customer: string,
): Promise<void> {
  const head = {
    jobId: view.id,
    status: view.status,
    counts: inSpecOrder(view.counts),
    fileWarnings: view.fileWarnings,
  };
  if (json) await printImportJson(cli, context, view, view.fileError ? { fileError: view.fileError } : {});
  else
    await printHuman(cli.io, { ...head, fileError: view.fileError ?? undefined }, context, view.customerId);
  if (view.status === 'validated' && !json) cli.io.err(dryRunDone);
  if (view.status === 'failed') {
    if (view.fileError) throw new AppError('validation_failed', view.fileError);
    throw new Error(view.failure ?? 'The import failed.');
  }
  // A cancelled import did not run to its end, so it is not "done" (exit 1); the batches it
  // applied before the cancel stay, which a script must not take for a finished import.
  if (view.status === 'cancelled') {
    // A dry run that was never applied (applying one clears dryRun) changed nothing: cancelled, or
    // expired after 24 h unapplied (SPEC §6), which housekeeping records as cancelled.
    if (view.dryRun)
      throw new Error(
        `Import ${view.id} was a dry run, ${view.failure === 'expired' ? 'expired (unapplied for 24 h)' : 'cancelled'} before it was applied: nothing was changed. ` +
          `To apply the file, import it again: hub users import <file> --customer ${customer}`,
      );
    throw new Error(
      `Import ${view.id} was cancelled before it finished: rows applied before the cancel stay applied, the rest were not.`,
    );
  }
}

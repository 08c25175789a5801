// An import's error report at the terminal (SPEC §6): the rows with errors as uploaded, plus the
// `Error` and `Line` columns, the same bytes as GET /v1/customers/{id}/imports/{jobId}/error-report.csv.
// `hub users error-report --customer C JOB_ID [--out FILE]` for a job that already ran, and
// `hub users import … --error-report FILE` (users-import.ts) for the job it just ran. Forwarded to a
// running server, the server writes --out (a path of this machine, read from the CLI's folder) or
// streams the CSV back as the command's stdout.
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import type { Command } from 'commander';
import type { ServiceContext } from '../../services/context.ts';
import type { ImportView } from '../../services/imports/import-view.ts';
import type { CliContext } from '../cli-context.ts';
import { CliUsageError } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { orRejectUnknown } from '../references.ts';
import { usersCommand } from './users.ts';

// Imported when an action runs, not by `hub --help` and the other commands (ADR 0014).
const importQueries = () => import('../../services/imports/import-queries.ts');

/** States in which the job still changes its rows: its report would be incomplete. */
const UNFINISHED = new Set(['queued', 'validating', 'applying']);

/**
 * The absolute path a file option names, checked before any work starts (exit 2): its directory
 * must exist and it must not be a directory itself. An existing file is overwritten.
 */
export async function outputFileOption(cwd: string, option: string, file: string): Promise<string> {
  const target = path.resolve(cwd, file);
  const directory = await stat(path.dirname(target)).catch(() => null);
  if (!directory?.isDirectory())
    throw new CliUsageError(`${option}: the directory ${path.dirname(target)} does not exist.`);
  if ((await stat(target).catch(() => null))?.isDirectory())
    throw new CliUsageError(`${option}: ${target} is a directory; give a file name.`);
  return target;
}

/** The customer's import `importId`; one the customer does not have is rejected input (ADR 0064). */
export async function importByRef(
  context: ServiceContext,
  customerRef: string,
  importId: string,
): Promise<ImportView> {
  const { getImport } = await importQueries();
  return orRejectUnknown(
    () => getImport(context, customerRef, importId),
    `import "${importId}": customer ${customerRef} has no import with this id.`,
  );
}

/**
 * Writes the error report of a finished import to `target`, or to stdout without one, and says on
 * stderr what it did. An import without rows in error has no report: nothing is written (no file
 * is created or truncated), and stderr says so. Answers whether a report was written.
 */
export async function writeErrorReport(
  cli: CliContext,
  context: ServiceContext,
  view: ImportView,
  target: string | undefined,
): Promise<boolean> {
  const errors = view.counts.error;
  if (errors === 0) {
    const why = view.fileError ? 'the file was rejected, no row was read' : 'no row has an error';
    cli.io.err(`Import ${view.id} has no error report: ${why}. Nothing was written.\n`);
    return false;
  }
  const { errorReportCsv } = await importQueries();
  const report = await errorReportCsv(context, view.customerId, view.id);
  const rows = `${errors} row${errors === 1 ? '' : 's'} with errors`;
  if (target === undefined) {
    await relayText(cli.io, report);
    return true;
  }
  try {
    await pipeline(report, createWriteStream(target));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(`Cannot write the error report of import ${view.id} to ${target} (${reason}).`, {
      cause: error,
    });
  }
  cli.io.err(`Error report of import ${view.id} (${rows}) written to ${target}\n`);
  return true;
}

/**
 * The CSV as stdout text, a chunk at a time (waiting for a slow reader). UTF-8 decoded without
 * dropping the BOM nor splitting a character between chunks: the terminal, or the forwarded CLI,
 * writes the same bytes back out.
 */
async function relayText(io: CliIo, body: NodeJS.ReadableStream): Promise<void> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of body) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    if (text !== '') io.out(text);
    await io.drained();
  }
  const rest = decoder.end();
  if (rest !== '') io.out(rest);
}

interface ErrorReportOptions {
  customer: string;
  out?: string;
  partner?: string;
  json: boolean;
}

/** `hub users error-report --json`: what was written where; without --out, the CSV itself. */
interface ErrorReportJson {
  readonly importId: string;
  /** The file written (--out), or null: no --out, or no report. */
  readonly file: string | null;
  /** The rows with errors, as many as the report has (0: there is no report). */
  readonly errorRows: number;
  /** Without --out: the report's text (the CSV, BOM included), or null when there is none. */
  readonly csv?: string | null;
}

/** The report's CSV as one string (for --json without --out). */
async function reportText(context: ServiceContext, view: ImportView): Promise<string> {
  const { errorReportCsv } = await importQueries();
  const decoder = new StringDecoder('utf8');
  let text = '';
  for await (const chunk of await errorReportCsv(context, view.customerId, view.id))
    text += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
  return text + decoder.end();
}

export function registerUserErrorReportCommand(program: Command, cli: CliContext): void {
  usersCommand(program)
    .command('error-report <import>')
    .description("Write an import's error report: its rows with errors as uploaded, plus an Error column")
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--partner <partner>')
    .option(
      '--json',
      'print {"importId", "file", "errorRows"} (with --out: the file written; without: also "csv", the report as a string)',
      false,
    )
    .addHelpText(
      'after',
      [
        '',
        "The same CSV as the API's error report (GET /v1/customers/{id}/imports/{import}/error-report.csv):",
        'the rows in error with the uploaded file\'s own columns and separator, plus "Error" (why) and',
        '"Line" (the line in the uploaded file). Fix the rows and import the file again. An import',
        'without rows in error has no report: nothing is written (stderr says so), exit 0. Exit 1',
        'while the import still runs, 2 for an import the customer does not have.',
        '',
        'Examples:',
        '  hub users error-report 3f2c… --customer DEVRIES-001 --out errors.csv',
        '  hub users import users.csv --customer DEVRIES-001 --error-report errors.csv',
      ].join('\n'),
    )
    .action(async (importId: string, options: ErrorReportOptions) => {
      const target =
        options.out === undefined ? undefined : await outputFileOption(cli.io.cwd, '--out', options.out);
      const context = await cli.serviceContext({ partner: options.partner });
      const view = await importByRef(context, options.customer, importId);
      if (UNFINISHED.has(view.status))
        throw new Error(
          `Import ${view.id} is still ${view.status}: its error report is complete once it has finished. ` +
            `Wait for it with: hub users import-status ${view.id} --customer ${options.customer} --wait`,
        );
      if (!options.json) {
        await writeErrorReport(cli, context, view, target);
        return;
      }
      // stdout holds the JSON: without --out the CSV goes into it rather than beside it.
      const hasReport = view.counts.error > 0;
      const written = target !== undefined && (await writeErrorReport(cli, context, view, target));
      if (target === undefined && !hasReport) await writeErrorReport(cli, context, view, undefined);
      const result: ErrorReportJson = {
        importId: view.id,
        file: written ? (target ?? null) : null,
        errorRows: view.counts.error,
        ...(target === undefined ? { csv: hasReport ? await reportText(context, view) : null } : {}),
      };
      cli.print(true, result, () => '');
    });
}

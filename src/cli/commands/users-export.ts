// `hub users export --customer C [--out FILE]`: every user of the customer as CSV (SPEC §6 column
// order), streamed to the file or to stdout.
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.ts';
import { CliUsageError } from '../exit-codes.ts';
import { usersCommand } from './users.ts';

// Imported when an action runs, not by `hub --help` and the other commands (ADR 0014).
const exportService = () => import('../../services/exports/export-users.ts');

export function registerUserExportCommands(program: Command, cli: CliContext): void {
  usersCommand(program)
    .command('export')
    .description('Export all users of a customer as CSV')
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--partner <partner>')
    .option('--json', 'with --out: print a JSON summary', false)
    .addHelpText(
      'after',
      '\nExamples:\n  hub users export --customer DEVRIES-001 --out users.csv\n  hub users export --customer DEVRIES-001 > users.csv',
    )
    .action(async (options: { customer: string; out?: string; partner?: string; json: boolean }) => {
      const { exportUsersCsv } = await exportService();
      // Without --out the CSV itself is stdout: a JSON summary there would corrupt it.
      if (options.json && !options.out)
        throw new CliUsageError('--json needs --out: without it the CSV itself is written to stdout.');
      const target = options.out === undefined ? undefined : path.resolve(cli.io.cwd, options.out);
      if (target !== undefined) {
        const directory = await stat(path.dirname(target)).catch(() => null);
        if (!directory?.isDirectory())
          throw new CliUsageError(`--out: the directory ${path.dirname(target)} does not exist.`);
        if ((await stat(target).catch(() => null))?.isDirectory())
          throw new CliUsageError(`--out: ${target} is a directory; give a file name.`);
      }
      const context = await cli.serviceContext({ partner: options.partner });
      const download = await exportUsersCsv(context, options.customer);
      if (target !== undefined) {
        await pipeline(download.body, createWriteStream(target));
        cli.print(options.json, { file: target }, () => `Exported to ${target}`);
        return;
      }
      for await (const chunk of download.body) cli.io.out(String(chunk));
    });
}

// `hub users export --customer C [--out FILE]`: every user of the customer as CSV (SPEC §6 column
// order), streamed to the file or to stdout.
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { exportUsersCsv } from '../../services/exports/export-users.ts';
import type { CliContext } from '../cli-context.ts';
import { usersCommand } from './users.ts';

export function registerUserExportCommands(program: Command, cli: CliContext): void {
  usersCommand(program)
    .command('export')
    .description('Export all users of a customer as CSV')
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--partner <partner>')
    .option('--json', 'with --out: print a JSON summary', false)
    .action(async (options: { customer: string; out?: string; partner?: string; json: boolean }) => {
      const context = await cli.serviceContext({ partner: options.partner });
      const download = await exportUsersCsv(context, options.customer);
      if (options.out) {
        const target = path.resolve(cli.io.cwd, options.out);
        await pipeline(download.body, createWriteStream(target));
        cli.print(options.json, { file: target }, () => `Exported to ${target}`);
        return;
      }
      for await (const chunk of download.body) cli.io.out(String(chunk));
    });
}

// `hub housekeeping`: runs now what the worker runs every hour (ADR 0057), and says what it removed.
import type { Command } from 'commander';
import type { HousekeepingReport } from '../../services/housekeeping/housekeeping.ts';
import type { CliContext } from '../cli-context.ts';

function describeReport(report: HousekeepingReport): string {
  return [
    `Expired dry runs:               ${report.expiredDryRuns}`,
    `Import file chunks deleted:     ${report.importFileChunksDeleted}`,
    `Expired sessions deleted:       ${report.sessionsDeleted}`,
    `Lapsed action tokens deleted:   ${report.actionTokensDeleted}`,
    `Finished jobs deleted:          ${report.jobsDeleted}`,
    `Rate-limit counters deleted:    ${report.rateLimitCountersDeleted}`,
    `Abandoned uploads deleted:      ${report.abandonedUploadsDeleted} (${report.abandonedUploadChunksDeleted} chunks)`,
  ].join('\n');
}

// Imported when an action runs, not by `hub --help` and the other commands (ADR 0014).
const housekeeping = () => import('../../services/housekeeping/housekeeping.ts');

export function registerHousekeepingCommand(program: Command, cli: CliContext): void {
  program
    .command('housekeeping')
    .description(
      'Expire forgotten dry runs; delete files of finished imports, expired sessions, lapsed tokens, old jobs',
    )
    .option('--json', 'print JSON', false)
    .action(async (options: { json: boolean }) => {
      const { runHousekeeping } = await housekeeping();
      const runtime = await cli.runtime();
      const report = await runHousekeeping(runtime.database.db);
      cli.print(options.json, report, () => describeReport(report));
    });
}

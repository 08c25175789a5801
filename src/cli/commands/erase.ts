// `hub erase --email E`: the operator erases a person from the whole deployment (GDPR, SPEC §1,
// ADR 0024 "Operator erasure"): every partner's audit log and outbox, the deployment's own rows,
// the person's free account, and their import row results and uploaded files. Live users and admins
// with the address are named, not removed.
import type { Command } from 'commander';
import type { DeploymentErasureResult } from '../../services/privacy/erase-person-everywhere.ts';
import type { CliContext } from '../cli-context.ts';

function describeErasure(email: string, result: DeploymentErasureResult): string {
  return [
    `Erased ${email} from the deployment as ${result.tombstone}:`,
    `  ${result.erasedEvents} audit events, ${result.erasedEmails} outgoing emails, ` +
      `${result.deletedFreeAccounts} free accounts, in ${result.partners} partners`,
    `  ${result.erasedImportRows} import rows, ${result.deletedImportFiles} uploaded import files ` +
      `(${result.cancelledImports} imports cancelled)`,
  ].join('\n');
}

// Imported when an action runs, not by `hub --help` and the other commands (ADR 0014).
const erasure = () => import('../../services/privacy/erase-person-everywhere.ts');

export function registerEraseCommand(program: Command, cli: CliContext): void {
  program
    .command('erase')
    .description("Erase a person's personal data from the whole deployment (GDPR)")
    .requiredOption('--email <email>', "the person's email address")
    .option('--json', 'print JSON', false)
    .action(async (options: { email: string; json: boolean }) => {
      const { erasePersonEverywhere } = await erasure();
      const context = await cli.serviceContext({});
      const result = await erasePersonEverywhere(context, options.email);
      cli.print(options.json, result, () => describeErasure(options.email.trim().toLowerCase(), result));
      const { users, admins } = result.stillHeldBy;
      if (users + admins > 0)
        cli.io.err(
          `Still in use by ${users} users and ${admins} admins: they stay until their partner removes ` +
            `them (e.g. hub users delete); erase again afterwards to scrub what the removal logged.\n`,
        );
    });
}

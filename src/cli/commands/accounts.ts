// `hub accounts create-free --email E`: a free account outside any customer (SPEC §5), created by
// the operator; adding its email to a customer then asks the person's consent.
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.ts';

interface Options {
  email: string;
  firstName?: string;
  lastName?: string;
  json: boolean;
}

// Imported when an action runs, not by `hub --help` and the other commands (ADR 0014).
const freeAccounts = () => import('../../services/accounts/free-accounts.ts');

export function registerAccountCommands(program: Command, cli: CliContext): void {
  const accounts = program.command('accounts').description('Free accounts outside any customer');
  accounts
    .command('create-free')
    .description('Create a free account (active at once)')
    .requiredOption('--email <email>')
    .option('--first-name <name>')
    .option('--last-name <name>')
    .option('--json', 'print JSON', false)
    .action(async (options: Options) => {
      const { createFreeAccount } = await freeAccounts();
      const context = await cli.serviceContext({});
      const account = await createFreeAccount(context, options);
      cli.print(options.json, account, () => `Created free account ${account.id}  ${account.email}`);
    });
}

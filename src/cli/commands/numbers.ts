// `hub numbers add|list|remove` (SPEC §4): a customer's number inventory, per location.
import type { Command } from 'commander';
import type { PhoneNumberView } from '../../services/numbers/number-service.ts';
import type { CliContext } from '../cli-context.ts';
import { allPages, printList } from '../list-output.ts';
import type { Column } from '../text-table.ts';
import { CliUsageError } from '../exit-codes.ts';

/** `numbers list`: every column fits 80 columns but the user's email, cut when long. */
const NUMBER_COLUMNS: readonly Column<PhoneNumberView>[] = [
  { header: 'NUMBER', value: (number) => number.phoneNumber },
  { header: 'LOCATION', value: (number) => number.locationName },
  { header: 'STATE', value: (number) => number.state },
  { header: 'USER', value: (number) => number.userEmail ?? '' },
];

interface ListOptions {
  customer: string;
  location?: string;
  free: boolean;
  taken: boolean;
  partner?: string;
  json: boolean;
}

// Imported when an action runs, not by `hub --help` and the other commands (ADR 0014).
const numberService = () => import('../../services/numbers/number-service.ts');

export function registerNumberCommands(program: Command, cli: CliContext): void {
  const numbers = program.command('numbers').description("A customer's phone numbers");

  numbers
    .command('add <ranges...>')
    .description('Add numbers or ranges (+31201234500-+31201234599) to a location')
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .requiredOption('--location <location>', 'location id or name')
    .option('--partner <partner>', 'partner id or name (default: the default partner)')
    .option('--json', 'print JSON', false)
    .action(
      async (
        ranges: string[],
        options: { customer: string; location: string; partner?: string; json: boolean },
      ) => {
        const { addNumbers } = await numberService();
        const context = await cli.serviceContext({ partner: options.partner });
        const result = await addNumbers(context, options.customer, options.location, ranges);
        cli.print(
          options.json,
          result,
          () =>
            `Added ${result.added} number(s) to ${options.location}` +
            (result.alreadyPresent ? ` (${result.alreadyPresent} were already there)` : ''),
        );
      },
    );

  numbers
    .command('list')
    .description("List a customer's numbers (all pages)")
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .option('--location <location>', 'only this location (id or name)')
    .option('--free', 'only numbers no user holds', false)
    .option('--taken', 'only numbers a user holds', false)
    .option('--partner <partner>')
    .option('--json', 'print JSON', false)
    .action(async (options: ListOptions) => {
      const { listNumbers } = await numberService();
      if (options.free && options.taken) throw new CliUsageError('Give --free or --taken, not both.');
      const context = await cli.serviceContext({ partner: options.partner });
      const state = options.free ? 'free' : options.taken ? 'taken' : undefined;
      const pages = allPages((cursor) =>
        listNumbers(context, options.customer, { location: options.location, state, cursor, limit: 200 }),
      );
      await printList(cli.io, pages, { json: options.json, columns: NUMBER_COLUMNS, empty: 'No numbers.' });
    });

  numbers
    .command('remove <numbers...>')
    .description('Remove free numbers or ranges (+31201234500-+31201234599) from the inventory: all or none')
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .option(
      '--location <location>',
      "location id or name: national numbers are read with its country, and only its numbers are removed (needed for a national number the customer's locations' countries read differently)",
    )
    .option('--partner <partner>')
    .option('--json', 'print JSON', false)
    .action(
      async (
        given: string[],
        options: { customer: string; location?: string; partner?: string; json: boolean },
      ) => {
        const { removeNumbers } = await numberService();
        const context = await cli.serviceContext({ partner: options.partner });
        const removed = await removeNumbers(context, options.customer, {
          numbers: given,
          location: options.location,
        });
        cli.print(options.json, { removed }, () => `Removed ${removed.length} number(s)`);
      },
    );
}

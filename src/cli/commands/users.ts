// `hub users add|list|get|delete` (SPEC §5), thin over the user service: the same planner and
// rules as the API. `users import|export|add-batch|set-package` live in their own files and hang
// under the same `users` command.
import type { Command } from 'commander';
import { isPackageId, PACKAGE_IDS, type PackageId } from '../../domain/packages/catalog.ts';
import { isAppError } from '../../domain/errors.ts';
import type { ServiceContext } from '../../services/context.ts';
import { isUuidLike } from '../../services/db-errors.ts';
import type { UserView } from '../../services/users/user-view.ts';
import type { CliContext } from '../cli-context.ts';
import { allPages, printList } from '../list-output.ts';
import { keyValueLines, type Column } from '../text-table.ts';
import { CliUsageError } from '../exit-codes.ts';

// Imported when an action runs, not by `hub --help` and the other commands (ADR 0014).
const userService = () => import('../../services/users/user-service.ts');

/** The `users` group, shared with the other users-*.ts command files (whichever registers first). */
export function usersCommand(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === 'users') ??
    program.command('users').description("A customer's users (subscribers)")
  );
}

const fullName = (user: UserView) => [user.firstName, user.lastName].filter(Boolean).join(' ');
const calling = (user: UserView) =>
  [user.locationName, user.extension, user.phoneNumber].filter(Boolean).join(' ');

/** `users list`: on a terminal the id goes first (the email names the user too), then calling. */
const USER_COLUMNS: readonly Column<UserView>[] = [
  { header: 'ID', value: (user) => user.id, dropOrder: 0 },
  { header: 'EMAIL', value: (user) => user.email },
  { header: 'NAME', value: fullName, dropOrder: 2 },
  { header: 'PACKAGE', value: (user) => user.package ?? 'no package' },
  { header: 'CALLING', value: calling, dropOrder: 1 },
  { header: 'STATUS', value: (user) => user.status },
];

/** A user as `key: value` lines (`users get`, `users add`). */
function describeUser(user: UserView): string {
  return keyValueLines([
    ['id', user.id],
    ['email', user.email],
    ['name', fullName(user)],
    ['package', user.package ?? 'no package'],
    ['location', user.locationName],
    ['extension', user.extension],
    ['phoneNumber', user.phoneNumber],
    ['status', user.status],
  ]);
}

export function packageOption(value: string): PackageId {
  if (!isPackageId(value))
    throw new CliUsageError(`--package: unknown package "${value}". Packages: ${PACKAGE_IDS.join(', ')}.`);
  return value;
}

/** `users list --package` also takes `none` (users without a package). */
function packageFilterOption(value: string): string {
  if (value !== 'none' && !isPackageId(value))
    throw new CliUsageError(
      `--package: unknown package "${value}". Packages: ${PACKAGE_IDS.join(', ')}, or none.`,
    );
  return value;
}

/**
 * A user by id or by email (what people have at hand in a terminal). One that is not there is
 * rejected input (ADR 0064), named as the command line gave it (`label`).
 */
export async function findUser(
  context: ServiceContext,
  customer: string,
  ref: string,
  label = 'user',
): Promise<UserView> {
  const { getUser, listUserViews } = await userService();
  const missing = () =>
    new CliUsageError(
      `${label} "${ref}": customer ${customer} has no user with this id or email. See: hub users list --customer ${customer}`,
    );
  if (isUuidLike(ref)) {
    try {
      return await getUser(context, customer, ref);
    } catch (error) {
      if (isAppError(error) && error.code === 'not_found') throw missing();
      throw error;
    }
  }
  const wanted = ref.trim().toLowerCase();
  const page = await listUserViews(context, customer, { search: wanted, limit: 200 });
  const user = page.items.find((item) => item.email.toLowerCase() === wanted);
  if (!user) throw missing();
  return user;
}

interface AddOptions {
  customer: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName?: string;
  package: PackageId;
  attendantConsole?: boolean;
  location?: string;
  extension?: string;
  phoneNumber?: string;
  jabberCalling?: boolean;
  jabberWithWebexTeams?: boolean;
  preferredWebexSite?: string;
  preferredLanguage?: string;
  partner?: string;
  json: boolean;
}

interface ListOptions {
  customer: string;
  search?: string;
  package?: string;
  location?: string;
  partner?: string;
  json: boolean;
}

export function registerUserCommands(program: Command, cli: CliContext): void {
  const users = usersCommand(program);

  users
    .command('add')
    .description('Add one user with a package')
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .requiredOption('--email <email>')
    .requiredOption('--first-name <name>')
    .requiredOption('--last-name <name>')
    .option('--display-name <name>')
    .requiredOption('--package <package>', PACKAGE_IDS.join(' | '), packageOption)
    .option('--attendant-console', 'add the attendant console add-on')
    .option('--location <location>', 'location id or name (packages with calling numbers)')
    .option('--extension <digits>')
    .option('--phone-number <number>', 'E.164 or national format of the location country')
    .option('--jabber-calling', 'enable Jabber Calling')
    .option('--jabber-with-webex-teams', 'enable Jabber with Webex Teams')
    .option('--preferred-webex-site <site>')
    .option('--preferred-language <tag>')
    .option('--partner <partner>', 'partner id or name (default: the default partner)')
    .option('--json', 'print JSON', false)
    .action(async (options: AddOptions) => {
      const { createUserWithWarnings } = await userService();
      const context = await cli.serviceContext({ partner: options.partner });
      const { user, warnings } = await createUserWithWarnings(context, options.customer, {
        email: options.email,
        firstName: options.firstName,
        lastName: options.lastName,
        displayName: options.displayName,
        package: options.package,
        attendantConsole: options.attendantConsole,
        location: options.location,
        extension: options.extension,
        phoneNumber: options.phoneNumber,
        jabberCalling: options.jabberCalling,
        jabberWithWebexTeams: options.jabberWithWebexTeams,
        preferredWebexSite: options.preferredWebexSite,
        preferredLanguage: options.preferredLanguage,
      });
      // Warnings (e.g. no preferred Webex site) go to stderr, as `users set-package` prints them.
      for (const warning of warnings) cli.io.err(`warning: ${warning.description}\n`);
      // The JSON is the API's answer: the user with its warnings.
      cli.print(
        options.json,
        { ...user, warnings: [...warnings] },
        () => `Added user:\n${describeUser(user)}`,
      );
    });

  users
    .command('list')
    .description("List a customer's users (all pages)")
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .option('--search <text>', 'part of the name or email')
    .option('--package <package>', `${PACKAGE_IDS.join(' | ')} | none`, packageFilterOption)
    .option('--location <location>', 'location id or name')
    .option('--partner <partner>')
    .option('--json', 'print JSON', false)
    .action(async (options: ListOptions) => {
      const { listUserViews } = await userService();
      const context = await cli.serviceContext({ partner: options.partner });
      const pages = allPages((cursor) =>
        listUserViews(context, options.customer, {
          search: options.search,
          package: options.package,
          location: options.location,
          cursor,
          limit: 200,
        }),
      );
      await printList(cli.io, pages, { json: options.json, columns: USER_COLUMNS, empty: 'No users.' });
    });

  users
    .command('get <user>')
    .description('Show a user (id or email)')
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .option('--partner <partner>')
    .option('--json', 'print JSON', false)
    .action(async (ref: string, options: { customer: string; partner?: string; json: boolean }) => {
      const context = await cli.serviceContext({ partner: options.partner });
      const user = await findUser(context, options.customer, ref);
      cli.print(options.json, user, () => describeUser(user));
    });

  users
    .command('delete <user>')
    .description('Remove a user (id or email): number and extension go back to the pool')
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .option('--partner <partner>')
    .option('--json', 'print JSON', false)
    .action(async (ref: string, options: { customer: string; partner?: string; json: boolean }) => {
      const { deleteUser } = await userService();
      const context = await cli.serviceContext({ partner: options.partner });
      const user = await findUser(context, options.customer, ref);
      await deleteUser(context, options.customer, user.id);
      cli.print(options.json, { id: user.id, deleted: true }, () => `Deleted user ${user.email}`);
    });
}

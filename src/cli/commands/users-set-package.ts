// `hub users set-package --customer C --user U --package P`: change a user's package (SPEC §3,
// §5; help text "Change a user's package"), with the calling number information when the new
// package needs it.
import type { Command } from 'commander';
import { PACKAGE_IDS, type PackageId } from '../../domain/packages/catalog.ts';
import { withApiField } from '../../services/users/user-input.ts';
import type { CliContext } from '../cli-context.ts';
import { findUser, packageOption, usersCommand } from './users.ts';

interface Options {
  customer: string;
  user: string;
  package: PackageId;
  location?: string;
  extension?: string;
  phoneNumber?: string;
  attendantConsole?: boolean;
  partner?: string;
  json: boolean;
}

// Imported when an action runs, not by `hub --help` and the other commands (ADR 0014).
const changePackageService = () => import('../../services/provisioning/change-package.ts');

export function registerUsersSetPackageCommand(program: Command, cli: CliContext): void {
  usersCommand(program)
    .command('set-package')
    .description("Change a user's package")
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .requiredOption('--user <user>', 'user id or email')
    .requiredOption('--package <package>', PACKAGE_IDS.join(' | '), packageOption)
    .option('--location <location>', 'location id or name (when the new package needs a number)')
    .option('--extension <digits>')
    .option('--phone-number <number>')
    .option('--attendant-console', 'keep or add the attendant console add-on')
    .option('--no-attendant-console', 'drop the attendant console add-on')
    .option('--partner <partner>', 'partner id or name (default: the default partner)')
    .option('--json', 'print JSON', false)
    .action(async (options: Options) => {
      const { changeUserPackage } = await changePackageService();
      const context = await cli.serviceContext({ partner: options.partner });
      const userId = (await findUser(context, options.customer, options.user, '--user')).id;
      const changed = await changeUserPackage(context, options.customer, userId, {
        package: options.package,
        attendantConsole: options.attendantConsole,
        location: options.location,
        extension: options.extension,
        phoneNumber: options.phoneNumber,
      });
      // The JSON is PUT …/package's answer: a warning names the request property (`attendantConsole`).
      const result = { ...changed, warnings: changed.warnings.map(withApiField) };
      for (const warning of result.warnings) cli.io.err(`warning: ${warning.description}\n`);
      cli.print(options.json, result, () => {
        const { user } = result;
        const errors = user.errors.map(
          (error) =>
            `\n  error: ${error.description} Remedy: unassign the package, then assign it again (hub users repair is the API's /repair).`,
        );
        return `${user.email}: ${user.package} [${user.status}]${errors.join('')}`;
      });
    });
}

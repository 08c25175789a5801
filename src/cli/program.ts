// The `hub` command tree. Each command file registers its own subcommands; add one line there.
// Every command loads every command file, so a command file imports only what registering needs
// (commander, option parsers, help texts) and imports the services, the database and the job
// worker with `import()` where an action runs: `const userService = () => import(…)` beside the
// imports, `await userService()` in the action. Imported at the top, they loaded kysely, Fastify,
// PGlite, libphonenumber, argon2… for `hub --help` too: 0.7 s of CPU and 140 MB (ADR 0014).
import { Command, CommanderError, Help, type Option } from 'commander';
import type { CliContext } from './cli-context.ts';
import type { CliIo } from './io.ts';
import { registerCustomerCommands } from './commands/customers.ts';
import { registerServeCommands } from './commands/serve.ts';
import { registerLocationCommands } from './commands/locations.ts';
import { registerNumberCommands } from './commands/numbers.ts';
import { registerUserCommands } from './commands/users.ts';
import { registerBackupCommands } from './commands/backup.ts';
import { registerPartnerCommands } from './commands/partners.ts';
import { registerTokenCommands } from './commands/tokens.ts';
import { registerUserImportCommands } from './commands/users-import.ts';
import { registerUserExportCommands } from './commands/users-export.ts';
import { registerUserErrorReportCommand } from './commands/users-error-report.ts';
import { registerScimCommands } from './commands/scim.ts';
import { registerUsersAddBatchCommand } from './commands/users-add-batch.ts';
import { registerUsersSetPackageCommand } from './commands/users-set-package.ts';
import { registerAccountCommands } from './commands/accounts.ts';
import { registerHousekeepingCommand } from './commands/housekeeping.ts';
import { registerEraseCommand } from './commands/erase.ts';
import { checkReferencesBeforeAction } from './references.ts';
import { ROOT_HELP } from './help-texts.ts';
import { productVersion } from '../project-paths.ts';

const PARTNER_OPTION = 'partner id or name (default: the default partner)';

export type CommandRegistrar = (program: Command, cli: CliContext) => void;

const REGISTRARS: readonly CommandRegistrar[] = [
  registerServeCommands,
  registerCustomerCommands,
  registerLocationCommands,
  registerNumberCommands,
  registerUserCommands,
  registerBackupCommands,
  registerPartnerCommands,
  registerTokenCommands,
  registerUserImportCommands,
  registerUserExportCommands,
  registerUserErrorReportCommand,
  registerScimCommands,
  registerUsersAddBatchCommand,
  registerUsersSetPackageCommand,
  registerAccountCommands,
  registerHousekeepingCommand,
  registerEraseCommand,
];

export function buildProgram(cli: CliContext, io: CliIo): Command {
  const program = new Command('hub')
    .description('Wholesale Hub: partner portal and provisioning service')
    .version(productVersion(), '-V, --version', 'print the version of Wholesale Hub')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) })
    // Inherited by every subcommand created after this: a flag that is off unless given needs no
    // "(default: false)" after each --json, --dry-run and --force.
    .configureHelp({
      optionDescription(this: Help, option: Option): string {
        const description =
          option.isBoolean() && option.defaultValue === false
            ? option.description
            : Help.prototype.optionDescription.call(this, option);
        // Commander's own mark is lost with its own check (requireAllOptionsAtOnce).
        if (!REQUIRED.has(option)) return description;
        return description ? `(required) ${description}` : '(required)';
      },
    })
    .addHelpText('after', ROOT_HELP);
  for (const register of REGISTRARS) register(program, cli);
  requireAllOptionsAtOnce(program);
  // First of the hooks: a reference the next one refuses is named as this command's option.
  program.hook('preAction', (_root, command) => {
    RUNNING.set(program, command);
  });
  checkReferencesBeforeAction(program, cli);
  // Subcommands inherit the output and exit handling of the root.
  const configure = (command: Command) => {
    command
      .exitOverride()
      .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) });
    // Said once here rather than left blank in the commands that do not say it.
    for (const option of command.options)
      if (option.long === '--partner' && !option.description) option.description = PARTNER_OPTION;
    command.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}

/** The options a command requires (its `requiredOption`s): its help marks them "(required)". */
const REQUIRED = new WeakSet<Option>();

/**
 * Commander stops at the first required option missing: `hub customers create` with none named
 * --name, then --external-id on the next try, and so on. Its own check is turned off, and the
 * first hook before any command's action names every one missing, in one message (exit 2). Before
 * the hook that looks up --customer: nothing is read from the database for an incomplete command.
 */
function requireAllOptionsAtOnce(program: Command): void {
  const required = new WeakMap<Command, Option[]>();
  const collect = (command: Command) => {
    const mandatory = command.options.filter((option) => option.mandatory);
    if (mandatory.length > 0) {
      required.set(command, mandatory);
      for (const option of mandatory) {
        option.makeOptionMandatory(false);
        REQUIRED.add(option);
      }
    }
    command.commands.forEach(collect);
  };
  program.commands.forEach(collect);
  program.hook('preAction', (_root, command) => {
    const missing = (required.get(command) ?? []).filter(
      (option) => command.getOptionValue(option.attributeName()) === undefined,
    );
    if (missing.length === 0) return;
    const flags = missing.map((option) => `'${option.flags}'`).join(', ');
    command.error(
      missing.length === 1
        ? `error: required option ${flags} not specified`
        : `error: required options ${flags} not specified`,
      { code: 'commander.missingMandatoryOptionValue' },
    );
  });
}

/** The command whose action a program runs (set just before its hooks and action run). */
const RUNNING = new WeakMap<Command, Command>();

/**
 * The long options (`--country`) of the command the program ran, for naming a field of an error
 * as that command's option; undefined when no command's action started (a parse error).
 */
export function optionsOfRunningCommand(program: Command): ReadonlySet<string> | undefined {
  const command = RUNNING.get(program);
  if (!command) return undefined;
  return new Set(command.options.flatMap((option) => (option.long ? [option.long] : [])));
}

export { CommanderError };

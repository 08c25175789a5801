// `hub users add-batch --customer C FILE.json`: the manual add of 1–25 users (SPEC §5) from a
// JSON file — an array of users, or `{"users": [...]}` as the API takes. Exit 0 when it ran (even
// when some users failed: the output says which), 2 when the file or its size is refused.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { createUserInput } from '../../http/schemas/users.ts';
import { withApiField } from '../../services/users/user-input.ts';
import { asValidationIssue, validationDetails } from '../../http/validation-message.ts';
import { PACKAGE_IDS } from '../../domain/packages/catalog.ts';
import type { CliContext } from '../cli-context.ts';
import { isAppError } from '../../domain/errors.ts';
import { CliUsageError, describeError } from '../exit-codes.ts';
import { usersCommand } from './users.ts';

const usersSchema = z.array(createUserInput);

/** The users of the file: an array, or the API's `{"users": [...]}`; null for any other shape. */
function usersOf(parsed: unknown): unknown[] | null {
  if (Array.isArray(parsed)) return parsed;
  if (typeof parsed === 'object' && parsed !== null && 'users' in parsed && Array.isArray(parsed.users))
    return parsed.users as unknown[];
  return null;
}

/**
 * One string per problem, `field: description` when the service names the field: what a script
 * can show or match, without parsing the CLI's multi-line error text.
 */
function errorMessages(error: unknown): string[] {
  // The batch file speaks the API's field names: its messages keep them (describeError would name
  // the options of `hub users add`).
  if (isAppError(error) && error.details.length === 0) return [error.message];
  if (!isAppError(error)) return [describeError(error)];
  return error.details.map((detail) =>
    detail.field ? `${detail.field}: ${detail.description}` : detail.description,
  );
}

/**
 * A warning as a script can show or match it, named like the errors above: `field: description`,
 * the field as the API's batch answer names it (`callerIdNumber`, `attendantConsole`).
 */
function warningMessage(warning: {
  readonly field?: string | undefined;
  readonly description: string;
}): string {
  const { field, description } = withApiField(warning);
  return field ? `${field}: ${description}` : description;
}

/**
 * `user 2 (p2@example.com): package must be one of: "webex_voice", …`: which entry, then the API's
 * own sentence naming the field (and the allowed values), not zod's raw text.
 */
function describeIssue(entries: readonly unknown[], issue: z.core.$ZodIssue): string[] {
  const [index, ...field] = issue.path;
  const inEntry = typeof index === 'number' ? { ...issue, path: field } : issue;
  const details = validationDetails(asValidationIssue(inEntry), 'body', 'en');
  if (typeof index !== 'number') return details.map((detail) => `  - ${detail.description}`);
  const entry = entries[index];
  const email =
    typeof entry === 'object' && entry !== null && 'email' in entry && typeof entry.email === 'string'
      ? ` (${entry.email})`
      : '';
  return details.map((detail) => `  - user ${index + 1}${email}: ${detail.description}`);
}

interface Options {
  customer: string;
  partner?: string;
  json: boolean;
}

// Imported when an action runs, not by `hub --help` and the other commands (ADR 0014).
const addUsersService = () => import('../../services/provisioning/add-users.ts');

export function registerUsersAddBatchCommand(program: Command, cli: CliContext): void {
  usersCommand(program)
    .command('add-batch')
    .description('Add up to 25 users from a JSON file (each checked like a CSV row)')
    .argument(
      '<file>',
      `JSON: [{"email", "firstName", "lastName", "package", ...}] or {"users": [...]}; package: ${PACKAGE_IDS.join(' | ')}`,
    )
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .option('--partner <partner>', 'partner id or name (default: the default partner)')
    .option('--json', 'print JSON', false)
    .addHelpText(
      'after',
      [
        '',
        'As POST /v1/customers/{id}/users/batch: a user with an unknown field, or a package not in the',
        'list above, refuses the whole file (exit 2, nothing added, stderr names the user and field);',
        'a user the checks refuse (email, location, number…) fails on its own: exit 0, counts.failed.',
        'A warning (a number read with its missing +, no preferred Webex site…) never blocks a user: it',
        'goes to stderr as "warning: <email>: <field>: <text>", and with --json into that user\'s warnings.',
      ].join('\n'),
    )
    .action(async (file: string, options: Options) => {
      const { addUsers } = await addUsersService();
      const text = await readFile(path.resolve(cli.io.cwd, file), 'utf8').catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        throw new CliUsageError(
          code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file}: ${(error as Error).message}`,
        );
      });
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        throw new CliUsageError(`${file} is not JSON: ${(error as Error).message}`);
      }
      const entries = usersOf(parsed);
      if (!entries)
        throw new CliUsageError(`${file} is not a list of users: give a JSON array, or {"users": [...]}.`);
      const result = usersSchema.safeParse(entries);
      if (!result.success) {
        // As POST …/users/batch does (400), a user the schema refuses refuses the whole batch.
        const issues = result.error.issues.slice(0, 5).flatMap((issue) => describeIssue(entries, issue));
        throw new CliUsageError(
          `${file} has users that cannot be added; nothing was added:\n${issues.join('\n')}`,
        );
      }
      const users = result.data;
      const context = await cli.serviceContext({ partner: options.partner });
      const results = await addUsers(context, options.customer, users);
      const presented = results.map((entry) =>
        entry.result === 'failed'
          ? { email: entry.email, result: entry.result, errors: errorMessages(entry.error) }
          : {
              email: entry.email,
              result: entry.result,
              userId: entry.user.id,
              status: entry.user.status,
              warnings: entry.warnings.map(warningMessage),
            },
      );
      // Messages go to stderr (SPEC §9), with or without --json, as `users add` prints its warnings.
      for (const entry of presented)
        for (const warning of entry.warnings ?? []) cli.io.err(`warning: ${entry.email}: ${warning}\n`);
      const counts = {
        created: presented.filter((entry) => entry.result === 'created').length,
        pendingUserMigration: presented.filter((entry) => entry.result === 'pending_user_migration').length,
        failed: presented.filter((entry) => entry.result === 'failed').length,
      };
      cli.print(options.json, { counts, results: presented }, () =>
        [
          ...presented.map((entry) =>
            entry.result === 'failed'
              ? `FAILED   ${entry.email}: ${entry.errors?.join('; ')}`
              : `${entry.result === 'created' ? 'ADDED  ' : 'PENDING'}  ${entry.email}${entry.result === 'pending_user_migration' ? ' (consent email sent)' : ''}`,
          ),
          `${counts.created} added, ${counts.pendingUserMigration} waiting for consent, ${counts.failed} failed.`,
        ].join('\n'),
      );
    });
}

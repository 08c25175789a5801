// `hub tokens create|list|revoke` (SPEC §1): API tokens, through the same service as /v1/tokens.
// The secret is printed once, on creation; only its hash is stored.
import type { Command } from 'commander';
import { ROLES, type Role } from '../../db/schema.ts';
import type { TokenView } from '../../services/tokens/token-service.ts';
import type { ServiceContext } from '../../services/context.ts';
import type { CliContext } from '../cli-context.ts';
import { allPages, printList } from '../list-output.ts';
import { keyValueLines, type Column } from '../text-table.ts';
import { CliUsageError } from '../exit-codes.ts';
import { checksItsOwnReferences, customerByRef, orRejectUnknown } from '../references.ts';

function roleOption(value: string): Role {
  const role = ROLES.find((candidate) => candidate === value);
  if (!role) throw new CliUsageError(`--role: unknown role "${value}". Roles: ${ROLES.join(', ')}.`);
  return role;
}

function daysOption(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) < 1)
    throw new CliUsageError('--expires-in-days must be a whole number of days, at least 1.');
  return Number(value);
}

const tokenState = (token: TokenView) =>
  token.revokedAt ? 'revoked' : token.expiresAt ? `expires ${token.expiresAt}` : 'no expiry';

/** `tokens list`: on a terminal the creating token goes first, then the customer. */
const TOKEN_COLUMNS: readonly Column<TokenView>[] = [
  { header: 'ID', value: (token) => token.id },
  { header: 'PREFIX', value: (token) => `${token.prefix}…`, dropOrder: 2 },
  { header: 'NAME', value: (token) => token.name },
  { header: 'ROLE', value: (token) => token.role },
  { header: 'CUSTOMER', value: (token) => token.customerId ?? '', dropOrder: 1 },
  { header: 'CREATED WITH', value: (token) => token.createdByTokenId ?? '', dropOrder: 0 },
  { header: 'STATE', value: tokenState },
];

/** A token as `key: value` lines (`tokens create`, on stderr). */
function describeToken(token: TokenView): string {
  return keyValueLines([
    ['id', token.id],
    ['prefix', `${token.prefix}…`],
    ['name', token.name],
    ['role', token.role],
    ['customer', token.customerId],
    // The creating token is named: revoking it revokes this one too (ADR 0085).
    ['createdWithToken', token.createdByTokenId],
    ['state', tokenState(token)],
  ]);
}

/**
 * The ids of the tokens of the partner the command acts on. The token service lets the operator
 * see every partner's tokens; the CLI's --partner (default: the default partner) scopes them, as
 * it scopes customers.
 */
async function tokenIdsOfPartner(context: ServiceContext): Promise<Set<string>> {
  const rows = await context.db
    .selectFrom('api_tokens')
    .select('id')
    .where('partner_id', '=', context.actor.partnerId)
    .execute();
  return new Set(rows.map((row) => row.id));
}

interface CreateOptions {
  role: Role;
  name?: string;
  customer?: string;
  expiresInDays?: number;
  partner?: string;
  json: boolean;
}

// Imported when an action runs, not by `hub --help` and the other commands (ADR 0014).
const tokenService = () => import('../../services/tokens/token-service.ts');

export function registerTokenCommands(program: Command, cli: CliContext): void {
  const tokens = program.command('tokens').description('API tokens (bearer tokens of the REST API)');

  const create = tokens.command('create');
  checksItsOwnReferences(create)
    .description('Create an API token; the token is shown once')
    .requiredOption('--role <role>', ROLES.join(' | '), roleOption)
    .option('--name <name>', 'what the token is for (default: the role)')
    .option('--customer <customer>', 'customer id or externalId (customer roles only)')
    .option('--expires-in-days <days>', 'expire after this many days (default: never)', daysOption)
    .option('--partner <partner>', 'partner id or name (default: the default partner)')
    .option('--json', 'print JSON', false)
    .addHelpText(
      'after',
      [
        '',
        'Prints the token alone on stdout (the details on stderr), so TOKEN=$(hub tokens create …) works.',
        '',
        'Examples:',
        '  hub tokens create --role partner_full_admin --name "provisioning script" --expires-in-days 90',
        '  hub tokens create --role partner_full_admin --partner "Acme Telecom"',
        '  hub tokens create --role customer_readonly_admin --customer DEVRIES-001',
      ].join('\n'),
    )
    .action(async (options: CreateOptions) => {
      const { createToken } = await tokenService();
      const context = await cli.serviceContext({ partner: options.partner });
      // The service says why a partner role takes no customer; only a customer role's is looked up.
      const customerRole = options.role.startsWith('customer_');
      const customerId =
        options.customer !== undefined && customerRole
          ? (await customerByRef(context, options.customer, '--customer', options.partner)).id
          : options.customer;
      const created = await createToken(context, {
        name: options.name?.trim() || options.role,
        role: options.role,
        customerId,
        expiresAt:
          options.expiresInDays === undefined
            ? undefined
            : new Date(Date.now() + options.expiresInDays * 24 * 60 * 60 * 1000),
      });
      cli.print(options.json, created, () => created.token);
      if (!options.json)
        cli.io.err(
          `Created token:\n${describeToken(created)}\nStore the token now: it is not shown again.\n`,
        );
    });

  tokens
    .command('list')
    .description('List API tokens (never their secrets)')
    .option('--partner <partner>')
    .option('--json', 'print JSON', false)
    .action(async (options: { partner?: string; json: boolean }) => {
      const { listTokenViews } = await tokenService();
      const context = await cli.serviceContext({ partner: options.partner });
      const ofPartner = await tokenIdsOfPartner(context);
      const pages = allPages(async (cursor) => {
        const page = await listTokenViews(context, { cursor, limit: 200 });
        return { items: page.items.filter((token) => ofPartner.has(token.id)), nextCursor: page.nextCursor };
      });
      await printList(cli.io, pages, { json: options.json, columns: TOKEN_COLUMNS, empty: 'No tokens.' });
    });

  tokens
    .command('revoke <id>')
    .description('Revoke an API token at once')
    .option('--partner <partner>')
    .option('--json', 'print JSON', false)
    .action(async (id: string, options: { partner?: string; json: boolean }) => {
      const { revokeToken } = await tokenService();
      const context = await cli.serviceContext({ partner: options.partner });
      const unknown = `token "${id}": no API token of this partner has this id. See: hub tokens list`;
      if (!(await tokenIdsOfPartner(context)).has(id)) throw new CliUsageError(unknown);
      await orRejectUnknown(() => revokeToken(context, id), unknown);
      cli.print(options.json, { id, revoked: true }, () => `Revoked token ${id}`);
    });
}

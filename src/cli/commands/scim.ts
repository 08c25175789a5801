// `hub scim tokens create|list|revoke --customer C` (SPEC §9): a customer's SCIM bearer tokens,
// through the same service as /v1/customers/{id}/scim-tokens. The token is printed once.
// `hub scim sync status|enable|disable --customer C`: the directory-sync switch, as
// /v1/customers/{id}/directory-sync sets it (creating a token switches it on; this switches it off).
import type { Command } from 'commander';
import type { DirectorySyncView, ScimTokenView } from '../../services/scim/scim-token-service.ts';
import type { CliContext } from '../cli-context.ts';
import { readDiscovery } from '../../server-discovery.ts';
import { allPages, printList } from '../list-output.ts';
import { keyValueLines, type Column } from '../text-table.ts';
import { CliUsageError } from '../exit-codes.ts';
import { orRejectUnknown } from '../references.ts';

function daysOption(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) < 1)
    throw new CliUsageError('--expires-in-days must be a whole number of days, at least 1.');
  return Number(value);
}

const scimTokenState = (token: ScimTokenView) =>
  token.revokedAt ? 'revoked' : token.expiresAt ? `expires ${token.expiresAt}` : 'no expiry';

/** `scim tokens list`. */
const SCIM_TOKEN_COLUMNS: readonly Column<ScimTokenView>[] = [
  { header: 'ID', value: (token) => token.id },
  { header: 'PREFIX', value: (token) => `${token.prefix}…` },
  { header: 'NAME', value: (token) => token.name },
  { header: 'STATE', value: scimTokenState },
];

/** A SCIM token as `key: value` lines (`scim tokens create`, on stderr). */
function describeToken(token: ScimTokenView): string {
  return keyValueLines([
    ['id', token.id],
    ['prefix', `${token.prefix}…`],
    ['name', token.name],
    ['state', scimTokenState(token)],
  ]);
}

interface CommonOptions {
  customer: string;
  partner?: string;
  json: boolean;
}

// Imported when an action runs, not by `hub --help` and the other commands (ADR 0014).
const scimTokenService = () => import('../../services/scim/scim-token-service.ts');

export function registerScimCommands(program: Command, cli: CliContext): void {
  const scim = program.command('scim').description('SCIM 2.0 directory synchronization');
  const tokens = scim.command('tokens').description("A customer's SCIM bearer tokens");

  tokens
    .command('create')
    .description('Create a SCIM token (shown once) and enable directory sync for the customer')
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .option('--name <name>', 'what the token is for, e.g. "Entra ID"', 'SCIM')
    .option('--expires-in-days <days>', 'expire after this many days (default: never)', daysOption)
    .option('--no-enable-sync', 'do not switch directory sync on')
    .option('--partner <partner>', 'partner id or name (default: the default partner)')
    .option('--json', 'print JSON', false)
    .action(
      async (options: CommonOptions & { name: string; expiresInDays?: number; enableSync: boolean }) => {
        const { createScimToken, setDirectorySync } = await scimTokenService();
        const context = await cli.serviceContext({ partner: options.partner });
        const created = await createScimToken(context, options.customer, {
          name: options.name,
          ...(options.expiresInDays !== undefined
            ? { expiresAt: new Date(Date.now() + options.expiresInDays * 86_400_000).toISOString() }
            : {}),
        });
        const sync = options.enableSync ? await setDirectorySync(context, options.customer, true) : undefined;
        cli.print(
          options.json,
          { ...created, ...(sync ? { scimBasePath: sync.scimBasePath } : {}) },
          () => created.token,
        );
        if (!options.json) {
          cli.io.err(
            `Created SCIM token:\n${describeToken(created.tokenInfo)}\n` +
              (sync ? await tenantUrlLines(cli, sync.scimBasePath) : '') +
              'Store the token now: it is not shown again.\n',
          );
        }
      },
    );

  tokens
    .command('list')
    .description("List the customer's SCIM tokens (never their secrets)")
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .option('--partner <partner>')
    .option('--json', 'print JSON', false)
    .action(async (options: CommonOptions) => {
      const { listScimTokenViews } = await scimTokenService();
      const context = await cli.serviceContext({ partner: options.partner });
      const pages = allPages((cursor) =>
        listScimTokenViews(context, options.customer, { cursor, limit: 200 }),
      );
      await printList(cli.io, pages, {
        json: options.json,
        columns: SCIM_TOKEN_COLUMNS,
        empty: 'No SCIM tokens.',
      });
    });

  tokens
    .command('revoke <id>')
    .description('Revoke a SCIM token at once')
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .option('--partner <partner>')
    .option('--json', 'print JSON', false)
    .action(async (id: string, options: CommonOptions) => {
      const { revokeScimTokenById } = await scimTokenService();
      const context = await cli.serviceContext({ partner: options.partner });
      const revoked = await orRejectUnknown(
        () => revokeScimTokenById(context, options.customer, id),
        `SCIM token "${id}": customer ${options.customer} has no SCIM token with this id. See: hub scim tokens list --customer ${options.customer}`,
      );
      cli.print(options.json, revoked, () => `Revoked SCIM token ${id}`);
    });

  registerSyncCommands(scim, cli);
}

/** The directory-sync switch as `key: value` lines, then what it means (each under 80 columns). */
function describeSync(sync: DirectorySyncView): string {
  return [
    keyValueLines([
      ['customer', sync.customerId],
      ['directorySync', sync.enabled ? 'on' : 'off'],
    ]),
    sync.enabled
      ? 'The directory creates and changes the users.'
      : 'Users are added by the web app, the API, CSV and the CLI.',
  ].join('\n');
}

function registerSyncCommands(scim: Command, cli: CliContext): void {
  const sync = scim
    .command('sync')
    .description("A customer's directory-sync switch (SCIM): while it is on, the directory owns the users");
  sync
    .command('status')
    .description('Say whether directory sync is on')
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .option('--partner <partner>', 'partner id or name (default: the default partner)')
    .option('--json', 'print JSON', false)
    .action(async (options: CommonOptions) => {
      const { getDirectorySync } = await scimTokenService();
      const context = await cli.serviceContext({ partner: options.partner });
      const current = await getDirectorySync(context, options.customer);
      cli.print(options.json, current, () => describeSync(current));
    });
  for (const [name, enabled, description] of [
    ['enable', true, 'Switch directory sync on: users are then created and changed by the directory'],
    [
      'disable',
      false,
      'Switch directory sync off: users can be added by hand again (SCIM tokens stay valid; revoke them apart)',
    ],
  ] as const) {
    sync
      .command(name)
      .description(description)
      .requiredOption('--customer <customer>', 'customer id or externalId')
      .option('--partner <partner>', 'partner id or name (default: the default partner)')
      .option('--json', 'print JSON', false)
      .action(async (options: CommonOptions) => {
        const { setDirectorySync } = await scimTokenService();
        const context = await cli.serviceContext({ partner: options.partner });
        const changed = await setDirectorySync(context, options.customer, enabled);
        cli.print(options.json, changed, () => describeSync(changed));
      });
  }
}

/**
 * Where the identity provider sends SCIM requests. HUB_PUBLIC_URL says it; without it a server
 * running this command (forwarded, ADR 0051) knows its own address on this machine, which is right
 * only for an identity provider that reaches it there; otherwise the CLI says how to get the URL.
 */
async function tenantUrlLines(cli: CliContext, scimBasePath: string): Promise<string> {
  const { config } = await cli.runtime();
  if (config.publicUrl) return `Tenant URL: ${config.publicUrl}${scimBasePath}\n`;
  const server = cli.insideServer ? await readDiscovery(config.dataDir) : null;
  if (server)
    return (
      `Tenant URL: ${server.url}${scimBasePath}\n` +
      "  This is the server's address on this machine. An identity provider elsewhere needs the address it\n" +
      '  reaches the server at: set HUB_PUBLIC_URL to it (then restart the server) to have it printed here.\n'
    );
  return (
    `Tenant URL: the server's public address followed by ${scimBasePath}\n` +
    '  Set HUB_PUBLIC_URL to the address the identity provider reaches the server at to have it printed in full.\n'
  );
}

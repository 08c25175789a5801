// `hub partners create|list|get` (SPEC §1): the operator's view of the deployment's partners.
import type { Command } from 'commander';
import type { PartnerView } from '../../services/partners/partner-service.ts';
import type { findPartner } from '../../services/bootstrap/ensure-deployment.ts';
import { conflict, isAppError } from '../../domain/errors.ts';
import type { CliContext } from '../cli-context.ts';
import { allPages, printList } from '../list-output.ts';
import { keyValueLines, type Column } from '../text-table.ts';
import { CliUsageError } from '../exit-codes.ts';

/** `partners list`. */
const PARTNER_COLUMNS: readonly Column<PartnerView>[] = [
  { header: 'ID', value: (partner) => partner.id },
  { header: 'NAME', value: (partner) => partner.name },
  { header: 'LANGUAGE', value: (partner) => partner.defaultLanguage },
  { header: 'DEFAULT', value: (partner) => (partner.isDefault ? 'default' : '') },
];

/** A partner as `key: value` lines (`partners get`, `partners create`). */
function describePartner(partner: PartnerView): string {
  return keyValueLines([
    ['id', partner.id],
    ['name', partner.name],
    ['defaultLanguage', partner.defaultLanguage],
    ['default', partner.isDefault ? 'yes' : 'no'],
  ]);
}

/**
 * The service's 409 repeats the name as typed (" demo partner"); the operator, who sees every
 * partner, is told the partner that holds the name as stored, with its id.
 */
async function withNamesake(
  db: Parameters<typeof findPartner>[0],
  name: string,
  error: unknown,
): Promise<unknown> {
  const taken = isAppError(error) && error.details.some((detail) => detail.code === 'partner_name_taken');
  if (!taken) return error;
  const { findPartner } = await import('../../services/bootstrap/ensure-deployment.ts');
  const namesake = await findPartner(db, name);
  if (!namesake) return error;
  return conflict(
    {
      en: `A partner named "${namesake.name}" already exists (${namesake.id}).`,
      nl: `Er bestaat al een partner met de naam "${namesake.name}" (${namesake.id}).`,
    },
    error.details,
  );
}

// Imported when an action runs, not by `hub --help` and the other commands (ADR 0014).
const partnerService = () => import('../../services/partners/partner-service.ts');

export function registerPartnerCommands(program: Command, cli: CliContext): void {
  const partners = program.command('partners').description('Partners (service providers) of this deployment');

  partners
    .command('create')
    .description('Create a partner')
    .requiredOption('--name <name>')
    .option('--default-language <tag>', 'e.g. en, nl, nl_NL', 'en')
    .option('--json', 'print JSON', false)
    .action(async (options: { name: string; defaultLanguage: string; json: boolean }) => {
      const { createPartner } = await partnerService();
      if (!options.name.trim() || options.name.trim().length > 200)
        throw new CliUsageError('--name must be 1 to 200 characters.');
      // A language and region that exist (as a customer's --language), not just their shape: "xx"
      // was stored; stored in one spelling (en-us → en_US), as customers' and locations' are.
      const { canonicalLanguageTag } = await import('../../domain/locale/language-tag.ts');
      const defaultLanguage = canonicalLanguageTag(options.defaultLanguage);
      if (defaultLanguage === null)
        throw new CliUsageError(
          `--default-language "${options.defaultLanguage}" is not a language such as en, nl or nl_NL (ISO 639-1, optionally _ and an ISO 3166-1 alpha-2 region).`,
        );
      const context = await cli.serviceContext({});
      // A namesake is refused by the service (the unique index, ADR 0070): --partner finds names.
      const partner = await createPartner(context, {
        name: options.name,
        defaultLanguage,
      }).catch(async (error: unknown) => {
        throw await withNamesake(context.db, options.name, error);
      });
      cli.print(options.json, partner, () => `Created partner:\n${describePartner(partner)}`);
    });

  partners
    .command('list')
    .description('List partners')
    .option('--json', 'print JSON', false)
    .action(async (options: { json: boolean }) => {
      const { listPartnerViews } = await partnerService();
      const context = await cli.serviceContext({});
      const pages = allPages((cursor) => listPartnerViews(context, { cursor, limit: 200 }));
      await printList(cli.io, pages, { json: options.json, columns: PARTNER_COLUMNS, empty: '' });
    });

  partners
    .command('get <partner>')
    .description('Show a partner (id or name)')
    .option('--json', 'print JSON', false)
    .action(async (ref: string, options: { json: boolean }) => {
      const { getPartnerView } = await partnerService();
      const context = await cli.serviceContext({});
      const { findPartner } = await import('../../services/bootstrap/ensure-deployment.ts');
      const row = await findPartner(context.db, ref);
      if (!row)
        throw new CliUsageError(`partner "${ref}": no partner has this id or name. See: hub partners list`);
      const partner = await getPartnerView(context, row.id);
      cli.print(options.json, partner, () => describePartner(partner));
    });
}

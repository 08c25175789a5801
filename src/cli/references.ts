// A reference typed on the command line (--customer, --location, a customer argument) that names
// nothing is rejected input (exit 2, ADR 0064), with the option and the command that lists what
// exists: a script can tell "no such customer" from a failure, and a person sees what to fix.
import type { Command } from 'commander';
import { isAppError } from '../domain/errors.ts';
import type { CustomerRow } from '../db/schema.ts';
import type { ServiceContext } from '../services/context.ts';
import type { CliContext } from './cli-context.ts';
import { CliUsageError } from './exit-codes.ts';

function isNotFound(error: unknown): boolean {
  return isAppError(error) && error.code === 'not_found';
}

/**
 * ` --partner "Acme"` for a hint's listing command when the command was given --partner: without
 * it the listing shows the default partner's, where the customer may well be.
 */
export function partnerHint(partner: string | undefined): string {
  return partner === undefined ? '' : ` --partner ${JSON.stringify(partner)}`;
}

/**
 * The customer `ref` (id or externalId) names; `label` is how the command line gave it, `partner`
 * the --partner it was looked up in.
 */
export async function customerByRef(
  context: ServiceContext,
  ref: string,
  label = '--customer',
  partner?: string,
): Promise<CustomerRow> {
  // The services are imported on use: program.ts loads this module for every command (ADR 0014).
  const { requireCustomer } = await import('../services/customers/customer-service.ts');
  try {
    return await requireCustomer(context, ref);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const elsewhere = await partnersHavingExternalId(context, ref);
    throw new CliUsageError(
      `${label} "${ref}": no customer has this id or externalId. See: hub customers list${partnerHint(partner)}` +
        elsewhere
          .map((name) => `\nPartner ${JSON.stringify(name)} has a customer ${ref}: add${partnerHint(name)}.`)
          .join(''),
    );
  }
}

/**
 * The other partners with a customer of this externalId: the operator (the CLI's actor) may act on
 * any partner's, and a customer of another one needs only its --partner.
 */
async function partnersHavingExternalId(context: ServiceContext, ref: string): Promise<string[]> {
  if (context.actor.role !== 'operator') return [];
  const rows = await context.db
    .selectFrom('customers')
    .innerJoin('partners', 'partners.id', 'customers.partner_id')
    .select('partners.name')
    .where('customers.external_id', '=', ref)
    .where('customers.partner_id', '!=', context.actor.partnerId)
    .orderBy('partners.name')
    .limit(5)
    .execute();
  return rows.map((row) => row.name);
}

/**
 * Runs `lookup`; a not_found it throws becomes rejected input that names what was given and how to
 * list what exists, e.g. `token "abc": no API token has this id. See: hub tokens list`.
 */
export async function orRejectUnknown<T>(lookup: () => Promise<T>, message: string): Promise<T> {
  try {
    return await lookup();
  } catch (error) {
    if (isNotFound(error)) throw new CliUsageError(message);
    throw error;
  }
}

async function checkLocation(
  context: ServiceContext,
  customer: CustomerRow,
  ref: string,
  partner: string | undefined,
): Promise<void> {
  const { requireLocation } = await import('../services/locations/location-service.ts');
  try {
    await requireLocation(context.db, customer.id, ref);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    throw new CliUsageError(
      `--location "${ref}": customer ${customer.external_id} has no location with this id or name. See: hub locations list --customer ${customer.external_id}${partnerHint(partner)}`,
    );
  }
}

const CHECKING_THEMSELVES = new WeakSet<Command>();

/** For a command that must check other options first (e.g. `tokens create`: is --customer allowed). */
export function checksItsOwnReferences(command: Command): Command {
  CHECKING_THEMSELVES.add(command);
  return command;
}

/**
 * Before any command runs: its --customer (and with it --location) must name something, checked
 * here once for every command instead of in each one.
 */
export function checkReferencesBeforeAction(program: Command, cli: CliContext): void {
  program.hook('preAction', async (_program, command) => {
    const options: Record<string, unknown> = command.opts();
    if (typeof options.customer !== 'string' || CHECKING_THEMSELVES.has(command)) return;
    const partner = typeof options.partner === 'string' ? options.partner : undefined;
    const context = await cli.serviceContext({ partner });
    const customer = await customerByRef(context, options.customer, '--customer', partner);
    if (typeof options.location === 'string')
      await checkLocation(context, customer, options.location, partner);
  });
}

// `hub customers create|list|get|delete`.
import type { Command } from 'commander';
import { isSellableId, SELLABLE_IDS } from '../../domain/packages/catalog.ts';
import type { CustomerView } from '../../services/customers/customer-view.ts';
import { isAppError } from '../../domain/errors.ts';
import type { CliContext } from '../cli-context.ts';
import { allPages, printList } from '../list-output.ts';
import { keyValueLines, type Column } from '../text-table.ts';
import { CliUsageError } from '../exit-codes.ts';
import { customerByRef } from '../references.ts';
import type { AwaitedCustomerWork } from '../io.ts';
import { DEFAULT_WAIT_SECONDS, waitUntil } from '../wait-for-jobs.ts';

// Imported when an action runs, not by `hub --help` and the other commands (ADR 0014).
const customerService = () => import('../../services/customers/customer-service.ts');

/** `webex_calling,webex_suite:50` → sold packages with optional limits. */
export function parsePackages(value: string): { id: string; limit: number | null }[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [id = '', limit] = part.split(':');
      if (!isSellableId(id))
        throw new CliUsageError(`--packages: unknown package "${id}". Packages: ${SELLABLE_IDS.join(', ')}.`);
      if (limit !== undefined && !/^\d+$/.test(limit))
        throw new CliUsageError(`--packages: the limit of "${id}" must be a whole number.`);
      return { id, limit: limit === undefined ? null : Number(limit) };
    });
}

/** The downstream steps that failed, as `hub customers create|delete` report them on stderr. */
function provisioningErrors(customer: CustomerView): string {
  return customer.errors.map((error) => `  - ${error.description}`).join('\n');
}

/** Each sold package with its usage: `webex_suite (3/50 used)`, `webex_calling (2 used)`. */
export function describePackages(customer: CustomerView): string {
  return customer.packages
    .map((entry) => `${entry.id} (${entry.used}${entry.limit === null ? '' : `/${entry.limit}`} used)`)
    .join(', ');
}

/** `customers list`: on a terminal the packages go first, then the id (the externalId names it too). */
export const CUSTOMER_COLUMNS: readonly Column<CustomerView>[] = [
  { header: 'ID', value: (customer) => customer.id, dropOrder: 1 },
  { header: 'EXTERNAL ID', value: (customer) => customer.externalId },
  { header: 'NAME', value: (customer) => customer.name },
  { header: 'STATUS', value: (customer) => customer.status },
  { header: 'PACKAGES', value: describePackages, dropOrder: 0 },
];

/** A customer as `key: value` lines (`customers get`, `customers create`). */
export function describeCustomer(customer: CustomerView): string {
  return keyValueLines([
    ['id', customer.id],
    ['externalId', customer.externalId],
    ['name', customer.name],
    ['status', customer.status],
    ['packages', describePackages(customer) || '(none)'],
  ]);
}

/** --timeout: whole seconds, at least 1. */
function timeoutOption(value: string): number {
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1)
    throw new CliUsageError('--timeout must be a whole number of seconds, at least 1.');
  return Number(value);
}

const TIMEOUT_DESCRIPTION = `stop waiting after this many seconds (exit 1; the work goes on; default: ${DEFAULT_WAIT_SECONDS})`;

/** What a waiting `customers` command says about Ctrl+C, timeouts and its exit codes. */
const WAITING_HELP = [
  'Ctrl+C (or SIGTERM) stops waiting: it names what is still running and the command to check on',
  'it ("hub customers get ID --wait" resumes it when no server runs), prints that as an object with',
  '--json, and exits 130 (143 for SIGTERM). A second Ctrl+C quits at once.',
];

const STILL_RUNNING = new Set(['provisioning', 'updating', 'deleting']);

/** The customer's work `customers get --wait` (and the stop message) names. */
function awaitedWork(customer: CustomerView, partner: string | undefined): AwaitedCustomerWork {
  return {
    kind: customer.status === 'deleting' ? 'customer-deletion' : 'customer-provisioning',
    customerId: customer.id,
    externalId: customer.externalId,
    ...(partner === undefined ? {} : { partner }),
  };
}

/** Prints a provisioned customer; failed provisioning is exit 1 with the reasons (SPEC §9). */
function reportProvisioned(cli: CliContext, customer: CustomerView, json: boolean, heading: string): void {
  cli.print(json, customer, () => `${heading}${describeCustomer(customer)}`);
  // The customer exists (its JSON is printed) but provisioning failed: exit 1 with the reasons.
  // Not process.exitCode: runCli answers the exit code, and in a server that is not our process.
  if (customer.status === 'error')
    throw new Error(`Provisioning customer ${customer.externalId} failed:\n${provisioningErrors(customer)}`);
  if (customer.errors.length > 0)
    cli.io.err(`warning: provisioned with errors:\n${provisioningErrors(customer)}\n`);
}

interface CreateOptions {
  name: string;
  externalId: string;
  adminEmail: string;
  country: string;
  address1?: string;
  address2?: string;
  city?: string;
  state?: string;
  zip?: string;
  language?: string;
  packages?: string;
  partner?: string;
  json: boolean;
  wait: boolean;
  timeout?: number;
}

export function registerCustomerCommands(program: Command, cli: CliContext): void {
  const customers = program.command('customers').description('Customer organizations');

  customers
    .command('create')
    .description('Create a customer and wait until it is provisioned')
    .requiredOption('--name <name>')
    .requiredOption('--external-id <id>', "the partner's own id, unique per partner")
    .requiredOption('--admin-email <email>', 'the customer full admin to invite')
    .requiredOption('--country <code>', 'ISO 3166 alpha-2, e.g. NL')
    .option('--address1 <line>')
    .option('--address2 <line>')
    .option('--city <city>')
    .option('--state <state>')
    .option('--zip <zip>')
    .option('--language <tag>', 'e.g. nl_NL, en_US (default: en_US)')
    .option(
      '--packages <list>',
      `comma-separated package ids, each optionally with a limit (id:N), e.g. webex_calling,webex_suite:50; ids: ${SELLABLE_IDS.join(', ')}`,
    )
    .option('--partner <partner>', 'partner id or name (default: the default partner)')
    .option('--no-wait', 'return at once (status provisioning) instead of waiting for provisioning')
    .option('--timeout <seconds>', TIMEOUT_DESCRIPTION, timeoutOption)
    .option('--json', 'print JSON', false)
    .addHelpText(
      'after',
      [
        '',
        'Exit 0 when provisioned (warnings on stderr), 1 when provisioning fails (the customer exists,',
        'in status error; --json prints it) or the wait timed out, 2 when an option is rejected.',
        ...WAITING_HELP,
        '',
        'Example:',
        '  hub customers create --name "Bakkerij De Vries" --external-id DEVRIES-001 \\',
        '    --admin-email beheer@devries.example --country NL --packages webex_calling,webex_suite:50',
      ].join('\n'),
    )
    .action(async (options: CreateOptions) => {
      const { PROVISION_CUSTOMER_JOB, createCustomer, getCustomerView } = await customerService();
      const context = await cli.serviceContext({ partner: options.partner });
      const created = await createCustomer(context, {
        name: options.name,
        externalId: options.externalId,
        adminEmail: options.adminEmail,
        country: options.country.toUpperCase(),
        address: {
          addressLine1: options.address1,
          addressLine2: options.address2,
          city: options.city,
          stateOrProvince: options.state,
          zipCode: options.zip,
        },
        language: options.language,
        packages: options.packages ? parsePackages(options.packages) : undefined,
      });
      // Provisioning takes seconds: say why the terminal is quiet.
      if (options.wait && cli.io.interactive)
        cli.io.err(`Created ${created.externalId}; waiting until it is provisioned…\n`);
      const customer = options.wait
        ? await waitUntil(cli, {
            kinds: [PROVISION_CUSTOMER_JOB],
            work: awaitedWork(created, options.partner),
            json: options.json,
            timeoutMs: options.timeout === undefined ? undefined : options.timeout * 1000,
            check: async () => {
              const current = await getCustomerView(context, created.id);
              return current.status === 'provisioning' ? null : current;
            },
            stateAfterStop: async () => {
              const { status } = await getCustomerView(context, created.id);
              return { status, finished: status !== 'provisioning' };
            },
          })
        : created;
      reportProvisioned(cli, customer, options.json, 'Created customer:\n');
    });

  customers
    .command('list')
    .description('List customers')
    .option('--search <text>', 'part of the name or externalId')
    .option('--partner <partner>')
    .option('--json', 'print JSON', false)
    .action(async (options: { search?: string; partner?: string; json: boolean }) => {
      const { listCustomerViews } = await customerService();
      const context = await cli.serviceContext({ partner: options.partner });
      // The operator's service scope is every partner's customers; the CLI's is one partner, the
      // one --partner names (as `customers get` and every --customer find them).
      const pages = allPages(async (cursor) => {
        const page = await listCustomerViews(context, { search: options.search, cursor, limit: 200 });
        const items = page.items.filter((customer) => customer.partnerId === context.actor.partnerId);
        return { items, nextCursor: page.nextCursor };
      });
      await printList(cli.io, pages, {
        json: options.json,
        columns: CUSTOMER_COLUMNS,
        empty: 'No customers.',
      });
    });

  customers
    .command('get <customer>')
    .description(
      'Show a customer (id or externalId); --wait waits until its provisioning or deletion is done',
    )
    .option('--partner <partner>')
    .option('--wait', 'wait while it is provisioning, updating or being deleted', false)
    .option('--timeout <seconds>', `with --wait: ${TIMEOUT_DESCRIPTION}`, timeoutOption)
    .option('--json', 'print JSON', false)
    .addHelpText(
      'after',
      [
        '',
        "With no server running, --wait runs (resumes) the customer's provisioning or deletion here,",
        'e.g. after Ctrl+C stopped "hub customers create". Exit 0 when done, 1 when its provisioning',
        'failed (status error) or the wait timed out, 2 when no customer has this id.',
        ...WAITING_HELP,
      ].join('\n'),
    )
    .action(
      async (ref: string, options: { partner?: string; json: boolean; wait: boolean; timeout?: number }) => {
        const { DELETE_CUSTOMER_JOB, PROVISION_CUSTOMER_JOB, getCustomerView } = await customerService();
        const context = await cli.serviceContext({ partner: options.partner });
        const found = await getCustomerView(
          context,
          (await customerByRef(context, ref, 'customer', options.partner)).id,
        );
        if (!options.wait || !STILL_RUNNING.has(found.status)) {
          cli.print(options.json, found, () => describeCustomer(found));
          return;
        }
        /** The customer now, or null once it is deleted. */
        const current = async () => {
          try {
            return await getCustomerView(context, found.id);
          } catch (error) {
            if (isAppError(error) && error.code === 'not_found') return null;
            throw error;
          }
        };
        const done = await waitUntil(cli, {
          kinds: [PROVISION_CUSTOMER_JOB, DELETE_CUSTOMER_JOB],
          work: awaitedWork(found, options.partner),
          json: options.json,
          timeoutMs: options.timeout === undefined ? undefined : options.timeout * 1000,
          check: async () => {
            const customer = await current();
            if (customer === null) return { deleted: true } as const;
            return STILL_RUNNING.has(customer.status) ? null : { customer };
          },
          stateAfterStop: async () => {
            const customer = await current();
            const status = customer?.status ?? 'deleted';
            return { status, finished: !STILL_RUNNING.has(status) };
          },
        });
        if ('deleted' in done)
          cli.print(
            options.json,
            { id: found.id, deleted: true },
            () => `Deleted customer ${found.externalId}`,
          );
        else reportProvisioned(cli, done.customer, options.json, '');
      },
    );

  customers
    .command('delete <customer>')
    .description('Delete a customer and everything it holds; waits until it is gone')
    .option('--partner <partner>')
    .option('--no-wait', 'return at once (status deleting) instead of waiting until it is gone')
    .option('--timeout <seconds>', TIMEOUT_DESCRIPTION, timeoutOption)
    .option('--json', 'print JSON', false)
    .addHelpText(
      'after',
      [
        '',
        'Exit 0 when deleted, 1 when the deletion fails downstream (status error: delete it again to',
        'retry) or the wait timed out, 2 when no customer has this id. Deleting a customer already',
        'being deleted waits for that deletion.',
        ...WAITING_HELP,
      ].join('\n'),
    )
    .action(
      async (ref: string, options: { partner?: string; json: boolean; wait: boolean; timeout?: number }) => {
        const { DELETE_CUSTOMER_JOB, deleteCustomer, getCustomerView } = await customerService();
        const context = await cli.serviceContext({ partner: options.partner });
        const customer = await getCustomerView(
          context,
          (await customerByRef(context, ref, 'customer', options.partner)).id,
        );
        const deleting = await deleteCustomer(context, customer.id);
        if (!options.wait) {
          cli.print(options.json, deleting, () => `Deleting customer:\n${describeCustomer(deleting)}`);
          return;
        }
        /** The customer's status now, or null once it is gone. */
        const statusNow = async () => {
          try {
            return (await getCustomerView(context, customer.id)).status;
          } catch (error) {
            if (isAppError(error) && error.code === 'not_found') return null;
            throw error;
          }
        };
        await waitUntil(cli, {
          kinds: [DELETE_CUSTOMER_JOB],
          work: awaitedWork(deleting, options.partner),
          json: options.json,
          timeoutMs: options.timeout === undefined ? undefined : options.timeout * 1000,
          check: async () => {
            const status = await statusNow();
            if (status === null) return true;
            // A downstream fault leaves the customer in `error`: stop waiting and say why.
            if (status === 'error')
              throw new Error(
                `Deleting customer ${customer.externalId} failed:\n${provisioningErrors(await getCustomerView(context, customer.id))}`,
              );
            return null;
          },
          stateAfterStop: async () => {
            const status = (await statusNow()) ?? 'deleted';
            return { status, finished: status !== 'deleting' };
          },
        });
        cli.print(
          options.json,
          { id: customer.id, deleted: true },
          () => `Deleted customer ${customer.externalId}`,
        );
      },
    );
}

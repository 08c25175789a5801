// `hub locations create|list|delete` (SPEC §4): a customer's locations, thin over the location service.
import type { Command } from 'commander';
import type { LocationView } from '../../services/locations/location-service.ts';
import { isAppError } from '../../domain/errors.ts';
import type { CliContext } from '../cli-context.ts';
import { printList } from '../list-output.ts';
import { keyValueLines, type Column } from '../text-table.ts';
import { CliUsageError } from '../exit-codes.ts';

const place = (location: LocationView) =>
  [location.address.addressLine1, location.address.city, location.country].filter(Boolean).join(', ');

/** `locations list`: on a terminal the address goes first, then the id (the name names it too). */
const LOCATION_COLUMNS: readonly Column<LocationView>[] = [
  { header: 'ID', value: (location) => location.id, dropOrder: 1 },
  { header: 'NAME', value: (location) => location.name },
  { header: 'ADDRESS', value: place, dropOrder: 0 },
  { header: 'TIME ZONE', value: (location) => location.timeZone },
];

/** A location as `key: value` lines (`locations create`). */
function describeLocation(location: LocationView): string {
  return keyValueLines([
    ['id', location.id],
    ['name', location.name],
    ['address', place(location)],
    ['timeZone', location.timeZone],
  ]);
}

interface CreateOptions {
  customer: string;
  name: string;
  country: string;
  address1?: string;
  address2?: string;
  city?: string;
  state?: string;
  zip?: string;
  timezone: string;
  language?: string;
  partner?: string;
  json: boolean;
}

// Imported when an action runs, not by `hub --help` and the other commands (ADR 0014).
const locationService = () => import('../../services/locations/location-service.ts');

export function registerLocationCommands(program: Command, cli: CliContext): void {
  const locations = program.command('locations').description("A customer's locations");

  locations
    .command('create')
    .description('Add a location to a customer')
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .requiredOption('--name <name>', 'unique per customer (case-insensitive), at most 80 characters')
    .requiredOption('--country <code>', 'ISO 3166 alpha-2, e.g. NL')
    .option('--address1 <line>')
    .option('--address2 <line>')
    .option('--city <city>')
    .option('--state <state>')
    .option('--zip <zip>')
    .requiredOption('--timezone <zone>', 'e.g. Europe/Amsterdam')
    .option('--language <tag>', 'e.g. nl_NL')
    .option('--partner <partner>', 'partner id or name (default: the default partner)')
    .option('--json', 'print JSON', false)
    .action(async (options: CreateOptions) => {
      const { createLocation } = await locationService();
      const context = await cli.serviceContext({ partner: options.partner });
      const location = await createLocation(context, options.customer, {
        name: options.name,
        country: options.country.toUpperCase(),
        addressLine1: options.address1,
        addressLine2: options.address2,
        city: options.city,
        stateOrProvince: options.state,
        zipCode: options.zip,
        timeZone: options.timezone,
        language: options.language,
      });
      cli.print(options.json, location, () => `Created location:\n${describeLocation(location)}`);
    });

  locations
    .command('list')
    .description("List a customer's locations")
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .option('--partner <partner>')
    .option('--json', 'print JSON', false)
    .action(async (options: { customer: string; partner?: string; json: boolean }) => {
      const { listLocationViews } = await locationService();
      const context = await cli.serviceContext({ partner: options.partner });
      const items = await listLocationViews(context, options.customer);
      await printList(cli.io, [items], {
        json: options.json,
        columns: LOCATION_COLUMNS,
        empty: 'No locations.',
      });
    });

  locations
    .command('delete <location>')
    .description('Delete a location (id or name) that no user or number uses')
    .requiredOption('--customer <customer>', 'customer id or externalId')
    .option('--partner <partner>')
    .option('--json', 'print JSON', false)
    .action(async (ref: string, options: { customer: string; partner?: string; json: boolean }) => {
      const { deleteLocation, getLocationView } = await locationService();
      const context = await cli.serviceContext({ partner: options.partner });
      const location = await getLocationView(context, options.customer, ref).catch((error: unknown) => {
        if (isAppError(error) && error.code === 'not_found')
          throw new CliUsageError(
            `location "${ref}": customer ${options.customer} has no location with this id or name. See: hub locations list --customer ${options.customer}`,
          );
        throw error;
      });
      await deleteLocation(context, options.customer, location.id);
      // The shape of the other deletes ({id, deleted}), whether the location was named or given by id.
      cli.print(
        options.json,
        { id: location.id, name: location.name, deleted: true },
        () => `Deleted location ${location.name}`,
      );
    });
}

// A `location` the API was given but the planner would not use: refused, never a 200 that changed
// nothing. For a package without locations the planner only warns (`calling_fields_ignored`, which
// a CSV row shows); the admin API's create, its 25-user batch, PATCH user and PUT …/package all
// refuse it here, with the same code and text.
import { validationFailed, type AppError } from '../../domain/errors.ts';
import { issueText } from '../../domain/messages/row-messages.ts';
import type { PackageId } from '../../domain/packages/catalog.ts';
import { keepsCallingFields } from '../../domain/packages/rules.ts';
import type { PlanningContext } from '../../domain/users/planning-context.ts';
import type { ServiceContext } from '../context.ts';

/**
 * `locationName` is the name the desired change carries (an id already resolved). Unknown: 400
 * whatever the package. Known, for a package that keeps no location (SPEC §3: a package without
 * calling releases number, extension and location, so the user model holds none): 400 saying so.
 */
export function unusableLocationError(
  locationName: string | undefined,
  target: PackageId | null,
  state: PlanningContext,
  context: ServiceContext,
): AppError | null {
  if (locationName === undefined) return null;
  if (!state.locationByName(locationName)) return unknownLocationError(locationName, context);
  if (keepsCallingFields(target)) return null;
  const packageName = target ?? 'none';
  return validationFailed([
    {
      code: 'location_not_used',
      field: 'location',
      description:
        context.locale === 'nl'
          ? `Het pakket (${packageName}) gebruikt geen locatie: de gebruiker krijgt er geen. Kies eerst een pakket met bellen.`
          : `The package (${packageName}) uses no location: the user cannot hold one. Change to a calling package first.`,
    },
  ]);
}

/**
 * The 400 for a location the customer does not have. It names only what was given, so another
 * customer's location and one that does not exist answer alike.
 */
export function unknownLocationError(ref: string, context: ServiceContext): AppError {
  const issue = { code: 'unknown_location', column: 'location', params: { name: ref.trim() } } as const;
  return validationFailed([
    { code: issue.code, field: 'location', description: issueText(issue, context.locale) },
  ]);
}

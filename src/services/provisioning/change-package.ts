// Change a user's package (SPEC §3, §5; help text "Change a user's package"): the planner enforces
// the forbidden changes, the customer-admin rule, the limits and the calling number information
// the new package needs; a package without calling releases number, extension and location. The
// licence change then goes downstream; a half-way failure leaves the user in `error`.
import { conflict, notFound, validationFailed } from '../../domain/errors.ts';
import { warningDetail, type WarningDetail } from '../../domain/messages/row-messages.ts';
import type { PackageId } from '../../domain/packages/catalog.ts';
import { canStart, customerBusy } from '../../domain/provisioning/customer-lifecycle.ts';
import { licenceChangeSteps, repairSteps } from '../../domain/provisioning/licence-change.ts';
import { planUserChange } from '../../domain/users/plan-user-change.ts';
import type { PlanningContext } from '../../domain/users/planning-context.ts';
import { findLocation } from '../../db/repositories/locations.ts';
import { findUser, lockUser, toUserState } from '../../db/repositories/users.ts';
import type { CustomerRow, UserRow } from '../../db/schema.ts';
import { assertCanWrite } from '../access/policy.ts';
import { assertExpectedVersion, type ExpectedVersions } from '../concurrency/edit-version.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceContext } from '../context.ts';
import { requireCustomer } from '../customers/customer-service.ts';
import { isUuidLike } from '../db-errors.ts';
import { applyUserPlan, planErrorsToAppError } from '../users/apply-user-plan.ts';
import { loadPlanningState, lockUsageOfCustomer } from '../users/planning-state.ts';
import { unusableLocationError } from '../users/refuse-unusable-location.ts';
import { apiBehaviour, toDesiredChange } from '../users/user-input.ts';
import { toUserView, type UserView } from '../users/user-view.ts';
import { holdingOf, pushLicenceSteps } from './user-licences.ts';

export interface ChangePackageInput {
  readonly package: PackageId;
  /** Keep (true) or drop (false) the add-on; absent: kept where the new package allows it. */
  readonly attendantConsole?: boolean | undefined;
  /** Location id or name. */
  readonly location?: string | undefined;
  readonly extension?: string | undefined;
  readonly phoneNumber?: string | undefined;
  /**
   * A caller's own rule on location, extension and phone number (the Wholesale API's): run in the
   * transaction, on the locked user and the customer's locations, before planning. False: planned
   * without them. It may throw to refuse the change. Absent: they are planned as given.
   */
  readonly usesCallingFields?: ((user: UserRow, locations: LocationLookup) => boolean) | undefined;
  /** The user versions the change was prepared from (If-Match, ADR 0092); absent: any. */
  readonly expectedVersions?: ExpectedVersions;
}

type LocationLookup = Pick<PlanningContext, 'locationById'>;

export interface PackageChangeResult {
  readonly user: UserView;
  readonly warnings: WarningDetail[];
}

/** The change's result and the user's stored version after it: the admin API's ETag (ADR 0092). */
export interface VersionedPackageChangeResult extends PackageChangeResult {
  readonly version: number;
}

async function viewOf(context: ServiceContext, row: UserRow): Promise<UserView> {
  const location = row.location_id
    ? await findLocation(context.db, row.customer_id, row.location_id)
    : undefined;
  return toUserView(row, location?.name ?? null);
}

function pendingMigration() {
  return conflict(
    {
      en: 'The user has not yet consented to the move of their account; change the package afterwards.',
      nl: 'De gebruiker heeft nog geen toestemming gegeven voor de migratie van het account; wijzig het pakket daarna.',
    },
    [
      {
        code: 'pending_user_migration',
        description: 'The user is waiting for consent (pending_user_migration).',
        descriptionNl: 'De gebruiker wacht op toestemming (pending_user_migration).',
      },
    ],
  );
}

export async function changeUserPackage(
  context: ServiceContext,
  customerRef: string | CustomerRow,
  userId: string,
  input: ChangePackageInput,
): Promise<PackageChangeResult> {
  const { user, warnings } = await changeVersionedUserPackage(context, customerRef, userId, input);
  return { user, warnings };
}

/** changeUserPackage, answering the user's version after the change too. */
export async function changeVersionedUserPackage(
  context: ServiceContext,
  customerRef: string | CustomerRow,
  userId: string,
  input: ChangePackageInput,
): Promise<VersionedPackageChangeResult> {
  assertCanWrite(context.actor);
  const customer =
    typeof customerRef === 'string' ? await requireCustomer(context, customerRef) : customerRef;
  if (!canStart('manage_users', customer.status)) throw customerBusy(customer.status);
  const outcome = await context.db.transaction().execute(async (trx) => {
    // The usage lock before the user's row: the one lock order of ADR 0073.
    const locked = await lockUsageOfCustomer(trx, customer.id);
    const existing = isUuidLike(userId) ? await lockUser(trx, customer.id, userId) : undefined;
    if (!existing) throw notFound('User', 'Gebruiker');
    assertExpectedVersion(input.expectedVersions, existing.version, 'user');
    if (existing.status === 'pending_user_migration') throw pendingMigration();
    const { state } = await loadPlanningState(
      trx,
      locked,
      {
        emails: [existing.email],
        extensions: input.extension ? [input.extension] : [],
        phoneNumbers: input.phoneNumber ? [input.phoneNumber] : [],
      },
      { purpose: 'locked' },
    );
    const calling: Pick<ChangePackageInput, 'location' | 'extension' | 'phoneNumber'> =
      (input.usesCallingFields?.(existing, state) ?? true) ? input : {};
    const change = toDesiredChange(
      existing.email,
      {
        package: input.package,
        attendantConsole: input.attendantConsole,
        location: calling.location,
        extension: calling.extension,
        phoneNumber: calling.phoneNumber,
      },
      (ref) => state.locationById(ref)?.name ?? ref,
    );
    // The same refusal as PATCH user: a location the new package cannot hold is a 400, not a warning.
    const locationError = unusableLocationError(change.location, input.package, state, context);
    if (locationError) throw locationError;
    const plan = planUserChange({
      current: toUserState(existing),
      change,
      // An explicit `attendantConsole: false` removes the add-on (add-only would ignore it).
      behaviour: apiBehaviour(change),
      channel: 'api',
      context: state,
    });
    if (plan.action === 'error') throw planErrorsToAppError(plan, context);
    const row = (await applyUserPlan(trx, context, customer, plan, existing)) ?? existing;
    return { before: existing, row, warnings: plan.warnings };
  });
  const steps = licenceChangeSteps(holdingOf(outcome.before), holdingOf(outcome.row));
  const after = await pushLicenceSteps(context, customer, outcome.row, steps, 'user.package_change');
  return {
    user: await viewOf(context, after),
    warnings: outcome.warnings.map((issue) => warningDetail(issue, context.locale)),
    version: after.version,
  };
}

/** Repair (SPEC §5): unassign the package, assign it again; clears the error when it works. */
export async function repairUser(
  context: ServiceContext,
  customerRef: string,
  userId: string,
): Promise<UserView> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerRef);
  if (!canStart('manage_users', customer.status)) throw customerBusy(customer.status);
  const row = isUuidLike(userId) ? await findUser(context.db, customer.id, userId) : undefined;
  if (!row) throw notFound('User', 'Gebruiker');
  if (row.status === 'pending_user_migration') throw pendingMigration();
  if (!row.package) {
    throw validationFailed([
      {
        code: 'no_package',
        description: 'The user holds no package: there is nothing to repair.',
        descriptionNl: 'De gebruiker heeft geen pakket: er valt niets te herstellen.',
      },
    ]);
  }
  const after = await pushLicenceSteps(context, customer, row, repairSteps(holdingOf(row)), 'user.repair');
  if (after === row) {
    // Nothing changed state (the user was fine): still record that a repair ran.
    await recordAudit(context.db, context, {
      partnerId: customer.partner_id,
      customerId: customer.id,
      action: 'user.repair',
      targetType: 'user',
      targetId: row.id,
    });
  }
  return viewOf(context, after);
}

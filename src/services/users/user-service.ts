// User use cases of the admin API and the CLI: create, get, update, delete, list (SPEC §5).
// Every rule comes from the one planner in src/domain/users; this file loads, plans and writes.
import { notFound } from '../../domain/errors.ts';
import { warningDetail, type WarningDetail } from '../../domain/messages/row-messages.ts';
import { licenceChangeSteps } from '../../domain/provisioning/licence-change.ts';
import { planUserChange } from '../../domain/users/plan-user-change.ts';
import { countListedUsers, toUserState, findUser, listUsers, lockUser } from '../../db/repositories/users.ts';
import { findLocation } from '../../db/repositories/locations.ts';
import type { UserRow, UserStatus } from '../../db/schema.ts';
import { assertCanWrite } from '../access/policy.ts';
import { assertExpectedVersion, type ExpectedVersions } from '../concurrency/edit-version.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceContext } from '../context.ts';
import { requireCustomer } from '../customers/customer-service.ts';
import { isUuidLike, retryingDeadlocks } from '../db-errors.ts';
import { requireLocation } from '../locations/location-service.ts';
import { decodeIdCursor } from '../checked-cursor.ts';
import { offsetWithCursor, toPage, type Page } from '../paging.ts';
import { addOneUser, refuseWhileDirectorySync } from '../provisioning/add-users.ts';
import { removeUserDownstream } from '../provisioning/remove-user-downstream.ts';
import { holdingOf, pushLicenceSteps } from '../provisioning/user-licences.ts';
import { applyUserPlan, planErrorsToAppError } from './apply-user-plan.ts';
import { loadPlanningState, lockUsageOfCustomer } from './planning-state.ts';
import { unusableLocationError } from './refuse-unusable-location.ts';
import { apiBehaviour, toDesiredChange, withApiField, type UserFieldsInput } from './user-input.ts';
import { toUserView, type UserView } from './user-view.ts';
import { deleteUserRow } from '../../db/repositories/users.ts';

export interface CreateUserInput extends UserFieldsInput {
  readonly email: string;
}

async function viewOf(context: ServiceContext, row: UserRow): Promise<UserView> {
  const location = row.location_id
    ? await findLocation(context.db, row.customer_id, row.location_id)
    : undefined;
  return toUserView(row, location?.name ?? null);
}

function planningKeys(email: string, input: UserFieldsInput) {
  return {
    emails: [email],
    extensions: input.extension ? [input.extension] : [],
    phoneNumbers: input.phoneNumber ? [input.phoneNumber] : [],
  };
}

/**
 * One user through the same path as the 25-user manual add: existing-account probes (audited,
 * rate-limited), free accounts (pending_user_migration + consent), licences to the backend.
 */
export async function createUser(
  context: ServiceContext,
  customerRef: string,
  input: CreateUserInput,
): Promise<UserView> {
  return (await createUserWithWarnings(context, customerRef, input)).user;
}

export interface CreatedUser {
  readonly user: UserView;
  /** The plan's warnings (e.g. `preferred_site_missing`), as the 25-user add reports them. */
  readonly warnings: readonly WarningDetail[];
}

/** createUser, with what the planner warned about: a warning never blocks the add (SPEC §3). */
export async function createUserWithWarnings(
  context: ServiceContext,
  customerRef: string,
  input: CreateUserInput,
): Promise<CreatedUser> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerRef);
  refuseWhileDirectorySync(customer);
  // A location the user would not get is refused, as PATCH and PUT …/package refuse it.
  const { user, warnings } = await addOneUser(context, customer, input, 'refuse');
  return { user, warnings: warnings.map(withApiField) };
}

export async function getUser(
  context: ServiceContext,
  customerRef: string,
  userId: string,
): Promise<UserView> {
  return (await getVersionedUser(context, customerRef, userId)).view;
}

/** A view with the stored version it was read at: the admin API's ETag (ADR 0092). */
export interface Versioned<T> {
  readonly view: T;
  readonly version: number;
}

export async function getVersionedUser(
  context: ServiceContext,
  customerRef: string,
  userId: string,
): Promise<Versioned<UserView>> {
  const customer = await requireCustomer(context, customerRef);
  const row = isUuidLike(userId) ? await findUser(context.db, customer.id, userId) : undefined;
  if (!row) throw notFound('User', 'Gebruiker');
  return { view: await viewOf(context, row), version: row.version };
}

export async function updateUser(
  context: ServiceContext,
  customerRef: string,
  userId: string,
  input: UserFieldsInput,
): Promise<UserView> {
  return (await updateVersionedUser(context, customerRef, userId, input)).view;
}

/** The changed user, its version, and what the plan warned about (as create answers it). */
export interface UpdatedUser extends Versioned<UserView> {
  /** E.g. `phone_plus_restored`, `preferred_site_missing`, `add_on_dropped`: never a refusal. */
  readonly warnings: readonly WarningDetail[];
}

/**
 * updateUser, refused with 412 when the user's version is not one of `expectedVersions` (checked
 * under the user's row lock, before anything is written); answers the version after the change
 * and the plan's warnings, in the request's language, each naming the request property.
 */
export async function updateVersionedUser(
  context: ServiceContext,
  customerRef: string,
  userId: string,
  input: UserFieldsInput,
  expectedVersions?: ExpectedVersions,
): Promise<UpdatedUser> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerRef);
  const row = await context.db.transaction().execute(async (trx) => {
    const locked = await lockUsageOfCustomer(trx, customer.id); // before the user's row (ADR 0073)
    const existing = isUuidLike(userId) ? await lockUser(trx, customer.id, userId) : undefined;
    if (!existing) throw notFound('User', 'Gebruiker');
    assertExpectedVersion(expectedVersions, existing.version, 'user');
    const { state } = await loadPlanningState(trx, locked, planningKeys(existing.email, input), {
      purpose: 'locked',
    });
    const change = toDesiredChange(existing.email, input, (ref) => state.locationById(ref)?.name ?? ref);
    const current = toUserState(existing);
    const target = input.package ?? current.packageId;
    const locationError = unusableLocationError(change.location, target, state, context);
    if (locationError) throw locationError;
    const plan = planUserChange({
      current,
      change,
      behaviour: apiBehaviour(change),
      channel: 'api',
      context: state,
    });
    if (plan.action === 'error') throw planErrorsToAppError(plan, context);
    return {
      before: existing,
      after: (await applyUserPlan(trx, context, customer, plan, existing)) ?? existing,
      warnings: plan.warnings,
    };
  });
  // Licences follow the committed change downstream (a package or add-on change).
  const steps = licenceChangeSteps(holdingOf(row.before), holdingOf(row.after));
  const current = steps.length > 0 ? await pushLicenceSteps(context, customer, row.after, steps) : row.after;
  return {
    view: await viewOf(context, current),
    version: current.version,
    warnings: row.warnings.map((issue) => withApiField(warningDetail(issue, context.locale))),
  };
}

/**
 * Removes the user: its licences downstream first (a failure there changes nothing), then the
 * record; number and extension return to the pool, the email becomes free (SPEC §5). Every
 * channel removes users through here: admin API, CLI, Wholesale API, SCIM.
 */
export async function deleteUser(
  context: ServiceContext,
  customerRef: string,
  userId: string,
): Promise<void> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerRef);
  const current = isUuidLike(userId) ? await findUser(context.db, customer.id, userId) : undefined;
  if (!current) throw notFound('User', 'Gebruiker');
  await removeUserDownstream(customer, current);
  // Deleting the user locks it, then (migration 0012's trigger) its SCIM groups; a group write
  // takes them the other way round: a deadlock is rolled back whole and run again.
  await retryingDeadlocks(() =>
    context.db.transaction().execute(async (trx) => {
      const existing = isUuidLike(userId) ? await lockUser(trx, customer.id, userId) : undefined;
      if (!existing) throw notFound('User', 'Gebruiker');
      await deleteUserRow(trx, customer.id, existing.id);
      await recordAudit(trx, context, {
        partnerId: customer.partner_id,
        customerId: customer.id,
        action: 'user.delete',
        targetType: 'user',
        targetId: existing.id,
        before: toUserState(existing),
      });
    }),
  );
}

export interface ListUsersInput {
  readonly search?: string | undefined;
  readonly package?: string | undefined;
  readonly status?: UserStatus | undefined;
  readonly location?: string | undefined;
  readonly cursor?: string | undefined;
  /** Rows skipped before the page; refused together with `cursor`. */
  readonly offset?: number | undefined;
  /** Also count the rows the search and filters match, on all pages (only when asked: SPEC §11). */
  readonly count?: boolean | undefined;
  readonly limit: number;
}

export interface UserViewPage extends Page<UserView> {
  /** The rows matching the search and filters on all pages; null unless `count` was asked. */
  readonly total: number | null;
}

export async function listUserViews(
  context: ServiceContext,
  customerRef: string,
  input: ListUsersInput,
): Promise<UserViewPage> {
  if (input.offset !== undefined && input.cursor) throw offsetWithCursor();
  const customer = await requireCustomer(context, customerRef);
  const location = input.location ? await requireLocation(context.db, customer.id, input.location) : null;
  const search = {
    search: input.search,
    packageId: input.package,
    status: input.status,
    locationId: location?.id,
  };
  const rows = await listUsers(context.db, customer.id, {
    ...search,
    after: decodeIdCursor(input.cursor),
    offset: input.offset,
    limit: input.limit,
  });
  const total = input.count ? await countListedUsers(context.db, customer.id, search) : null;
  const page = toPage(rows, input.limit, (row) => ({ key: row.email.toLowerCase(), id: row.id }));
  return {
    items: page.items.map((row) => toUserView(row, row.location_name)),
    nextCursor: page.nextCursor,
    total,
  };
}

// Wholesale API subscribers (SPEC §5, §7): users holding a package, seen through the public shape.
// Create, update and delete go through the same services as the admin API (the one planner, the
// provisioning backend); the public status enum hides our `error` state behind `errors`.
import { PRECHECK_SUCCESS, type WholesaleCodeName } from '../../domain/provisioning/wholesale-codes.ts';
import {
  fromPublicStatuses,
  packagesRefused,
  subscriberPackagesFromPublic,
  toPublicSubscriber,
  type PublicSubscriberShape,
  type PublicSubscriberStatus,
} from '../../domain/provisioning/public-subscriber.ts';
import { findSubscriber, listSubscribers, type SubscriberRow } from '../../db/repositories/wholesale.ts';
import { assertCanWrite, customerScope } from '../access/policy.ts';
import { resendConsentEmail } from '../accounts/consent.ts';
import type { ServiceContext } from '../context.ts';
import { unknownLocationError } from '../users/refuse-unusable-location.ts';
import { deleteUser } from '../users/user-service.ts';
import { addOneUser, checkOneUser, type NewUserInput } from './add-users.ts';
import {
  ProbeRateLimited,
  probingAsOneStep,
  recordEmailProbes,
  refuseWhileOverProbeBudget,
} from './email-probes.ts';
import { changeUserPackage } from './change-package.ts';
import { callingParametersUse } from './subscriber-calling-parameters.ts';
import { requireWholesaleCustomer } from './wholesale-customers.ts';
import { wholesaleInvalid, wholesaleNotFound } from './wholesale-errors.ts';

export function toPublic(row: SubscriberRow): PublicSubscriberShape {
  return toPublicSubscriber(
    {
      id: row.id,
      customerId: row.customer_id,
      email: row.email,
      package: row.package,
      attendantConsole: row.attendant_console,
      status: row.status,
      errors: row.errors,
      createdAt: row.created_at,
      statusChangedAt: row.status_changed_at,
    },
    { externalId: row.customer_external_id },
  );
}

export async function requireSubscriber(context: ServiceContext, id: string): Promise<SubscriberRow> {
  const row = await findSubscriber(context.db, customerScope(context.actor), id);
  if (!row) throw wholesaleNotFound('subscriber_not_found');
  return row;
}

export interface SubscriberListInput {
  readonly max: number;
  readonly offset: number;
  readonly customerId?: string | undefined;
  readonly personId?: string | undefined;
  readonly externalCustomerId?: string | undefined;
  readonly email?: string | undefined;
  readonly status?: readonly PublicSubscriberStatus[] | undefined;
  readonly after?: Date | undefined;
  readonly lastStatusChange?: Date | undefined;
  readonly sortBy: 'created' | 'lastStatusChange';
  readonly sortOrder: 'ASC' | 'DESC';
}

export async function listWholesaleSubscribers(
  context: ServiceContext,
  input: SubscriberListInput,
): Promise<PublicSubscriberShape[]> {
  const rows = await listSubscribers(context.db, customerScope(context.actor), {
    customerId: input.customerId,
    userId: input.personId,
    externalCustomerId: input.externalCustomerId,
    email: input.email,
    statuses: input.status ? fromPublicStatuses(input.status) : undefined,
    createdAfter: input.after,
    statusChangedAfter: input.lastStatusChange,
    sortBy: input.sortBy,
    sortOrder: input.sortOrder,
    offset: input.offset,
    limit: input.max,
  });
  return rows.map(toPublic);
}

export interface SubscriberParameters {
  readonly firstName?: string | undefined;
  readonly lastName?: string | undefined;
  readonly primaryPhoneNumber?: string | undefined;
  readonly extension?: string | undefined;
  readonly locationId?: string | undefined;
}

export interface SubscriberCreateInput {
  readonly customerId: string;
  readonly email: string;
  readonly package?: string | undefined;
  readonly packages?: readonly string[] | undefined;
  readonly provisioningParameters: SubscriberParameters;
}

function packageChoice(input: { package?: string | undefined; packages?: readonly string[] | undefined }) {
  const choice = subscriberPackagesFromPublic(input);
  if (!choice.ok) throw packagesRefused(choice.errors);
  return choice.value;
}

/** Answers the subscriber; `pending_user_migration` when the email was a free account (202). */
export async function createWholesaleSubscriber(
  context: ServiceContext,
  input: SubscriberCreateInput,
): Promise<PublicSubscriberShape> {
  const customer = await requireWholesaleCustomer(context, input.customerId);
  const choice = packageChoice(input);
  const parameters = input.provisioningParameters;
  const result = await addOneUser(context, customer, newUserInput(input.email, choice, parameters));
  return toPublic(await requireSubscriber(context, result.user.id));
}

export interface SubscriberUpdateInput {
  readonly package?: string | undefined;
  readonly packages?: readonly string[] | undefined;
  readonly provisioningParameters?: Omit<SubscriberParameters, 'firstName' | 'lastName'> | undefined;
}

export async function updateWholesaleSubscriber(
  context: ServiceContext,
  id: string,
  input: SubscriberUpdateInput,
): Promise<PublicSubscriberShape> {
  const row = await requireSubscriber(context, id);
  const customer = await requireWholesaleCustomer(context, row.customer_id);
  const choice = packageChoice(input);
  const parameters = input.provisioningParameters;
  await changeUserPackage(context, customer, row.id, {
    package: choice.packageId,
    attendantConsole: choice.attendantConsole,
    location: parameters?.locationId,
    extension: parameters?.extension,
    phoneNumber: parameters?.primaryPhoneNumber,
    // Decided in the update's transaction, on the locked user and the customer's locations it
    // plans with (subscriber-calling-parameters.ts says which apply and why).
    usesCallingFields: (user, locations) => {
      const use = callingParametersUse({
        subscriber: user,
        packageId: choice.packageId,
        locationId: parameters?.locationId,
        // Our ids are stored in lower case; PostgreSQL compares UUIDs in any case.
        isOwnLocation: (locationId) => locations.locationById(locationId.toLowerCase()) !== null,
      });
      if (use.kind === 'unknown_location') throw unknownLocationError(use.locationId, context);
      return use.kind === 'use';
    },
  });
  return toPublic(await requireSubscriber(context, row.id));
}

/** Removes the subscriber: licences downstream, then the user (number and extension freed). */
export async function deleteWholesaleSubscriber(context: ServiceContext, id: string): Promise<void> {
  assertCanWrite(context.actor);
  const row = await requireSubscriber(context, id);
  await deleteUser(context, row.customer_id, row.id);
}

export async function resendWholesaleConsent(context: ServiceContext, id: string): Promise<void> {
  assertCanWrite(context.actor);
  const row = await requireSubscriber(context, id);
  const customer = await requireWholesaleCustomer(context, row.customer_id);
  await resendConsentEmail(context, customer, row);
}

export interface SubscriberPrecheckInput {
  readonly customerId?: string | undefined;
  readonly email: string;
  readonly package?: string | undefined;
  readonly packages?: readonly string[] | undefined;
  readonly provisioningParameters?: SubscriberParameters | undefined;
}

function newUserInput(
  email: string,
  choice: ReturnType<typeof packageChoice> | null,
  parameters: SubscriberParameters,
): NewUserInput {
  return {
    email,
    firstName: parameters.firstName,
    lastName: parameters.lastName,
    package: choice?.packageId,
    attendantConsole: choice?.attendantConsole || undefined,
    phoneNumber: parameters.primaryPhoneNumber,
    extension: parameters.extension,
    location: parameters.locationId,
  };
}

/**
 * POST /v1/wholesale/subscribers/validate: the create's own refusals, by its own steps up to the
 * write (checkOneUser), so the two cannot disagree. Without a package only the email is judged;
 * without a customer only whether the email is anyone's.
 */
export async function precheckWholesaleSubscriber(context: ServiceContext, input: SubscriberPrecheckInput) {
  if (!input.customerId) {
    await refuseEmailOfAnyUser(context, input.email.toLowerCase());
    return PRECHECK_SUCCESS;
  }
  // The create's order: the customer, the package, then what adding the user refuses.
  const customer = await requireWholesaleCustomer(context, input.customerId);
  const hasPackage = input.package !== undefined || input.packages !== undefined;
  const choice = hasPackage ? packageChoice(input) : null;
  await checkOneUser(
    context,
    customer,
    newUserInput(input.email, choice, input.provisioningParameters ?? {}),
    choice ? 'plan' : 'email',
  );
  return PRECHECK_SUCCESS;
}

/** A precheck without a customer (no create stands behind it): is the email anyone's? A probe. */
async function refuseEmailOfAnyUser(context: ServiceContext, email: string): Promise<void> {
  // Budget check, lookup and the probe's record as one step for the actor (parallel prechecks
  // cannot all pass a budget none has used yet).
  const verdict = await probingAsOneStep(context, async (probing) => {
    await refuseWhileOverProbeBudget(probing);
    const taken =
      (await probing.db
        .selectFrom('users')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
        .executeTakeFirst()) !== undefined;
    if (!taken) return 'free';
    const scope = { partnerId: context.actor.partnerId, customerId: null };
    return (await recordEmailProbes(probing, scope, [email])).overBudget ? 'over budget' : 'taken';
  });
  // A precheck that finds an existing user is a probe too: audited and rate-limited (SPEC §5).
  if (verdict === 'over budget') throw new ProbeRateLimited();
  if (verdict === 'taken') throw wholesaleInvalid(['email_taken']);
}

/** The planner's codes → the Wholesale API's (shared with the edge's error mapping). */
export const ROW_CODE_TO_WHOLESALE: Readonly<Record<string, WholesaleCodeName>> = {
  email_taken_elsewhere: 'email_taken',
  email_taken: 'email_taken',
  user_exists: 'email_taken',
  package_not_sold: 'package_not_sold',
  package_limit_reached: 'package_limit_reached',
  forbidden_change: 'forbidden_change',
  admin_downgrade: 'admin_downgrade',
  only_full_admin_removal: 'admin_downgrade',
  add_on_not_allowed: 'add_on_not_allowed',
  number_or_extension_required: 'number_or_extension_required',
  location_required: 'location_required',
  unknown_location: 'location_not_found',
  invalid_phone_number: 'invalid_phone_number',
  phone_number_needs_location: 'location_required',
  number_not_in_location: 'number_unavailable',
  number_taken: 'number_unavailable',
  invalid_extension: 'invalid_extension',
  extension_wrong_length: 'invalid_extension',
  extension_taken: 'extension_taken',
  package_required: 'invalid_request',
  invalid_email: 'invalid_request',
  customer_busy: 'customer_busy',
  package_in_use: 'package_in_use',
  external_id_taken: 'external_id_taken',
  not_pending_user_migration: 'not_pending_user_migration',
  pending_user_migration: 'subscriber_pending_user_migration',
  rate_limited: 'rate_limited',
  provisioning_failed: 'provisioning_failed',
  too_many_users: 'invalid_request',
  duplicate_email_in_file: 'invalid_request',
};

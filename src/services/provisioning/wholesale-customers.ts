// Wholesale API customers (SPEC §2, §7): the public request shapes mapped onto our customer
// lifecycle. Create and update answer at once and continue in the provisioning job (202).
import { randomUUID } from 'node:crypto';
import { conflict, isAppError, validationFailed } from '../../domain/errors.ts';
import { canStart, customerBusy } from '../../domain/provisioning/customer-lifecycle.ts';
import {
  customerChangesFromUpdate,
  customerDraftFromCreate,
  packagesRemovedInUse,
  toPublicCustomer,
  type CustomerRecord,
  type LocationDraft,
  type PublicAddressInput,
  type PublicCustomerCreateInput,
  type PublicCustomerShape,
  type PublicCustomerUpdateInput,
  type PublicProvisioningParametersInput,
} from '../../domain/provisioning/public-customer.ts';
import { PRECHECK_SUCCESS } from '../../domain/provisioning/wholesale-codes.ts';
import {
  countPackageUsage,
  listCustomerPackages,
  lockCustomer,
  replaceCustomerPackages,
  updateCustomer,
  type CustomerPackageRow,
} from '../../db/repositories/customers.ts';
import { insertLocation, listLocations } from '../../db/repositories/locations.ts';
import { listCustomersByOffset } from '../../db/repositories/wholesale.ts';
import type { CustomerRow, CustomerStatus } from '../../db/schema.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import {
  assertCanWrite,
  assertMayChangeSoldPackages,
  assertPartnerAdmin,
  assertPartnerRole,
  customerScope,
} from '../access/policy.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor, ServiceContext } from '../context.ts';
import {
  checkCreateCustomerInput,
  createCustomer,
  deleteCustomer,
  requireCustomer,
  PROVISION_CUSTOMER_JOB,
  type CreateCustomerInput,
} from '../customers/customer-service.ts';
import { isUniqueViolation } from '../db-errors.ts';
import { isPrimaryEmailHeldExclusively, isPrimaryEmailTaken } from './customer-primary-email.ts';
import { emailTakenError } from './email-probes.ts';
import { externalIdTaken, wholesaleInvalid, wholesaleNotFound } from './wholesale-errors.ts';

export function toCustomerRecord(row: CustomerRow, packages: readonly CustomerPackageRow[]): CustomerRecord {
  return {
    id: row.id,
    externalId: row.external_id,
    status: row.status,
    addressLine1: row.address_line1,
    addressLine2: row.address_line2,
    city: row.city,
    stateOrProvince: row.state_or_province,
    zipCode: row.zip_code,
    country: row.country,
    packages: packages
      .filter((entry) => entry.customer_id === row.id)
      .map((entry) => ({ packageId: entry.package_id, limit: entry.limit })),
    errors: row.errors,
  };
}

/** The customer by id or externalId; otherwise 404 with the customer-not-found code. */
export async function requireWholesaleCustomer(context: ServiceContext, ref: string): Promise<CustomerRow> {
  try {
    return await requireCustomer(context, ref);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') throw wholesaleNotFound('customer_not_found');
    throw error;
  }
}

export async function getWholesaleCustomer(
  context: ServiceContext,
  ref: string,
): Promise<PublicCustomerShape> {
  const row = await requireWholesaleCustomer(context, ref);
  return toPublicCustomer(toCustomerRecord(row, await listCustomerPackages(context.db, [row.id])));
}

export async function listWholesaleCustomers(
  context: ServiceContext,
  query: {
    externalId?: string | undefined;
    orgId?: string | undefined;
    status?: readonly string[] | undefined;
    offset: number;
    max: number;
  },
): Promise<PublicCustomerShape[]> {
  const statuses = (query.status ?? []).filter((status): status is CustomerStatus =>
    ['provisioning', 'provisioned', 'provisioned_with_errors', 'error', 'updating', 'deleting'].includes(
      status,
    ),
  );
  // A filter on a status we never use (pending_rpl_review) matches nothing.
  if (query.status && query.status.length > 0 && statuses.length === 0) return [];
  const rows = await listCustomersByOffset(context.db, customerScope(context.actor), {
    externalId: query.externalId,
    id: query.orgId,
    statuses,
    offset: query.offset,
    limit: query.max,
  });
  const packages = await listCustomerPackages(
    context.db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toPublicCustomer(toCustomerRecord(row, packages)));
}

function locationInput(location: LocationDraft | null) {
  if (!location) return undefined;
  return {
    name: location.name,
    country: location.country,
    addressLine1: location.addressLine1,
    addressLine2: location.addressLine2,
    city: location.city,
    stateOrProvince: location.stateOrProvince,
    zipCode: location.zipCode,
    timeZone: location.timeZone,
    language: location.language,
  };
}

/** Whether another customer of the caller's partner has the externalId. */
async function isExternalIdTaken(context: ServiceContext, externalId: string): Promise<boolean> {
  const taken = await context.db
    .selectFrom('customers')
    .select('id')
    .where('partner_id', '=', context.actor.partnerId)
    .where('external_id', '=', externalId.trim())
    .executeTakeFirst();
  return taken !== undefined;
}

/** POST /v1/wholesale/customers: answers the new customer's id; provisioning continues (202). */
export async function createWholesaleCustomer(
  context: ServiceContext,
  request: PublicCustomerCreateInput,
): Promise<string> {
  const id = await provisionCustomer(context, request, 'create');
  if (id === null) throw new Error('the create answered no customer');
  return id;
}

/**
 * The create and its precheck are one path: every refusal of the create, in its order, up to its
 * first write (createCustomer's own input checks, checkCreateCustomerInput, included). `check`
 * stops there and writes nothing but the probe audit a create writes too; only the role differs
 * (the precheck's caller says which may check). Answers the new customer's id, or null for `check`.
 */
async function provisionCustomer(
  context: ServiceContext,
  request: PublicCustomerCreateInput,
  mode: 'create' | 'check',
): Promise<string | null> {
  const draft = customerDraftFromCreate(request);
  if (!draft.ok) throw wholesaleInvalid(draft.errors);
  const { value } = draft;
  // The role before the email: a caller who may not create customers learns nothing of it. A
  // create its own partner refuses (a taken externalId, 409) is refused before any email probe.
  if (mode === 'create') assertPartnerAdmin(context.actor);
  if (await isExternalIdTaken(context, value.externalId)) throw externalIdTaken(value.externalId);
  // The precheck's rule: a primary email an admin account holds cannot become this customer's
  // admin, so the create refuses it now (10022) instead of accepting a customer whose admin
  // invite is bound to fail in the background.
  if (await isPrimaryEmailTaken(context, value.adminEmail)) throw emailTakenError();
  const input: CreateCustomerInput = {
    name: value.name,
    externalId: value.externalId,
    adminEmail: value.adminEmail,
    country: value.address.country,
    address: {
      addressLine1: value.address.addressLine1,
      addressLine2: value.address.addressLine2,
      city: value.address.city,
      stateOrProvince: value.address.stateOrProvince,
      zipCode: value.address.zipCode,
    },
    language: value.language,
    packages: value.packages.map((entry) => ({ id: entry.packageId, limit: entry.limit })),
    firstLocation: locationInput(value.firstLocation),
  };
  // Checked again where it counts: a simultaneous create with the same new email may have passed
  // the check above too. The create holds a lock on the email until it commits.
  let heldMeanwhile = false;
  const refuseHeldEmail = async (trx: Executor): Promise<void> => {
    heldMeanwhile = await isPrimaryEmailHeldExclusively(trx, value.adminEmail);
    if (heldMeanwhile) throw emailTakenError();
  };
  try {
    if (mode === 'create')
      return (await createCustomer(context, input, { beforeInsert: refuseHeldEmail })).id;
    // What createCustomer checks before its transaction, then its check inside one, storing nothing.
    const details = checkCreateCustomerInput(input);
    if (details.length > 0) throw validationFailed(details);
    await context.db.transaction().execute(refuseHeldEmail);
    return null;
  } catch (error) {
    // The loser of the race probed an email as the check above does: audited, and limited (429).
    if (heldMeanwhile) await isPrimaryEmailTaken(context, value.adminEmail);
    throw error;
  }
}

/** PUT /v1/wholesale/customers/{id}: the package list replaces the old one; work continues in the job. */
export async function updateWholesaleCustomer(
  context: ServiceContext,
  ref: string,
  request: PublicCustomerUpdateInput,
): Promise<string> {
  assertCanWrite(context.actor);
  const found = await requireWholesaleCustomer(context, ref);
  // Its packages list always replaces the sold packages. After the lookup: another tenant's
  // customer is not found (404) before anything else is said about it.
  assertMayChangeSoldPackages(context.actor);
  return context.db.transaction().execute(async (trx) => {
    const existing = await lockCustomer(trx, customerScope(context.actor), found.id);
    if (!existing) throw wholesaleNotFound('customer_not_found');
    if (!canStart('update', existing.status)) throw customerBusy(existing.status);
    const locations = await listLocations(trx, existing.id);
    const changes = customerChangesFromUpdate(request, { hasLocation: locations.length > 0 });
    if (!changes.ok) throw wholesaleInvalid(changes.errors);
    const current: string[] = (await listCustomerPackages(trx, [existing.id])).map(
      (entry) => entry.package_id,
    );
    const next: string[] = changes.value.packages.map((entry) => entry.packageId);
    const usage = Object.fromEntries(await countPackageUsage(trx, existing.id));
    const inUse = packagesRemovedInUse(current, next, usage);
    // The default package template (settings) is in use too: new users and CSV rows without a
    // package get it. Refused as the admin PATCH refuses it (customer-service replaceSoldPackages).
    const template = existing.default_package;
    const templateRemoved = template !== null && !next.includes(template);
    if (inUse.length > 0 || templateRemoved) {
      throw conflict(
        {
          en: 'A package that users still hold cannot be removed.',
          nl: 'Een pakket dat gebruikers nog hebben, kan niet worden verwijderd.',
        },
        [
          ...(templateRemoved
            ? [
                {
                  code: 'package_in_use',
                  field: 'packages',
                  description: `${template} is the default package for new users (settings) and cannot be removed: choose another default package first.`,
                },
              ]
            : []),
          ...inUse.map((packageId) => ({
            code: 'package_in_use',
            field: 'packages',
            description: `${packageId} is held by ${usage[packageId] ?? 0} user(s) and cannot be removed.`,
          })),
        ],
      );
    }
    const belowUsage = changes.value.packages.filter(
      (entry) => entry.limit !== null && entry.limit < (usage[entry.packageId] ?? 0),
    );
    if (belowUsage.length > 0) {
      throw conflict(
        {
          en: 'A package limit cannot be lower than the users who hold it.',
          nl: 'Een pakketlimiet kan niet lager zijn dan het aantal gebruikers dat het pakket heeft.',
        },
        belowUsage.map((entry) => ({
          code: 'package_limit_reached',
          field: 'provisioningParameters.packages.limits',
          description: `The limit of ${entry.packageId} (${entry.limit}) is below the ${usage[entry.packageId] ?? 0} user(s) who hold it.`,
        })),
      );
    }
    await replaceCustomerPackages(trx, existing.id, changes.value.packages);
    const locationIds: string[] = [];
    if (changes.value.firstLocation) {
      const location = locationInput(changes.value.firstLocation);
      if (location) locationIds.push((await insertLocation(trx, existing.id, location)).id);
    }
    const address = changes.value.address;
    let row: CustomerRow;
    try {
      row = await updateCustomer(trx, existing.id, {
        status: 'updating',
        errors: '[]',
        ...(changes.value.externalId !== undefined ? { external_id: changes.value.externalId } : {}),
        ...(address
          ? {
              country: address.country,
              address_line1: address.addressLine1,
              address_line2: address.addressLine2,
              city: address.city,
              state_or_province: address.stateOrProvince,
              zip_code: address.zipCode,
            }
          : {}),
      });
    } catch (error) {
      // The same 409 as a create with a taken externalId (POST), not a 400.
      if (isUniqueViolation(error)) throw externalIdTaken(changes.value.externalId ?? '');
      throw error;
    }
    await enqueueJob(trx, {
      kind: PROVISION_CUSTOMER_JOB,
      payload: {
        customerId: row.id,
        added: next.filter((id) => !current.includes(id)),
        removed: current.filter((id) => !next.includes(id)),
        locationIds,
      },
      queueKey: row.id,
    });
    await recordAudit(trx, context, {
      partnerId: row.partner_id,
      customerId: row.id,
      action: 'customer.update',
      targetType: 'customer',
      targetId: row.id,
      before: { status: existing.status, externalId: existing.external_id, packages: current },
      after: { status: row.status, externalId: row.external_id, packages: next },
    });
    return row.id;
  });
}

export async function deleteWholesaleCustomer(context: ServiceContext, ref: string): Promise<void> {
  // The role first: a caller who may not delete customers learns nothing of this one's state.
  assertPartnerAdmin(context.actor);
  const row = await requireWholesaleCustomer(context, ref);
  if (!canStart('delete', row.status) && row.status !== 'deleting') throw customerBusy(row.status);
  await deleteCustomer(context, row.id);
}

export interface CustomerPrecheckInput {
  readonly packages?: readonly string[] | undefined;
  readonly orgId?: string | undefined;
  readonly externalId?: string | undefined;
  readonly address: PublicAddressInput;
  readonly customerInfo?:
    { name?: string | undefined; primaryEmail: string; language?: string | undefined } | undefined;
  readonly provisioningParameters?: PublicProvisioningParametersInput | undefined;
}

/**
 * What a precheck leaves out stands for a part the create accepts, and is judged by nothing else:
 * no packages (no first location needed), a name, a new random externalId no customer holds, an
 * admin email of the reserved .invalid domain no account can hold.
 */
const UNJUDGED = { name: 'Precheck', primaryEmail: 'precheck@precheck.invalid' } as const;

function asCreateRequest(request: CustomerPrecheckInput): PublicCustomerCreateInput {
  return {
    ...request,
    packages: request.packages ?? [],
    externalId: request.externalId ?? `precheck-${randomUUID()}`,
    customerInfo: {
      name: request.customerInfo?.name ?? UNJUDGED.name,
      primaryEmail: request.customerInfo?.primaryEmail ?? UNJUDGED.primaryEmail,
      language: request.customerInfo?.language,
    },
  };
}

/**
 * POST /v1/wholesale/customers/validate: the create's own path, stopped before its first write
 * (provisionCustomer), so the precheck refuses what the create refuses, with the same answer.
 */
export async function precheckWholesaleCustomer(context: ServiceContext, request: CustomerPrecheckInput) {
  // Creating customers is the partner's business: a customer role may not learn through the
  // precheck which externalIds its partner uses (404, as for the create itself).
  assertPartnerRole(context.actor);
  await provisionCustomer(context, asCreateRequest(request), 'check');
  return PRECHECK_SUCCESS;
}

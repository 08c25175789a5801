// Customer use cases for the admin API and the CLI: create (provisioned in the background),
// list, get, update, delete. Each owns its transaction and writes the audit row inside it.

import { AppError, conflict, notFound, validationFailed, type ErrorDetail } from '../../domain/errors.ts';
import {
  checkAddress,
  checkCountry,
  checkCustomerName,
  checkLanguage,
  checkSoldPackages,
  isEmail,
  type CustomerAddressInput,
  type SoldPackageInput,
} from '../../domain/customers/customer-input.ts';
import {
  countPackageUsage,
  findCustomerById,
  findCustomerByRef,
  insertCustomer,
  listCustomers,
  lockCustomer,
  replaceCustomerPackages,
  updateCustomer,
} from '../../db/repositories/customers.ts';
import { insertLocation } from '../../db/repositories/locations.ts';
import type { CustomerRow, CustomerStatus } from '../../db/schema.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { canStart, customerBusy } from '../../domain/provisioning/customer-lifecycle.ts';
import { canonicalLanguageTag } from '../../domain/locale/language-tag.ts';
import { packageDisplayName } from '../../domain/packages/catalog.ts';
import {
  assertCanWrite,
  assertMayChangeExternalId,
  assertMayChangeSoldPackages,
  assertPartnerAdmin,
  customerScope,
} from '../access/policy.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { assertExpectedVersion, type ExpectedVersions } from '../concurrency/edit-version.ts';
import type { Executor, ServiceContext } from '../context.ts';
import { isUniqueViolation } from '../db-errors.ts';
import {
  checkLocationInput,
  withCanonicalLanguage,
  type LocationInput,
} from '../locations/location-service.ts';
import { decodeIdCursor } from '../checked-cursor.ts';
import { toPage, type Page } from '../paging.ts';
import { loadCustomerView, loadCustomerViews, type CustomerView } from './customer-view.ts';
import { counted, isSingular } from '../../domain/messages/counted.ts';

export const PROVISION_CUSTOMER_JOB = 'provision-customer';
export const DELETE_CUSTOMER_JOB = 'delete-customer';

export interface CreateCustomerInput {
  readonly name: string;
  readonly externalId: string;
  readonly adminEmail: string;
  readonly country: string;
  readonly address?: CustomerAddressInput | undefined;
  readonly language?: string | undefined;
  readonly packages?: readonly SoldPackageInput[] | undefined;
  readonly firstLocation?: LocationInput | undefined;
}

/**
 * The admin API's and the CLI's customer create. An admin email that an admin account already
 * holds is accepted here and reported by provisioning (`admin_invite_failed`, naming the reason);
 * the Wholesale create refuses it at once (10022) through the rule it shares with its precheck
 * (customer-primary-email.ts), as the public API's precheck/create pair must agree.
 */
export interface CreateCustomerOptions {
  /**
   * Runs first inside the create's transaction, before the customer is stored: a check that must
   * hold until the customer commits (the Wholesale create's primary-email rule). A throw refuses
   * the create.
   */
  readonly beforeInsert?: (trx: Executor) => Promise<void>;
}

/** SPEC §2: the partner's own id of the customer may not be blank; create and update say it alike. */
function checkExternalId(externalId: string | undefined): ErrorDetail[] {
  if (externalId === undefined || externalId.trim()) return [];
  return [
    {
      code: 'required',
      field: 'externalId',
      description: 'externalId is required.',
      descriptionNl: 'externalId is verplicht.',
    },
  ];
}

/** SPEC §2: externalId is unique per partner; the 409 of a create and of an update. */
function externalIdTakenError(externalId: string): AppError {
  return conflict(
    {
      en: `A customer with external ID "${externalId}" already exists.`,
      nl: `Er bestaat al een klant met externe ID "${externalId}".`,
    },
    [
      {
        code: 'external_id_taken',
        field: 'externalId',
        description: 'externalId is already used by another customer of this partner.',
        descriptionNl: 'Deze externe ID wordt al gebruikt door een andere klant van deze partner.',
      },
    ],
  );
}

/**
 * What a customer create refuses in its input, before anything is looked up or stored: the
 * create's own checks, also run alone by the Wholesale customer precheck (wholesale-customers.ts).
 */
export function checkCreateCustomerInput(input: CreateCustomerInput): ErrorDetail[] {
  return [
    ...checkCustomerName(input.name),
    ...checkExternalId(input.externalId),
    ...(isEmail(input.adminEmail)
      ? []
      : [
          {
            code: 'invalid_email',
            field: 'adminEmail',
            description: `"${input.adminEmail}" is not a valid email address.`,
            descriptionNl: `"${input.adminEmail}" is geen geldig e-mailadres.`,
          },
        ]),
    ...checkCountry(input.country),
    ...checkLanguage(input.language),
    ...checkAddress(input.address),
    ...checkSoldPackages(input.packages),
    ...(input.firstLocation ? checkLocationInput(input.firstLocation, 'firstLocation') : []),
  ];
}

export async function createCustomer(
  context: ServiceContext,
  input: CreateCustomerInput,
  options: CreateCustomerOptions = {},
): Promise<CustomerView> {
  assertPartnerAdmin(context.actor);
  const details = checkCreateCustomerInput(input);
  if (details.length > 0) throw validationFailed(details);

  return context.db.transaction().execute(async (trx) => {
    await options.beforeInsert?.(trx);
    let row: CustomerRow;
    try {
      row = await insertCustomer(trx, {
        partner_id: context.actor.partnerId,
        name: input.name.trim(),
        external_id: input.externalId.trim(),
        admin_email: input.adminEmail.trim().toLowerCase(),
        country: input.country,
        address_line1: input.address?.addressLine1 ?? null,
        address_line2: input.address?.addressLine2 ?? null,
        city: input.address?.city ?? null,
        state_or_province: input.address?.stateOrProvince ?? null,
        zip_code: input.address?.zipCode ?? null,
        ...(input.language !== undefined
          ? { language: canonicalLanguageTag(input.language) ?? input.language }
          : {}),
        status: 'provisioning',
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw externalIdTakenError(input.externalId);
      throw error;
    }
    const packages = (input.packages ?? []).map((entry) => ({
      packageId: entry.id,
      limit: entry.limit ?? null,
    }));
    await replaceCustomerPackages(trx, row.id, packages);
    if (input.firstLocation) await insertLocation(trx, row.id, withCanonicalLanguage(input.firstLocation));
    await enqueueJob(trx, {
      kind: PROVISION_CUSTOMER_JOB,
      payload: { customerId: row.id },
      queueKey: row.id,
    });
    const view = await loadCustomerView(trx, row, context.locale);
    await recordAudit(trx, context, {
      partnerId: row.partner_id,
      customerId: row.id,
      action: 'customer.create',
      targetType: 'customer',
      targetId: row.id,
      after: view,
    });
    return view;
  });
}

export interface ListCustomersInput {
  readonly search?: string | undefined;
  readonly status?: CustomerStatus | undefined;
  readonly externalId?: string | undefined;
  readonly cursor?: string | undefined;
  readonly limit: number;
}

export async function listCustomerViews(
  context: ServiceContext,
  input: ListCustomersInput,
): Promise<Page<CustomerView>> {
  const rows = await listCustomers(context.db, customerScope(context.actor), {
    search: input.search,
    status: input.status,
    externalId: input.externalId,
    after: decodeIdCursor(input.cursor),
    limit: input.limit,
  });
  const page = toPage(rows, input.limit, (row) => ({ key: row.name.toLowerCase(), id: row.id }));
  return {
    items: await loadCustomerViews(context.db, page.items, context.locale),
    nextCursor: page.nextCursor,
  };
}

/** Finds a customer the actor may see, by id or externalId; otherwise 404. */
export async function requireCustomer(
  context: ServiceContext,
  ref: string,
  executor: Executor = context.db,
): Promise<CustomerRow> {
  const scope = { ...customerScope(context.actor), actingPartnerId: context.actor.partnerId };
  const row = await findCustomerByRef(executor, scope, ref);
  if (!row) throw notFound('Customer', 'Klant');
  return row;
}

export async function getCustomerView(context: ServiceContext, ref: string): Promise<CustomerView> {
  return (await getVersionedCustomerView(context, ref)).view;
}

/** The customer with the stored version it was read at: the admin API's ETag (ADR 0092). */
export interface VersionedCustomerView {
  readonly view: CustomerView;
  readonly version: number;
}

export async function getVersionedCustomerView(
  context: ServiceContext,
  ref: string,
): Promise<VersionedCustomerView> {
  const row = await requireCustomer(context, ref);
  return { view: await loadCustomerView(context.db, row, context.locale), version: row.version };
}

export interface UpdateCustomerInput {
  readonly name?: string | undefined;
  /** The partner's own id: unique per partner, as on create (the Wholesale PUT changes it too). */
  readonly externalId?: string | undefined;
  readonly adminEmail?: string | undefined;
  readonly country?: string | undefined;
  readonly address?: CustomerAddressInput | undefined;
  readonly language?: string | undefined;
  /** Replaces the sold packages; removing a package in use is refused. */
  readonly packages?: readonly SoldPackageInput[] | undefined;
}

export async function updateCustomerDetails(
  context: ServiceContext,
  customerId: string,
  input: UpdateCustomerInput,
): Promise<CustomerView> {
  return (await updateVersionedCustomerDetails(context, customerId, input)).view;
}

/**
 * updateCustomerDetails, refused with 412 when the customer's version is not one of
 * `expectedVersions` (checked under the customer's row lock, before anything is written); answers
 * the version after the change.
 */
export async function updateVersionedCustomerDetails(
  context: ServiceContext,
  customerId: string,
  input: UpdateCustomerInput,
  expectedVersions?: ExpectedVersions,
): Promise<VersionedCustomerView> {
  assertCanWrite(context.actor);
  const details = [
    ...checkCustomerName(input.name),
    ...checkExternalId(input.externalId),
    ...(input.adminEmail !== undefined && !isEmail(input.adminEmail)
      ? [
          {
            code: 'invalid_email',
            field: 'adminEmail',
            description: `"${input.adminEmail}" is not a valid email address.`,
            descriptionNl: `"${input.adminEmail}" is geen geldig e-mailadres.`,
          },
        ]
      : []),
    ...checkCountry(input.country),
    ...checkLanguage(input.language),
    ...checkAddress(input.address),
    ...checkSoldPackages(input.packages),
  ];
  if (details.length > 0) throw validationFailed(details);

  return context.db.transaction().execute(async (trx) => {
    const existing = await lockCustomer(trx, customerScope(context.actor), customerId);
    if (!existing) throw notFound('Customer', 'Klant');
    assertExpectedVersion(expectedVersions, existing.version, 'customer');
    if (input.packages !== undefined) assertMayChangeSoldPackages(context.actor);
    if (input.externalId !== undefined && input.externalId.trim() !== existing.external_id)
      assertMayChangeExternalId(context.actor);
    if (!canStart('update', existing.status)) throw customerBusy(existing.status);
    const before = await loadCustomerView(trx, existing, context.locale);
    const soldBefore = before.packages.map((entry) => entry.id);
    const soldAfter = input.packages?.map((entry) => entry.id) ?? soldBefore;
    const added = soldAfter.filter((id) => !soldBefore.includes(id));
    const removed = soldBefore.filter((id) => !soldAfter.includes(id));
    if (input.packages) await replaceSoldPackages(trx, existing, input.packages);
    // A change of the sold packages goes downstream like the Wholesale API's update: `updating`
    // until the provisioning job has applied it (SPEC §2).
    const goesDownstream = added.length > 0 || removed.length > 0;
    if (goesDownstream) {
      await enqueueJob(trx, {
        kind: PROVISION_CUSTOMER_JOB,
        payload: { customerId: existing.id, added, removed },
        queueKey: existing.id,
      });
    }
    let row: CustomerRow;
    try {
      row = await updateCustomer(trx, existing.id, {
        ...(goesDownstream ? { status: 'updating' as const, errors: '[]' } : {}),
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.externalId !== undefined ? { external_id: input.externalId.trim() } : {}),
        ...(input.adminEmail !== undefined ? { admin_email: input.adminEmail.trim().toLowerCase() } : {}),
        ...(input.country !== undefined ? { country: input.country } : {}),
        ...(input.language !== undefined
          ? { language: canonicalLanguageTag(input.language) ?? input.language }
          : {}),
        ...(input.address
          ? {
              address_line1: input.address.addressLine1 ?? null,
              address_line2: input.address.addressLine2 ?? null,
              city: input.address.city ?? null,
              state_or_province: input.address.stateOrProvince ?? null,
              zip_code: input.address.zipCode ?? null,
            }
          : {}),
      });
    } catch (error) {
      // The same 409 as a create with a taken externalId, not a 400 or a 500.
      if (isUniqueViolation(error)) throw externalIdTakenError(input.externalId ?? '');
      throw error;
    }
    const after = await loadCustomerView(trx, row, context.locale);
    await recordAudit(trx, context, {
      partnerId: row.partner_id,
      customerId: row.id,
      action: 'customer.update',
      targetType: 'customer',
      targetId: row.id,
      before,
      after,
    });
    return { view: after, version: row.version };
  });
}

async function replaceSoldPackages(
  trx: Executor,
  customer: CustomerRow,
  packages: readonly SoldPackageInput[],
): Promise<void> {
  const customerId = customer.id;
  const usage = await countPackageUsage(trx, customerId);
  const kept = new Set(packages.map((entry) => entry.id));
  const removedInUse: ErrorDetail[] = [];
  // The default package template (settings) is in use too: new users and CSV rows without a
  // package get it, and a package no longer sold cannot be assigned (SPEC §2). The settings refuse
  // an unsold template; removing the template's package is refused alike.
  const template = customer.default_package;
  if (template !== null && !kept.has(template)) {
    removedInUse.push({
      code: 'package_in_use',
      field: 'packages',
      description: `${packageDisplayName(template, 'en')} is the default package for new users (settings) and cannot be removed: choose another default package first.`,
      descriptionNl: `${packageDisplayName(template, 'nl')} is het standaardpakket voor nieuwe gebruikers (instellingen) en kan niet worden verwijderd: kies eerst een ander standaardpakket.`,
    });
  }
  const limitsBelowUse: ErrorDetail[] = [];
  for (const [packageId, holders] of usage) {
    if (holders > 0 && !kept.has(packageId)) {
      removedInUse.push({
        code: 'package_in_use',
        field: 'packages',
        description: `${packageDisplayName(packageId, 'en')} is held by ${counted(holders, 'en', 'user', 'users')} and cannot be removed.`,
        descriptionNl: `${packageDisplayName(packageId, 'nl')} is in gebruik bij ${counted(holders, 'nl', 'gebruiker', 'gebruikers')} en kan niet worden verwijderd.`,
      });
    }
  }
  for (const entry of packages) {
    const holders = usage.get(entry.id) ?? 0;
    if (entry.limit !== undefined && entry.limit !== null && entry.limit < holders) {
      limitsBelowUse.push({
        code: 'limit_below_usage',
        field: 'packages',
        description: `The limit of ${packageDisplayName(entry.id, 'en')} (${entry.limit}) is below the ${counted(holders, 'en', 'user', 'users')} who ${isSingular(holders, 'en') ? 'holds' : 'hold'} it.`,
        descriptionNl: `De limiet van ${packageDisplayName(entry.id, 'nl')} (${entry.limit}) ligt onder ${isSingular(holders, 'nl') ? 'de ene gebruiker' : `de ${holders} gebruikers`} met dit pakket.`,
      });
    }
  }
  if (removedInUse.length > 0 || limitsBelowUse.length > 0) {
    // The headline names what went wrong: a removal, a limit, or both.
    const headline =
      limitsBelowUse.length === 0
        ? {
            en: 'A package in use cannot be removed.',
            nl: 'Een pakket dat in gebruik is, kan niet worden verwijderd.',
          }
        : removedInUse.length === 0
          ? {
              en: 'A limit cannot be lower than the number of users who hold the package.',
              nl: 'Een limiet kan niet lager zijn dan het aantal gebruikers met het pakket.',
            }
          : {
              en: 'Packages in use cannot be removed, nor their limits set below their use.',
              nl: 'Pakketten die in gebruik zijn, kunnen niet worden verwijderd en hun limiet kan niet lager zijn dan het aantal gebruikers met het pakket.',
            };
    throw conflict(headline, [...removedInUse, ...limitsBelowUse]);
  }
  await replaceCustomerPackages(
    trx,
    customerId,
    packages.map((entry) => ({ packageId: entry.id, limit: entry.limit ?? null })),
  );
}

/** Marks the customer `deleting`; the delete job removes it and frees its numbers and emails. */
export async function deleteCustomer(context: ServiceContext, customerId: string): Promise<CustomerView> {
  assertPartnerAdmin(context.actor);
  return context.db.transaction().execute(async (trx) => {
    const existing = await lockCustomer(trx, customerScope(context.actor), customerId);
    if (!existing) throw notFound('Customer', 'Klant');
    if (existing.status === 'deleting') return await loadCustomerView(trx, existing, context.locale);
    const row = await updateCustomer(trx, existing.id, { status: 'deleting' });
    await enqueueJob(trx, { kind: DELETE_CUSTOMER_JOB, payload: { customerId: row.id }, queueKey: row.id });
    await recordAudit(trx, context, {
      partnerId: row.partner_id,
      customerId: row.id,
      action: 'customer.delete',
      targetType: 'customer',
      targetId: row.id,
      before: { status: existing.status },
      after: { status: 'deleting' },
    });
    return await loadCustomerView(trx, row, context.locale);
  });
}

/** Used by tests and the CLI to confirm provisioning finished. */
export async function customerStatus(context: ServiceContext, customerId: string): Promise<CustomerStatus> {
  const row = await findCustomerById(context.db, customerScope(context.actor), customerId);
  if (!row) throw notFound('Customer', 'Klant');
  return row.status;
}

export function ensureProvisionedForWrites(row: CustomerRow): void {
  if (row.status === 'deleting') {
    throw new AppError('conflict', {
      en: 'The customer is being deleted.',
      nl: 'De klant wordt verwijderd.',
    });
  }
}

// Location use cases (SPEC §4): create, list, edit, delete when nothing uses them.
import { conflict, notFound, validationFailed, type ErrorDetail } from '../../domain/errors.ts';
import { checkAddress, checkCountry, checkLanguage } from '../../domain/customers/customer-input.ts';
import { canonicalLanguageTag } from '../../domain/locale/language-tag.ts';
import {
  deleteLocationRow,
  findLocation,
  findLocationByName,
  insertLocation,
  listLocationPage,
  listLocations,
  lockLocation,
  locationUsage,
  updateLocationRow,
  type LocationValues,
} from '../../db/repositories/locations.ts';
import type { LocationRow } from '../../db/schema.ts';
import { assertCanWrite } from '../access/policy.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { assertExpectedVersion, type ExpectedVersions } from '../concurrency/edit-version.ts';
import type { Executor, ServiceContext } from '../context.ts';
import { requireCustomer } from '../customers/customer-service.ts';
import { isUniqueViolation, isUuidLike, retryingForeignKeyRace } from '../db-errors.ts';
import { decodeIdCursor } from '../checked-cursor.ts';
import { toPage, type Page } from '../paging.ts';
import { counted } from '../../domain/messages/counted.ts';

export type LocationInput = LocationValues;

export interface LocationView {
  readonly id: string;
  readonly customerId: string;
  readonly name: string;
  readonly country: string;
  readonly address: {
    readonly addressLine1: string | null;
    readonly addressLine2: string | null;
    readonly city: string | null;
    readonly stateOrProvince: string | null;
    readonly zipCode: string | null;
  };
  readonly timeZone: string;
  readonly language: string | null;
}

export function toLocationView(row: LocationRow): LocationView {
  return {
    id: row.id,
    customerId: row.customer_id,
    name: row.name,
    country: row.country,
    address: {
      addressLine1: row.address_line1,
      addressLine2: row.address_line2,
      city: row.city,
      stateOrProvince: row.state_or_province,
      zipCode: row.zip_code,
    },
    timeZone: row.time_zone,
    language: row.language,
  };
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}

export function checkLocationInput(
  input: Partial<LocationInput>,
  prefix = '',
  creating = true,
): ErrorDetail[] {
  const field = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const details: ErrorDetail[] = [];
  if (creating || input.name !== undefined) {
    const name = input.name?.trim() ?? '';
    if (!name)
      details.push({
        code: 'required',
        field: field('name'),
        description: 'Location name is required.',
        descriptionNl: 'De naam van de locatie is verplicht.',
      });
    else if (name.length > 80)
      details.push({
        code: 'too_long',
        field: field('name'),
        description: 'Location name is longer than 80 characters.',
        descriptionNl: 'De naam van de locatie is langer dan 80 tekens.',
      });
  }
  if (creating && !input.country)
    details.push({
      code: 'required',
      field: field('country'),
      description: 'Country is required.',
      descriptionNl: 'Het land is verplicht.',
    });
  details.push(...checkCountry(input.country, field('country')));
  if (creating && !input.timeZone)
    details.push({
      code: 'required',
      field: field('timeZone'),
      description: 'Time zone is required.',
      descriptionNl: 'De tijdzone is verplicht.',
    });
  if (input.timeZone && !isTimeZone(input.timeZone)) {
    details.push({
      code: 'invalid_time_zone',
      field: field('timeZone'),
      description: `"${input.timeZone}" is not a time zone such as Europe/Amsterdam.`,
      descriptionNl: `"${input.timeZone}" is geen tijdzone zoals Europe/Amsterdam.`,
    });
  }
  details.push(...checkLanguage(input.language, field('language')));
  details.push(...checkAddress(input, prefix || 'address'));
  return details;
}

/** A checked location's language in its stored form (`en_us` → `en_US`). */
export function withCanonicalLanguage<T extends Partial<LocationInput>>(input: T): T {
  if (input.language === undefined || input.language === null) return input;
  return { ...input, language: canonicalLanguageTag(input.language) ?? input.language };
}

function nameTaken(name: string): Error {
  return conflict(
    {
      en: `A location named "${name}" already exists.`,
      nl: `Er bestaat al een locatie met de naam "${name}".`,
    },
    [
      {
        code: 'location_name_taken',
        field: 'name',
        description: 'Location names are unique per customer (case-insensitive).',
        descriptionNl: 'Locatienamen zijn uniek per klant (hoofdletters tellen niet mee).',
      },
    ],
  );
}

export async function createLocation(
  context: ServiceContext,
  customerRef: string,
  input: LocationInput,
): Promise<LocationView> {
  assertCanWrite(context.actor);
  const details = checkLocationInput(input);
  if (details.length > 0) throw validationFailed(details);
  const customer = await requireCustomer(context, customerRef);
  return context.db.transaction().execute(async (trx) => {
    try {
      const row = await insertLocation(trx, customer.id, withCanonicalLanguage(input));
      const view = toLocationView(row);
      await recordAudit(trx, context, {
        partnerId: customer.partner_id,
        customerId: customer.id,
        action: 'location.create',
        targetType: 'location',
        targetId: row.id,
        after: view,
      });
      return view;
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(input.name);
      throw error;
    }
  });
}

/** Every location of the customer (the CLI's list). */
export async function listLocationViews(
  context: ServiceContext,
  customerRef: string,
): Promise<LocationView[]> {
  const customer = await requireCustomer(context, customerRef);
  return (await listLocations(context.db, customer.id)).map(toLocationView);
}

/** One page of the customer's locations by name (SPEC §7), like every admin list. */
export async function listLocationViewPage(
  context: ServiceContext,
  customerRef: string,
  input: { readonly cursor?: string | undefined; readonly limit: number },
): Promise<Page<LocationView>> {
  const after = decodeIdCursor(input.cursor);
  const customer = await requireCustomer(context, customerRef);
  const rows = await listLocationPage(context.db, customer.id, { after, limit: input.limit });
  const page = toPage(rows, input.limit, (row) => ({ key: row.name.toLowerCase(), id: row.id }));
  return { items: page.items.map(toLocationView), nextCursor: page.nextCursor };
}

/** A location by id or by name (the CLI's `--location HQ`). */
export async function requireLocation(
  executor: Executor,
  customerId: string,
  ref: string,
): Promise<LocationRow> {
  const row = isUuidLike(ref)
    ? await findLocation(executor, customerId, ref)
    : await findLocationByName(executor, customerId, ref);
  if (!row) throw notFound('Location', 'Locatie');
  return row;
}

/**
 * The customer's location a user write's `location` names, as the user planner reads it: by id
 * first, else by name (trimmed, any case). Another customer's location is not found.
 */
export async function findLocationOfCustomer(
  executor: Executor,
  customerId: string,
  ref: string,
): Promise<LocationRow | undefined> {
  const byId = isUuidLike(ref) ? await findLocation(executor, customerId, ref) : undefined;
  return byId ?? (await findLocationByName(executor, customerId, ref));
}

export async function getLocationView(
  context: ServiceContext,
  customerRef: string,
  locationRef: string,
): Promise<LocationView> {
  return (await getVersionedLocationView(context, customerRef, locationRef)).view;
}

/** The location with the stored version it was read at: the admin API's ETag (ADR 0092). */
export interface VersionedLocationView {
  readonly view: LocationView;
  readonly version: number;
}

export async function getVersionedLocationView(
  context: ServiceContext,
  customerRef: string,
  locationRef: string,
): Promise<VersionedLocationView> {
  const customer = await requireCustomer(context, customerRef);
  const row = await requireLocation(context.db, customer.id, locationRef);
  return { view: toLocationView(row), version: row.version };
}

export async function updateLocation(
  context: ServiceContext,
  customerRef: string,
  locationRef: string,
  input: Partial<LocationInput>,
): Promise<LocationView> {
  return (await updateVersionedLocation(context, customerRef, locationRef, input)).view;
}

/**
 * updateLocation, refused with 412 when the location's version is not one of `expectedVersions`
 * (compared under the location's row lock, before anything is written or audited); answers the
 * version after the change.
 */
export async function updateVersionedLocation(
  context: ServiceContext,
  customerRef: string,
  locationRef: string,
  input: Partial<LocationInput>,
  expectedVersions?: ExpectedVersions,
): Promise<VersionedLocationView> {
  assertCanWrite(context.actor);
  const details = checkLocationInput(input, '', false);
  if (details.length > 0) throw validationFailed(details);
  const customer = await requireCustomer(context, customerRef);
  return context.db.transaction().execute(async (trx) => {
    const found = await requireLocation(trx, customer.id, locationRef);
    const existing = await lockLocation(trx, customer.id, found.id);
    if (!existing) throw notFound('Location', 'Locatie');
    assertExpectedVersion(expectedVersions, existing.version, 'location');
    try {
      const row = await updateLocationRow(trx, customer.id, existing.id, withCanonicalLanguage(input));
      if (!row) throw notFound('Location', 'Locatie');
      const view = toLocationView(row);
      await recordAudit(trx, context, {
        partnerId: customer.partner_id,
        customerId: customer.id,
        action: 'location.update',
        targetType: 'location',
        targetId: row.id,
        before: toLocationView(existing),
        after: view,
      });
      return { view, version: row.version };
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(input.name ?? existing.name);
      throw error;
    }
  });
}

export async function deleteLocation(
  context: ServiceContext,
  customerRef: string,
  locationRef: string,
): Promise<void> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerRef);
  // A user added to the location while this ran makes the delete's foreign key refuse it: run once
  // more, then the usage check sees that user and answers location_in_use (409).
  await retryingForeignKeyRace(() =>
    context.db.transaction().execute(async (trx) => {
      const existing = await requireLocation(trx, customer.id, locationRef);
      const usage = await locationUsage(trx, customer.id, existing.id);
      if (usage.users > 0 || usage.numbers > 0) {
        throw conflict(
          {
            en: `Location "${existing.name}" is used by ${counted(usage.users, 'en', 'user', 'users')} and ${counted(usage.numbers, 'en', 'number', 'numbers')} and cannot be deleted.`,
            nl: `Locatie "${existing.name}" wordt gebruikt door ${counted(usage.users, 'nl', 'gebruiker', 'gebruikers')} en ${counted(usage.numbers, 'nl', 'nummer', 'nummers')} en kan niet worden verwijderd.`,
          },
          [
            {
              code: 'location_in_use',
              field: 'location',
              description: 'Remove its users and numbers first.',
              descriptionNl: 'Verwijder eerst de gebruikers en nummers van de locatie.',
            },
          ],
        );
      }
      await deleteLocationRow(trx, customer.id, existing.id);
      await recordAudit(trx, context, {
        partnerId: customer.partner_id,
        customerId: customer.id,
        action: 'location.delete',
        targetType: 'location',
        targetId: existing.id,
        before: toLocationView(existing),
      });
    }),
  );
}

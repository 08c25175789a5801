// Number inventory use cases (SPEC §4): add ranges to a location, list free / taken, remove free.
import { sql } from 'kysely';
import { conflict, validationFailed, type ErrorDetail } from '../../domain/errors.ts';
import { expandNumberRanges } from '../../domain/phone/number-range.ts';
import {
  deleteFreePhoneNumbers,
  findNumberOwners,
  insertPhoneNumbers,
  listPhoneNumbers,
  type NumberOwner,
} from '../../db/repositories/phone-numbers.ts';
import { listLocations } from '../../db/repositories/locations.ts';
import {
  NUMBER_PROBES_LIMITED_TEXT,
  NUMBERS_UNAVAILABLE_TEXT,
  numberElsewhereText,
  numbersElsewhereText,
} from '../../domain/messages/number-conflicts.ts';
import { assertCanWrite, customerScope } from '../access/policy.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor, ServiceContext } from '../context.ts';
import { requireCustomer } from '../customers/customer-service.ts';
import { requireLocation } from '../locations/location-service.ts';
import { retryingForeignKeyRace } from '../db-errors.ts';
import { invalidCursor, toPage, type Page } from '../paging.ts';
import { ProbeRateLimited } from '../provisioning/email-probes.ts';
import { classifyNumberOwners } from './classify-number-owners.ts';
import { readNumbersToRemove } from './read-numbers-to-remove.ts';
import { recordNumberProbe, refuseWhileOverNumberProbeBudget } from './number-probes.ts';

export interface PhoneNumberView {
  readonly phoneNumber: string;
  readonly locationId: string;
  readonly locationName: string;
  readonly state: 'free' | 'taken';
  readonly userId: string | null;
  readonly userEmail: string | null;
}

export interface AddNumbersResult {
  readonly added: number;
  /** Already in this location's inventory: nothing to do (adding is idempotent). */
  readonly alreadyPresent: number;
  readonly numbers: readonly string[];
}

/** The add found numbers of organizations the caller cannot see: its probe is committed, then this. */
class ForeignNumbers extends Error {
  constructor(
    readonly visibleElsewhere: readonly NumberOwner[],
    readonly overBudget: boolean,
  ) {
    super('numbers of another organization');
  }
}

/**
 * Adds numbers and ranges to a location. The answer is decided after the insert, from who holds
 * each number then: a number inserted at the same moment by another request counts as taken, not
 * as "already present" (ADR 0074). Numbers of organizations the caller cannot see are refused
 * without naming, counting or locating them, and the attempt is an audited, limited probe: the
 * insert is undone to a savepoint and the probe's audit row commits in its place, under the
 * actor's probe lock, so parallel requests cannot get past the budget.
 */
export async function addNumbers(
  context: ServiceContext,
  customerRef: string,
  locationRef: string,
  ranges: readonly string[],
): Promise<AddNumbersResult> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerRef);
  const outcome = await context.db.transaction().execute(async (trx) => {
    await refuseWhileOverNumberProbeBudget(trx, context);
    const location = await requireLocation(trx, customer.id, locationRef);
    const expansion = expandNumberRanges(ranges, location.country);
    if (!expansion.ok) throw validationFailed(expansion.errors);
    await sql`savepoint add_numbers`.execute(trx);
    const added = await insertPhoneNumbers(trx, customer.id, location.id, expansion.numbers);
    const owners = await findNumberOwners(trx, expansion.numbers);
    const { present, visibleElsewhere, foreign } = classifyNumberOwners(
      owners,
      { customerId: customer.id, locationId: location.id },
      customerScope(context.actor),
    );
    if (visibleElsewhere.length > 0 && foreign.length === 0)
      throw numbersElsewhereError(visibleElsewhere, customer.id);
    if (foreign.length > 0) {
      await sql`rollback to savepoint add_numbers`.execute(trx);
      const { overBudget } = await recordNumberProbe(
        trx,
        context,
        { partnerId: customer.partner_id, customerId: customer.id, locationId: location.id },
        ranges,
      );
      return new ForeignNumbers(visibleElsewhere, overBudget);
    }
    await recordAudit(trx, context, {
      partnerId: customer.partner_id,
      customerId: customer.id,
      action: 'numbers.add',
      targetType: 'location',
      targetId: location.id,
      after: { location: location.name, ranges, added },
    });
    return { added, alreadyPresent: present.length - added, numbers: expansion.numbers };
  });
  if (!(outcome instanceof ForeignNumbers)) return outcome;
  if (outcome.overBudget) throw new ProbeRateLimited(NUMBER_PROBES_LIMITED_TEXT);
  const visible =
    outcome.visibleElsewhere.length > 0 ? numbersElsewhereDetails(outcome.visibleElsewhere, customer.id) : [];
  throw conflict(NUMBERS_UNAVAILABLE_TEXT, [
    ...visible,
    {
      code: 'number_unavailable',
      field: 'numbers',
      description: NUMBERS_UNAVAILABLE_TEXT.en,
      descriptionNl: NUMBERS_UNAVAILABLE_TEXT.nl,
    },
  ]);
}

/** At most this many numbers are named in a refusal; the message counts them all. */
const NAMED_NUMBERS = 10;

function numbersElsewhereDetails(owners: readonly NumberOwner[], customerId: string): ErrorDetail[] {
  return owners.slice(0, NAMED_NUMBERS).map((owner) => {
    // Only numbers the caller may see get here; the customer is named when it is another one.
    const text = numberElsewhereText(owner.e164, {
      location: owner.location_name,
      customer: owner.customer_id === customerId ? null : owner.customer_name,
    });
    return { code: 'number_taken', field: 'numbers', description: text.en, descriptionNl: text.nl };
  });
}

function numbersElsewhereError(owners: readonly NumberOwner[], customerId: string) {
  return conflict(numbersElsewhereText(owners.length), numbersElsewhereDetails(owners, customerId));
}

// The numbers list's cursor is the last number of the page, base64url-encoded. A cursor that is
// not one (it decodes to no E.164 number, or is not the encoding of what it decodes to) answers
// the paging 400 `invalid_cursor` as every other list does; it was read as a number to start
// after, and a forged one answered 200 with a page from wherever it sorted.
const CURSOR_NUMBER = /^\+[1-9][0-9]{6,14}$/;

function decodeNumberCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const number = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!CURSOR_NUMBER.test(number) || Buffer.from(number).toString('base64url') !== cursor)
    throw invalidCursor();
  return number;
}

export interface ListNumbersInput {
  readonly location?: string | undefined;
  readonly state?: 'free' | 'taken' | undefined;
  readonly cursor?: string | undefined;
  readonly limit: number;
}

export async function listNumbers(
  context: ServiceContext,
  customerRef: string,
  input: ListNumbersInput,
): Promise<Page<PhoneNumberView>> {
  const customer = await requireCustomer(context, customerRef);
  const location = input.location ? await requireLocation(context.db, customer.id, input.location) : null;
  const rows = await listPhoneNumbers(context.db, customer.id, {
    locationId: location?.id,
    state: input.state,
    after: decodeNumberCursor(input.cursor),
    limit: input.limit,
  });
  const page = toPage(rows, input.limit, (row) => ({ key: row.e164, id: row.e164 }));
  return {
    items: page.items.map((row) => ({
      phoneNumber: row.e164,
      locationId: row.location_id,
      locationName: row.location_name,
      state: row.user_id ? 'taken' : 'free',
      userId: row.user_id,
      userEmail: row.user_email,
    })),
    nextCursor:
      page.items.length && page.nextCursor
        ? Buffer.from(page.items[page.items.length - 1]!.e164).toString('base64url')
        : null,
  };
}

export interface RemoveNumbersInput {
  /** Numbers and ranges, as adding takes them. */
  readonly numbers: readonly string[];
  /** Location id or name: national numbers are read with its country, and only its numbers go. */
  readonly location?: string | undefined;
}

/**
 * Removes free numbers and ranges (SPEC §4): all of them or none (one transaction). National
 * numbers are read with the location's country: the named location's, else each of the customer's
 * locations' countries, refusing a number those read differently (read-numbers-to-remove.ts).
 */
export async function removeNumbers(
  context: ServiceContext,
  customerRef: string,
  input: RemoveNumbersInput,
): Promise<string[]> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerRef);
  const location = input.location ? await requireLocation(context.db, customer.id, input.location) : null;
  const countries = location
    ? [location.country]
    : [...new Set((await listLocations(context.db, customer.id)).map((row) => row.country))].sort();
  // Without locations the customer has no numbers; its own country still reads the input.
  const reading = readNumbersToRemove(input.numbers, countries.length > 0 ? countries : [customer.country]);
  if (!reading.ok) throw validationFailed(reading.errors);
  const normalized = reading.numbers;
  // A user given one of the numbers while this ran makes the delete's foreign key refuse it: run
  // once more, then the number is not free and is answered number_not_removable (409).
  return retryingForeignKeyRace(() =>
    context.db.transaction().execute(async (trx) => {
      if (location) await refuseNumbersOutsideLocation(trx, customer.id, location, normalized);
      const removed = await deleteFreePhoneNumbers(trx, customer.id, normalized);
      const notRemoved = normalized.filter((e164) => !removed.includes(e164));
      if (notRemoved.length > 0) {
        throw conflict(
          {
            en: 'Only free numbers of this customer can be removed.',
            nl: 'Alleen vrije nummers van deze klant kunnen worden verwijderd.',
          },
          notRemoved.slice(0, 10).map((e164) => ({
            code: 'number_not_removable',
            field: 'numbers',
            description: `${e164} is held by a user or is not this customer's.`,
            descriptionNl: `${e164} is in gebruik bij een gebruiker of hoort niet bij deze klant.`,
          })),
        );
      }
      await recordAudit(trx, context, {
        partnerId: customer.partner_id,
        customerId: customer.id,
        action: 'numbers.remove',
        targetType: 'customer',
        targetId: customer.id,
        before: { numbers: removed, ...(location ? { location: location.name } : {}) },
      });
      return removed;
    }),
  );
}

/** With a location named, only its numbers can be removed: a number elsewhere is refused, not skipped. */
async function refuseNumbersOutsideLocation(
  executor: Executor,
  customerId: string,
  location: { readonly id: string; readonly name: string },
  numbers: readonly string[],
): Promise<void> {
  const inLocation = new Set(
    (await findNumberOwners(executor, numbers))
      .filter((owner) => owner.customer_id === customerId && owner.location_id === location.id)
      .map((owner) => owner.e164),
  );
  const outside = numbers.filter((e164) => !inLocation.has(e164));
  if (outside.length === 0) return;
  throw conflict(
    {
      en: `Only numbers of location "${location.name}" can be removed from it.`,
      nl: `Alleen nummers van locatie "${location.name}" kunnen eruit worden verwijderd.`,
    },
    outside.slice(0, NAMED_NUMBERS).map((e164) => ({
      code: 'number_not_in_location',
      field: 'numbers',
      description: `${e164} is not one of the numbers of location "${location.name}".`,
      descriptionNl: `${e164} hoort niet bij de nummers van locatie "${location.name}".`,
    })),
  );
}

// Number inventory use cases (SPEC §4): add ranges to a location, list free / taken, remove free.
import { conflict, validationFailed } from '../../domain/errors.ts';
import { expandNumberRanges } from '../../domain/phone/number-range.ts';
import { normalizePhoneNumber } from '../../domain/phone/normalize-phone.ts';
import {
  deleteFreePhoneNumbers,
  findExistingNumbers,
  insertPhoneNumbers,
  listPhoneNumbers,
} from '../../db/repositories/phone-numbers.ts';
import { assertCanWrite } from '../access/policy.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceContext } from '../context.ts';
import { requireCustomer } from '../customers/customer-service.ts';
import { requireLocation } from '../locations/location-service.ts';
import { toPage, type Page } from '../paging.ts';
import { counted } from '../../domain/messages/counted.ts';

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

export async function addNumbers(
  context: ServiceContext,
  customerRef: string,
  locationRef: string,
  ranges: readonly string[],
): Promise<AddNumbersResult> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerRef);
  return context.db.transaction().execute(async (trx) => {
    const location = await requireLocation(trx, customer.id, locationRef);
    const expansion = expandNumberRanges(ranges, location.country);
    if (!expansion.ok) throw validationFailed(expansion.errors);
    const existing = await findExistingNumbers(trx, expansion.numbers);
    const elsewhere = existing.filter(
      (row) => row.customer_id !== customer.id || row.location_id !== location.id,
    );
    if (elsewhere.length > 0) {
      const sample = elsewhere.slice(0, 10).map((row) => row.e164);
      throw conflict(
        {
          en: `${counted(elsewhere.length, 'en', 'number already belongs', 'numbers already belong')} to another location or customer.`,
          nl: `${counted(elsewhere.length, 'nl', 'nummer hoort', 'nummers horen')} al bij een andere locatie of klant.`,
        },
        sample.map((e164) => ({
          code: 'number_taken',
          field: 'numbers',
          description: `${e164} is already in use elsewhere.`,
          descriptionNl: `${e164} is elders al in gebruik.`,
        })),
      );
    }
    const added = await insertPhoneNumbers(trx, customer.id, location.id, expansion.numbers);
    await recordAudit(trx, context, {
      partnerId: customer.partner_id,
      customerId: customer.id,
      action: 'numbers.add',
      targetType: 'location',
      targetId: location.id,
      after: { location: location.name, ranges, added },
    });
    return { added, alreadyPresent: expansion.numbers.length - added, numbers: expansion.numbers };
  });
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
    after: input.cursor ? Buffer.from(input.cursor, 'base64url').toString('utf8') : undefined,
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

export async function removeNumbers(
  context: ServiceContext,
  customerRef: string,
  numbers: readonly string[],
): Promise<string[]> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerRef);
  const normalized: string[] = [];
  for (const raw of numbers) {
    const result = normalizePhoneNumber(raw, customer.country);
    if (!result.ok) {
      throw validationFailed([
        {
          code: 'invalid_phone_number',
          field: 'numbers',
          description: `"${raw}" is not a valid phone number.`,
          descriptionNl: `"${raw}" is geen geldig telefoonnummer.`,
        },
      ]);
    }
    normalized.push(result.e164);
  }
  return context.db.transaction().execute(async (trx) => {
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
      before: { numbers: removed },
    });
    return removed;
  });
}

// Wholesale API requests fail with the codes of src/domain/provisioning/wholesale-codes.ts, so the
// edge can answer the public `{errorCode, description}` shape without guessing.
import { AppError, conflict, validationFailed, type LocalizedText } from '../../domain/errors.ts';
import { WHOLESALE_CODES, type WholesaleCodeName } from '../../domain/provisioning/wholesale-codes.ts';

export function wholesaleInvalid(codes: readonly WholesaleCodeName[]): AppError {
  const unique = [...new Set(codes)];
  return validationFailed(
    unique.map((code) => ({ code, description: WHOLESALE_CODES[code].description })),
    {
      en: WHOLESALE_CODES[unique[0] ?? 'invalid_request'].description,
      nl: WHOLESALE_CODES[unique[0] ?? 'invalid_request'].description,
    },
  );
}

const NOT_FOUND_MESSAGES = {
  customer_not_found: { en: 'Customer not found.', nl: 'Klant niet gevonden.' },
  subscriber_not_found: { en: 'Subscriber not found.', nl: 'Abonnee niet gevonden.' },
} as const satisfies Record<string, LocalizedText>;

/** 404 that names what was missing, so its number is that of the resource, not of the URL. */
export function wholesaleNotFound(code: keyof typeof NOT_FOUND_MESSAGES): AppError {
  return new AppError('not_found', NOT_FOUND_MESSAGES[code], [
    { code, description: WHOLESALE_CODES[code].description },
  ]);
}

/**
 * 409 for an externalId another customer of the partner holds: the very answer of a create
 * (services/customers/customer-service.ts), so PUT and POST agree (test/contract/wholesale-errors.test.ts).
 */
export function externalIdTaken(externalId: string): AppError {
  return conflict(
    {
      en: `A customer with externalId "${externalId}" already exists.`,
      nl: `Er bestaat al een klant met externalId "${externalId}".`,
    },
    [
      {
        code: 'external_id_taken',
        field: 'externalId',
        description: 'externalId is already used by another customer of this partner.',
      },
    ],
  );
}

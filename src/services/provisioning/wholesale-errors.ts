// Wholesale API requests fail with the codes of src/domain/provisioning/wholesale-codes.ts, so the
// edge can answer the public `{errorCode, description}` shape without guessing.
import { validationFailed, type AppError } from '../../domain/errors.ts';
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

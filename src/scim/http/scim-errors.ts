import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.ts';
import { isKnownDatabaseOutage, logDatabaseUnavailable } from '../../http/errors.ts';
import { INVALID_JSON_CODE } from '../../http/plugins/input-hygiene.ts';
import { INVALID_QUERY_ENCODING } from '../../http/plugins/query-percent-encoding.ts';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../../services/db-errors.ts';
import {
  CALLING_FIELD_NOT_CLEARABLE,
  PACKAGE_NOT_CLEARABLE,
  VERSION_MISMATCH,
} from '../../services/scim/scim-user-service.ts';
import { errorBody } from '../bulk/run-bulk.ts';
import { ScimError } from '../errors.ts';
import type { JsonObject } from '../json.ts';
import { SCIM_CONTENT_TYPE } from './media-type.ts';

// Every failure under /scim answers with the SCIM error schema (RFC 7644 §3.12): `schemas`,
// `scimType` where one applies, `detail`, and `status` as a string. Domain errors map here, once.

const CUSTOMER_BUSY = 'customer_busy';
const PACKAGE_LIMIT_REACHED = 'package_limit_reached';
/** Seconds a directory should wait before retrying while the customer is busy (503). */
export const BUSY_RETRY_AFTER_SECONDS = 60;

export function toScimError(error: unknown): ScimError {
  if (error instanceof ScimError) return error;
  if (error instanceof AppError) {
    const details = error.details
      .map((detail) => detail.description)
      .filter((text) => text !== error.message);
    const detail = [error.message, ...details].join(' ');
    switch (error.code) {
      case 'not_found':
        return new ScimError(404, undefined, detail);
      case 'conflict':
        // A customer being provisioned, updated or deleted: transient for the directory, which
        // retries a 503 (Entra ID reads a 409 on create as "the user exists").
        if (error.details.some((d) => d.code === CUSTOMER_BUSY)) return new ScimError(503, undefined, detail);
        if (error.details.some((d) => d.code === VERSION_MISMATCH))
          return new ScimError(412, undefined, detail);
        // A used-up package limit is no uniqueness clash (Entra ID would read "the user exists"):
        // SCIM has no type for it, so it stays the value the customer cannot take now (ADR 0091).
        if (error.details.some((d) => d.code === PACKAGE_LIMIT_REACHED))
          return new ScimError(400, 'invalidValue', detail);
        return new ScimError(409, 'uniqueness', detail);
      case 'precondition_failed':
        return new ScimError(412, undefined, detail);
      case 'validation_failed':
        // A body that is no JSON at all is syntax; a value the product refuses is a value.
        if (error.details.some((d) => d.code === INVALID_JSON_CODE))
          return new ScimError(400, 'invalidSyntax', detail);
        // A filter whose percent-encoding is broken is a filter the provider cannot read.
        if (
          error.details.some((d) => d.code === INVALID_QUERY_ENCODING && d.field?.toLowerCase() === 'filter')
        )
          return new ScimError(400, 'invalidFilter', detail);
        // A held package cannot be cleared: the attribute's current state forbids it (RFC 7644 §3.12).
        // So can a calling user's location or extension (SPEC §3 releases them with the package only).
        if (
          error.details.some(
            (d) => d.code === PACKAGE_NOT_CLEARABLE || d.code === CALLING_FIELD_NOT_CLEARABLE,
          )
        )
          return new ScimError(400, 'mutability', detail);
        return new ScimError(400, 'invalidValue', detail);
      case 'forbidden':
        return new ScimError(403, undefined, detail);
      case 'unauthenticated':
        return new ScimError(401, undefined, detail);
      case 'payload_too_large':
        return new ScimError(413, undefined, detail);
      case 'rate_limited':
        return new ScimError(429, undefined, detail);
      default:
        return new ScimError(500, undefined, 'Something went wrong on our side.');
    }
  }
  if (isDatabaseUnavailable(error))
    return new ScimError(
      503,
      undefined,
      'The service cannot reach its database right now. Try again shortly.',
    );
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode ?? 500;
  // A body of a media type that is no JSON (text/plain, text/csv): 415 (RFC 9110 §15.5.16), naming
  // the two SCIM takes (SPEC §7). No scimType: RFC 7644 §3.12 defines its types for 400 only.
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415)
    return new ScimError(
      415,
      undefined,
      'The request body must be JSON, sent as application/scim+json or application/json.',
    );
  if (status === 400)
    return new ScimError(400, 'invalidSyntax', fastifyError.message ?? 'The request is not valid JSON.');
  if (status >= 400 && status < 500)
    return new ScimError(status, undefined, fastifyError.message ?? 'The request was refused.');
  return new ScimError(500, undefined, 'Something went wrong on our side.');
}

export function scimErrorBody(error: ScimError): JsonObject {
  return errorBody(error);
}

export function sendScimError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const scimError = toScimError(error);
  // request.log carries the trackingId already (requestIdLogLabel in app.ts); naming it again wrote
  // the key twice in one JSON line. A database outage is a passing state: one short warn line.
  if (scimError.status === 503 && isKnownDatabaseOutage(error)) logDatabaseUnavailable(request, error);
  else if (scimError.status >= 500) request.log.error({ err: error }, 'SCIM request failed');
  else request.log.info({ status: scimError.status, scimType: scimError.scimType }, scimError.message);
  if (scimError.status === 401) reply.header('WWW-Authenticate', 'Bearer realm="scim"');
  const retryAfter =
    (error as { retryAfter?: unknown }).retryAfter ??
    (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (scimError.status === 429 && retryAfter !== undefined) reply.header('Retry-After', String(retryAfter));
  if (scimError.status === 503)
    reply.header(
      'Retry-After',
      String(isDatabaseUnavailable(error) ? DATABASE_RETRY_AFTER_SECONDS : BUSY_RETRY_AFTER_SECONDS),
    );
  return reply
    .status(scimError.status)
    .type(SCIM_CONTENT_TYPE)
    .send(JSON.stringify(scimErrorBody(scimError)));
}

// The Wholesale API answers errors in the public shape `{message, errors: [{errorCode,
// description}], trackingId}` (SPEC §7). The statuses and texts come from the one mapping in
// http/errors.ts; this only turns our detail codes into the public numbers, and makes sure a
// number never travels with another number's text.
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  FIXED_TEXT_CODES,
  WHOLESALE_CODES,
  isWholesaleCodeName,
  type WholesaleCode,
  type WholesaleCodeName,
} from '../../../domain/provisioning/wholesale-codes.ts';
import { retryAfterSecondsOf } from '../retry-after.ts';
import { ROW_CODE_TO_WHOLESALE } from '../../../services/provisioning/wholesale-subscribers.ts';
import {
  isKnownDatabaseOutage,
  logDatabaseUnavailable,
  setDatabaseRetryAfter,
  toErrorResponse,
} from '../../errors.ts';
import type { PublicErrorResponse } from './schemas.ts';

/**
 * A detail without a code of its own gets the generic code of its status. A bare 404 is no
 * guess at "customer" or "subscriber" from the URL: the services name what was not found.
 */
const CODE_BY_STATUS: Readonly<Record<number, WholesaleCodeName>> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  501: 'not_implemented',
  503: 'service_unavailable',
};

export function publicCodeFor(code: string, status: number): WholesaleCodeName {
  if (isWholesaleCodeName(code)) return code;
  const mapped = ROW_CODE_TO_WHOLESALE[code];
  if (mapped) return mapped;
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'invalid_request');
}

/** One of our `{code, description}` details of an answer with `status` → the public error. */
export function toPublicErrorDetail(
  detail: { code: string; description: string },
  status: number,
): WholesaleCode {
  const name = publicCodeFor(detail.code, status);
  const known = WHOLESALE_CODES[name];
  return {
    errorCode: known.errorCode,
    description: FIXED_TEXT_CODES.has(name) ? known.description : detail.description,
  };
}

export function toPublicErrorResponse(
  request: FastifyRequest,
  error: unknown,
): { status: number; body: PublicErrorResponse } {
  const { status, body } = toErrorResponse(request, error);
  return {
    status,
    body: {
      message: body.message,
      errors: body.errors.map((detail) => toPublicErrorDetail(detail, status)),
      trackingId: body.trackingId,
    },
  };
}

export function sendPublicError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const { status, body } = toPublicErrorResponse(request, error);
  // request.log carries the trackingId already (requestIdLogLabel in app.ts); naming it again wrote
  // the key twice in one JSON line. A database outage is a passing state: one short warn line.
  if (status === 503 && isKnownDatabaseOutage(error)) logDatabaseUnavailable(request, error);
  else if (status >= 500 && status !== 501) request.log.error({ err: error }, 'request failed');
  const retryAfter = retryAfterSecondsOf(error);
  if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
  setDatabaseRetryAfter(reply, error);
  return reply.status(status).send(body);
}

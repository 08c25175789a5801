// The Wholesale API answers errors in the public shape `{message, errors: [{errorCode,
// description}], trackingId}` (SPEC §7). The statuses and texts come from the one mapping in
// http/errors.ts; this only turns our detail codes into the public numbers.
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  WHOLESALE_CODES,
  isWholesaleCodeName,
  type WholesaleCodeName,
} from '../../../domain/provisioning/wholesale-codes.ts';
import { ProbeRateLimited } from '../../../services/provisioning/email-probes.ts';
import { ROW_CODE_TO_WHOLESALE } from '../../../services/provisioning/wholesale-subscribers.ts';
import { toErrorResponse } from '../../errors.ts';
import type { PublicErrorResponse } from './schemas.ts';

function codeFor(code: string, status: number, url: string): WholesaleCodeName {
  if (isWholesaleCodeName(code)) return code;
  const mapped = ROW_CODE_TO_WHOLESALE[code];
  if (mapped) return mapped;
  if (status === 404) return url.includes('/customers') ? 'customer_not_found' : 'subscriber_not_found';
  if (status === 429) return 'rate_limited';
  if (status === 501) return 'not_implemented';
  if (status >= 500) return 'internal_error';
  return 'invalid_request';
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
      errors: body.errors.map((detail) => ({
        errorCode: WHOLESALE_CODES[codeFor(detail.code, status, request.url)].errorCode,
        description: detail.description,
      })),
      trackingId: body.trackingId,
    },
  };
}

export function sendPublicError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const { status, body } = toPublicErrorResponse(request, error);
  if (status >= 500 && status !== 501)
    request.log.error({ err: error, trackingId: request.id }, 'request failed');
  if (error instanceof ProbeRateLimited) reply.header('retry-after', String(error.retryAfterSeconds));
  return reply.status(status).send(body);
}

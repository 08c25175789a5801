import type { FastifyRequest } from 'fastify';
import { ScimError } from '../errors.ts';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** The media types a SCIM request body may have (SPEC §7, RFC 7644 §3.1). */
const ACCEPTED_BODY_TYPES = new Set(['application/scim+json', 'application/json']);

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * A body in another media type is 415 (RFC 9110 §15.5.16). Fastify says so itself for a type
 * without a parser, but the app parses multipart/form-data everywhere (for the admin API's
 * uploads), which reached the SCIM routes as "no body" and answered 400. A header without a body
 * (a DELETE some clients send with one) is no body to refuse.
 */
export function refuseNonJsonBody(request: FastifyRequest): void {
  if (!hasBody(request)) return;
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === '' || ACCEPTED_BODY_TYPES.has(type)) return;
  throw new ScimError(
    415,
    undefined,
    'The request body must be JSON, sent as application/scim+json or application/json.',
  );
}

// Fastify answers a few requests before routing, so before any error handler: a path whose
// percent-encoding is not UTF-8 (FST_ERR_BAD_URL) and a path parameter over the router's length
// limit (FST_ERR_MAX_PARAM_LENGTH). Left alone they answer Fastify's own `{error, code, message,
// statusCode}`; given as the `frameworkErrors` option, this answers them in the API's shape, which
// the path tells (SPEC §7: the admin API's, the Wholesale API's public one, SCIM's).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { sendScimError } from '../../scim/http/scim-errors.ts';
import { PUBLIC_API_PATH, sendError } from '../errors.ts';
import { sendPublicError } from '../routes/wholesale/public-errors.ts';

const SCIM_PATH = /^\/scim\/v2\//;

export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  // No onRequest hook ran, so the trackingId header is set here.
  reply.header('trackingId', request.id);
  if (SCIM_PATH.test(request.url)) sendScimError(request, reply, error);
  else if (PUBLIC_API_PATH.test(request.url)) sendPublicError(request, reply, error);
  else sendError(request, reply, error);
}

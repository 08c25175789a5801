import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from '../../http/plugins/bearer-token.ts';
import type { ServiceContext } from '../../services/context.ts';
import { authenticateScimToken } from '../../services/scim/scim-token-service.ts';
import { ScimError } from '../errors.ts';
import type { JsonObject } from '../json.ts';
import { SCIM_CONTENT_TYPE } from './media-type.ts';

// Authentication of a SCIM request (the customer's bearer token) and what handlers need from it.

export interface ScimRequestState {
  readonly context: ServiceContext;
  readonly customerId: string;
  /** Absolute base of this customer's SCIM endpoint, for `meta.location` and `Location`. */
  readonly baseUrl: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    scimState: ScimRequestState | null;
  }
}

export function scimState(request: FastifyRequest): ScimRequestState {
  if (request.scimState === null) throw new ScimError(401, undefined, 'Authentication required');
  return request.scimState;
}

export async function authenticateScimRequest(
  request: FastifyRequest,
  publicUrl: string | undefined,
): Promise<void> {
  const customerId = (request.params as { customerId?: string }).customerId ?? '';
  const token = bearerToken(request.headers.authorization);
  if (!token)
    throw new ScimError(
      401,
      undefined,
      'Send the customer\'s SCIM token as "Authorization: Bearer <token>".',
    );
  const result = await authenticateScimToken(request.server.database.db, customerId, token);
  if (!result.ok) {
    if (result.reason === 'sync_disabled') {
      throw new ScimError(403, undefined, 'Directory synchronization is disabled for this customer.');
    }
    throw new ScimError(
      401,
      undefined,
      'The SCIM token is not valid for this customer (unknown, revoked or expired).',
    );
  }
  const origin = publicUrl?.replace(/\/$/, '') ?? `${request.protocol}://${request.host}`;
  request.scimState = {
    customerId,
    baseUrl: `${origin}/scim/v2/${customerId}`,
    context: { db: request.server.database.db, actor: result.actor, requestId: request.id, locale: 'en' },
  };
}

export function sendScim(reply: FastifyReply, status: number, body: JsonObject, etag?: string): FastifyReply {
  if (etag !== undefined) reply.header('ETag', etag);
  return reply.status(status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(body));
}

/** `If-Match` as a bare version (`W/"3.1"` → `3.1`); undefined when absent or `*`. */
export function ifMatchVersion(request: FastifyRequest): string | undefined {
  const header = request.headers['if-match'];
  if (typeof header !== 'string' || header.trim() === '' || header.trim() === '*') return undefined;
  return bareVersion(header);
}

/**
 * Whether `If-None-Match` names the current version: one ETag, a list (`W/"1", W/"2"`) or `*`
 * (RFC 7232 §3.2, weak comparison), so a GET answers 304.
 */
export function ifNoneMatchHits(request: FastifyRequest, version: string): boolean {
  const header = request.headers['if-none-match'];
  if (typeof header !== 'string' || header.trim() === '') return false;
  return header.split(',').some((tag) => tag.trim() === '*' || bareVersion(tag) === version);
}

function bareVersion(header: string): string {
  return header
    .trim()
    .replace(/^W\//i, '')
    .replace(/^"(.*)"$/, '$1');
}

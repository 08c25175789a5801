import type { FastifyInstance, FastifyRequest } from 'fastify';
import { runBulk } from '../bulk/run-bulk.ts';
import { MAX_BULK_PAYLOAD_BYTES } from '../discovery/service-provider-config.ts';
import { ScimError } from '../errors.ts';
import type { JsonObject } from '../json.ts';
import { scimState, sendScim } from './scim-request.ts';
import { spellings } from './user-routes.ts';

// POST /Bulk: each operation goes through the same routes as a single request (in-process
// `inject`, same token), so rules, audit and errors cannot differ between the two.
//
// Each operation is sent as if the client had sent it directly: from the outer request's peer
// address with the outer request's Host and X-Forwarded-* headers, so the app's trustProxy setting
// resolves the same client IP, host and protocol for it as for the Bulk request itself. That
// keeps the rate limit (SPEC §10: per IP and per token) on the real client and its token, never on
// the in-process 127.0.0.1 that every tenant's operations would otherwise share, and gives a
// `location` with the same origin a single POST answers. Only the outer request's own headers
// are copied: nothing in an operation (path, data, version) can choose an address or an origin.
//
// Counting: the Bulk request counts once (as any request: an empty or malformed Bulk is not free)
// and each operation counts once more, so a Bulk of N operations uses N + 1 of the caller's IP and
// token budgets. Operations beyond the budget answer 429 inside the Bulk response.
export async function bulkRoutes(app: FastifyInstance): Promise<void> {
  for (const path of spellings('/Bulk'))
    app.post(path, async (request, reply) => {
      const state = scimState(request);
      // A chunked request has no Content-Length: measure what was parsed, so maxPayloadSize holds.
      const length = Number(
        request.headers['content-length'] ?? Buffer.byteLength(JSON.stringify(request.body ?? null)),
      );
      if (length > MAX_BULK_PAYLOAD_BYTES) {
        throw new ScimError(413, undefined, `A bulk request may be at most ${MAX_BULK_PAYLOAD_BYTES} bytes`);
      }
      const authorization = request.headers.authorization ?? '';
      // Read before any await (Node caches it once read; the rate-limit hook already did). Without
      // it inject would fall back to 127.0.0.1, the shared bucket this must never use.
      const peer = request.raw.socket.remoteAddress;
      if (!peer) throw new ScimError(400, undefined, 'The client address of this request is unknown');
      const response = await runBulk(request.body, async (operation) => {
        const result = await app.inject({
          method: operation.method,
          url: `/scim/v2/${state.customerId}${operation.path}`,
          remoteAddress: peer,
          headers: {
            ...asSentByClient(request),
            authorization,
            'content-type': 'application/scim+json',
            ...(operation.version !== undefined ? { 'if-match': operation.version } : {}),
            ...(request.headers['user-agent'] ? { 'user-agent': request.headers['user-agent'] } : {}),
          },
          ...(operation.data !== undefined ? { payload: JSON.stringify(operation.data) } : {}),
        });
        const location = result.headers.location;
        const etag = result.headers.etag;
        let body: JsonObject | undefined;
        if (result.body !== '') {
          try {
            body = JSON.parse(result.body) as JsonObject;
          } catch {
            body = undefined;
          }
        }
        return {
          status: result.statusCode,
          ...(body !== undefined ? { body } : {}),
          ...(typeof location === 'string' ? { location } : {}),
          ...(typeof etag === 'string' ? { etag } : {}),
        };
      });
      return sendScim(reply, 200, response);
    });
}

/** The outer request's headers that decide its client IP, host and protocol (see above). */
const ORIGIN_HEADERS = ['host', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto'] as const;

function asSentByClient(request: FastifyRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ORIGIN_HEADERS) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

import type { FastifyInstance } from 'fastify';
import { runBulk } from '../bulk/run-bulk.ts';
import { MAX_BULK_PAYLOAD_BYTES } from '../discovery/service-provider-config.ts';
import { ScimError } from '../errors.ts';
import type { JsonObject } from '../json.ts';
import { scimState, sendScim } from './scim-request.ts';
import { spellings } from './user-routes.ts';

// POST /Bulk: each operation goes through the same routes as a single request (in-process
// `inject`, same token), so rules, audit and errors cannot differ between the two.
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
      const response = await runBulk(request.body, async (operation) => {
        const result = await app.inject({
          method: operation.method,
          url: `/scim/v2/${state.customerId}${operation.path}`,
          headers: {
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

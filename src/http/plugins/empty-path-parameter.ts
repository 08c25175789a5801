// A path with an empty segment where a route has a parameter (`GET /v1/customers/`,
// `/v1/customers//users`) names no resource, yet the router (find-my-way) lets a parameter be empty
// and hands it to `/v1/customers/:customerId`, whose validation answered 400 "customerId may not be
// empty". A path that names no resource is a 404 (SPEC §7): such a request gets exactly the answer
// of an unknown path (http/unrouted-request.ts: 404, or 405 with Allow, in the API's own shape).
// One onRequest hook on the root instance for every route of the three APIs. It is added after
// the rate-limit hook (such a request counts, as an unknown path's does) and before
// authentication (an unknown path is answered whatever the credentials). A wildcard (`*`, the
// catch-alls' rest of the path) may be empty: `/` is the web app's.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { answerUnroutedRequest } from '../unrouted-request.ts';

/** True when a named route parameter (not the wildcard) is the empty string. */
export function hasEmptyPathParameter(params: unknown): boolean {
  if (typeof params !== 'object' || params === null) return false;
  return Object.entries(params).some(([name, value]) => name !== '*' && value === '');
}

async function answerEmptyPathParameter(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  if (request.is404 || !hasEmptyPathParameter(request.params)) return undefined;
  return answerUnroutedRequest(request, reply);
}

export const emptyPathParameterPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', answerEmptyPathParameter);
  },
  { name: 'empty-path-parameter' },
);

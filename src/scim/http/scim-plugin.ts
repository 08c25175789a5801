import type { FastifyInstance } from 'fastify';
import type { App } from '../../http/app.ts';
import { decodeUtf8Body } from '../../http/plugins/input-hygiene.ts';
import { answerUnroutedRequest } from '../../http/unrouted-request.ts';
import { MAX_JSON_DEPTH, jsonNestsDeeperThan } from '../../http/plugins/json-depth.ts';
import { ScimError } from '../errors.ts';
import { scimAdminRoutes } from './admin-routes.ts';
import { refuseNonJsonBody } from './media-type.ts';
import { bulkRoutes } from './bulk-route.ts';
import { discoveryRoutes } from './discovery-routes.ts';
import { groupRoutes } from './group-routes.ts';
import { authenticateScimRequest } from './scim-request.ts';
import { sendScimError } from './scim-errors.ts';
import { userRoutes } from './user-routes.ts';

// SCIM 2.0 (RFC 7643/7644) under /scim/v2/{customerId}/…, an edge of its own: its own media type,
// its own authentication (the customer's SCIM token) and its own error schema.

async function scimRoutes(app: FastifyInstance): Promise<void> {
  app.decorateRequest('scimState', null);
  // application/scim+json is JSON; Fastify parses application/json already.
  app.addContentTypeParser(['application/scim+json'], { parseAs: 'buffer' }, (_request, body, done) => {
    const text = decodeUtf8Body(typeof body === 'string' ? Buffer.from(body) : body);
    if (text === null) {
      done(new ScimError(400, 'invalidSyntax', 'The request body is not valid UTF-8.'), undefined);
      return;
    }
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    // Before parsing, as for application/json (plugins/input-hygiene.ts): the resource's own
    // 32-level rule runs on the parsed value, too late for a body millions of levels deep.
    if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
      done(
        new ScimError(
          400,
          'invalidSyntax',
          `The request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep.`,
        ),
        undefined,
      );
      return;
    }
    try {
      done(null, JSON.parse(text) as unknown);
    } catch {
      done(new ScimError(400, 'invalidSyntax', 'The request body is not valid JSON.'), undefined);
    }
  });
  app.setErrorHandler((error, request, reply) => sendScimError(request, reply, error));
  app.addHook('onRequest', async (request) => {
    // An unknown SCIM path is a 404 whatever the token (the catch-all below).
    if (request.routeOptions.config.catchAll) return;
    await authenticateScimRequest(request, app.config.publicUrl);
  });
  // After authentication (401 first), before any parser reads the body.
  app.addHook('preParsing', async (request) => refuseNonJsonBody(request));
  await app.register(discoveryRoutes);
  await app.register(userRoutes);
  await app.register(groupRoutes);
  await app.register(bulkRoutes);
  // RFC 7644 §3.11: a provider without the /Me alias answers 501. A SCIM token is the directory's
  // credential, not a user's, so there is no authenticated subject to alias.
  for (const path of ['/Me', '/Me/*', '/me', '/me/*']) {
    app.all(path, async () => {
      throw new ScimError(
        501,
        undefined,
        'The /Me endpoint is not supported: a SCIM token stands for the directory, not for a user.',
      );
    });
  }
  // Not setNotFoundHandler: it does not apply under a prefix with a parameter.
  // An unknown path is a 404; a known one with a method it does not serve a 405 with Allow.
  app.all('/*', { config: { catchAll: true } }, async (request, reply) =>
    answerUnroutedRequest(request, reply),
  );
}

/** Register with `app.register(scimPlugin)`: SCIM at /scim/v2/:customerId, plus its admin routes under /v1. */
export async function scimPlugin(app: App): Promise<void> {
  await app.register(scimAdminRoutes);
  await app.register(scimRoutes, { prefix: '/scim/v2/:customerId' });
}

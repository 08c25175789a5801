// Builds the HTTP application (no listen): plugins, the error mapping, authentication, the
// OpenAPI document and every route. The composition root (src/main.ts) decides where it runs.
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config, TrustProxy } from '../config.ts';
import type { Database } from '../db/client.ts';
import { sendError } from './errors.ts';
import { authenticationPlugin } from './plugins/authentication.ts';
import { sendFrameworkError } from './plugins/framework-errors.ts';
import {
  ADMIN_TAGS,
  BEARER_AUTH_DESCRIPTION,
  documentedRulesTransform,
  JSON_DEPTH_RULE,
  rateLimitRule,
} from './openapi-rules.ts';
import { completeOpenApiDocument } from './openapi-document-completion.ts';
import { emptyPathParameterPlugin } from './plugins/empty-path-parameter.ts';
import { inputHygienePlugin } from './plugins/input-hygiene.ts';
import { queryPercentEncodingPlugin } from './plugins/query-percent-encoding.ts';
import { jsonCompressionPlugin } from './plugins/json-compression.ts';
import { metricsPlugin } from './plugins/metrics.ts';
import { apiRateLimitHook, rateLimitedError } from './plugins/rate-limit-keys.ts';
import { sharedRouteRateLimitStore } from './rate-limit/shared-route-store.ts';
import { requestDrainPlugin } from './plugins/request-drain.ts';
import { securityHeadersPlugin } from './plugins/security-headers.ts';
import { strictQueryPlugin } from './plugins/strict-query.ts';
import { webStaticPlugin } from './plugins/web-static.ts';
import { wwwAuthenticatePlugin } from './plugins/www-authenticate.ts';
import { registerRoutes } from './routes/index.ts';
import { recordRouteMethods } from './route-methods.ts';
import { answerUnroutedRequest } from './unrouted-request.ts';
import { scimPlugin } from '../scim/http/scim-plugin.ts';

export interface AppOptions {
  readonly config: Config;
  readonly database: Database;
  /** Signs cookies and links; from HUB_SECRET or the deployment's stored secret. */
  readonly secret: string;
  /** The process logger (pino); none in tests. */
  readonly logger?: FastifyBaseLogger;
  readonly version?: string;
  /** The built web app's directory (default web/dist): tests give one of their own. */
  readonly webRoot?: string;
}

/** The Fastify instance with zod schemas as the type provider: routes get typed params and bodies. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

const TRACKING_HEADER = 'trackingid';

/** TRUST_PROXY as Fastify takes it: a number of hops becomes "the first n hops". */
function fastifyTrustProxy(
  setting: TrustProxy,
): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}

export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // The public API calls it a trackingId: accept the client's, else make one.
    genReqId: (request) => {
      const given = request.headers[TRACKING_HEADER];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : `WH_${randomUUID()}`;
    },
    // …and log it under that name too (SPEC §7: the trackingId is in the logs), so the id a client
    // reports is the one an operator greps for.
    logController: new LogController({ requestIdLogLabel: 'trackingId' }),
    bodyLimit: 5 * 1024 * 1024,
    // Errors Fastify answers before routing, in the API's own error shape.
    frameworkErrors: sendFrameworkError,
    trustProxy: fastifyTrustProxy(options.config.trustProxy),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', options.database);
  app.decorate('config', options.config);
  // Before any route: the methods each path serves, for the 405's Allow header.
  recordRouteMethods(app);

  await app.register(requestDrainPlugin);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('trackingId', request.id);
  });
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  // A path no route serves: 404; a served path with another method: 405 with Allow. In each API's shape.
  app.setNotFoundHandler(answerUnroutedRequest);
  // CSP, framing, referrer, nosniff, HSTS and no-store (ADR 0078): first, so answers that an
  // early hook sends (400, 401, 429) carry them too.
  await app.register(securityHeadersPlugin, { publicUrl: options.config.publicUrl });
  // Every 401 with its WWW-Authenticate challenge (RFC 9110 §11.6.1).
  await app.register(wwwAuthenticatePlugin);
  // JSON answers of 64 kB and more go out Brotli/gzip-compressed; the hot 50-row pages do not.
  await app.register(jsonCompressionPlugin);
  // A query string that is not validly percent-encoded is a 400 naming the parameter (SPEC §7).
  await app.register(queryPercentEncodingPlugin);
  // Before any other hook reads the input: text the database cannot store is a 400 (SPEC §7).
  await app.register(inputHygienePlugin);
  // The admin API's routes refuse a query parameter they do not know (400 naming it); the
  // Wholesale API and SCIM stay tolerant. Before the routes, so every admin route gets it.
  await app.register(strictQueryPlugin);

  await app.register(cookie, { secret: options.secret });
  // Routes with a `config.rateLimit` of their own (sign-in, sign-up, consent: per IP) get it from
  // the plugin; the API limit is the hook below, not the plugin's global one: that runs as a route
  // hook, after authentication, so a request with a wrong token was never counted.
  await app.register(rateLimit, {
    global: false,
    // Route limits are shared by all app nodes through the database; the API hook's stay in memory.
    store: sharedRouteRateLimitStore(options.database.db),
    timeWindow: '1 minute',
    errorResponseBuilder: (request, context) => rateLimitedError(request, Math.ceil(context.ttl / 1000)),
  });
  // Every /v1 and /scim request, per client IP and per credential presented (SPEC §10). Added
  // before the authentication plugin, so it runs first.
  app.addHook(
    'onRequest',
    apiRateLimitHook(app, {
      perIpPerMinute: options.config.rateLimits.apiPerIpPerMinute,
      perCredentialPerMinute: options.config.rateLimits.apiPerMinute,
    }),
  );
  await app.register(multipart, {
    limits: { fileSize: options.config.importMaxBytes, files: 1, fields: 20 },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Wholesale Hub API',
        version: options.version ?? '0.1.0',
        description:
          'Admin API of Wholesale Hub, the Wholesale API shaped like the public Webex Wholesale provisioning API, and SCIM 2.0. ' +
          'The admin API refuses a query parameter an operation does not list (400 `unknown_query_parameter`, naming the parameters it accepts); the Wholesale API and SCIM ignore unknown ones. ' +
          JSON_DEPTH_RULE +
          ' ' +
          rateLimitRule(options.config.rateLimits),
      },
      tags: [...ADMIN_TAGS],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: BEARER_AUTH_DESCRIPTION },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'hub_session' },
        },
      },
      security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    },
    // jsonSchemaTransform, after adding the rules hooks enforce outside each route's schema.
    transform: documentedRulesTransform,
    // Then on the built document: SCIM as it answers, an operationId on every operation.
    transformObject: completeOpenApiDocument,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // A path with an empty id segment (`/v1/customers/`) answers as an unknown path: before authentication.
  await app.register(emptyPathParameterPlugin);
  await app.register(authenticationPlugin, {
    db: options.database.db,
    sessions: { ttlHours: options.config.sessionTtlHours, maxHours: options.config.sessionMaxHours },
  });
  await app.register(metricsPlugin, { database: options.database });
  await registerRoutes(app);
  await app.register(webStaticPlugin, options.webRoot === undefined ? {} : { root: options.webRoot });
  await app.register(scimPlugin);
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: Config;
  }
}

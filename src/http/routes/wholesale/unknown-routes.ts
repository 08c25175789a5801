// Under the Wholesale API's paths an unknown path answers 404, and a known path asked with a
// method it does not serve answers 405 with `Allow` (the public description's status for "an HTTP
// request method that is not supported"), both in the public error shape. Fastify lets a plugin
// without a route prefix set no not-found handler of its own, so catch-all routes hand these
// requests to the app's one answer for them (http/unrouted-request.ts), as SCIM's do.
import type { App } from '../../app.ts';
import { answerUnroutedRequest } from '../../unrouted-request.ts';

/** The path prefixes that belong to the Wholesale API (consentMove lives under /v1/subscribers). */
const WHOLESALE_PREFIXES = ['/v1/wholesale', '/v1/subscribers'] as const;

/** Register after every Wholesale route. */
export function registerUnknownRoutes(app: App): void {
  for (const prefix of WHOLESALE_PREFIXES) {
    app.all(`${prefix}/*`, { schema: { hide: true }, config: { catchAll: true } }, async (request, reply) =>
      answerUnroutedRequest(request, reply),
    );
  }
}

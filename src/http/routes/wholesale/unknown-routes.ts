// Under the Wholesale API's paths an unknown path answers 404, and a known path asked with a
// method it does not serve answers 405 with `Allow` (the public description's status for "an HTTP
// request method that is not supported"), both in the public error shape. The app's not-found
// handler answers the admin API's shape, and Fastify lets a plugin without a route prefix set no
// handler of its own, so catch-all routes do it, as SCIM's do.
import { AppError } from '../../../domain/errors.ts';
import { WHOLESALE_CODES } from '../../../domain/provisioning/wholesale-codes.ts';
import type { App } from '../../app.ts';

/** The path prefixes that belong to the Wholesale API (consentMove lives under /v1/subscribers). */
const WHOLESALE_PREFIXES = ['/v1/wholesale', '/v1/subscribers'] as const;

export interface ServedRoute {
  readonly method: string;
  readonly url: string;
}

function patternOf(url: string): RegExp {
  const escaped = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}

/** The methods some served route answers at `path`, sorted; empty when the path is unknown. */
export function allowedMethods(routes: readonly ServedRoute[], path: string): string[] {
  const methods = routes
    .filter((route) => patternOf(route.url).test(path))
    .map((route) => route.method.toUpperCase());
  return [...new Set(methods)].sort();
}

/** Records every route registered in `app` (and its children) from now on. */
export function recordServedRoutes(app: App): ServedRoute[] {
  const routes: ServedRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      routes.push({ method, url: route.url });
    }
  });
  return routes;
}

function methodNotAllowed(): Error {
  // No AppError: the admin API has no 405. A status-bearing error maps through http/errors.ts.
  return Object.assign(new Error(WHOLESALE_CODES.method_not_allowed.description), {
    statusCode: 405,
    code: 'method_not_allowed',
  });
}

function routeNotFound(method: string, path: string): AppError {
  return new AppError(
    'not_found',
    {
      en: `The Wholesale API has no route ${method} ${path}.`,
      nl: `De Wholesale API heeft geen route ${method} ${path}.`,
    },
    [{ code: 'not_found', description: WHOLESALE_CODES.not_found.description }],
  );
}

/** Register after every Wholesale route, with the routes `recordServedRoutes` saw. */
export function registerUnknownRoutes(app: App, served: readonly ServedRoute[]): void {
  // A copy: the catch-alls below are routes too, and must not count as served paths.
  const known = [...served];
  for (const prefix of WHOLESALE_PREFIXES) {
    app.all(`${prefix}/*`, { schema: { hide: true }, config: { catchAll: true } }, async (request, reply) => {
      const path = request.url.split('?')[0] ?? request.url;
      const allowed = allowedMethods(known, path);
      if (allowed.length === 0) throw routeNotFound(request.method, path);
      reply.header('allow', allowed.join(', '));
      throw methodNotAllowed();
    });
  }
}

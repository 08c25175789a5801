// Which methods the app serves at a path, for the 405's `Allow` header (RFC 9110 §15.5.6): every
// route is recorded as it is registered (an `onRoute` hook on the root instance, so routes of every
// plugin count), and a request path is matched against the recorded route patterns the way the
// router (find-my-way) matches them: a `:param` takes (part of) one segment, and a trailing `*` the
// rest. The router lets a parameter be empty (`/v1/customers/` reaches `/v1/customers/:customerId`,
// whose schema refuses the empty id); here it may not, so `POST /v1/customers/` stays a 404 instead
// of a 405 that offers the methods of a customer. Catch-alls (`config.catchAll`) answer the paths no
// route serves and do not count.
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface ServedRoute {
  readonly method: string;
  readonly url: string;
}

/** One pattern segment as a regular expression over one decoded path segment. */
function segmentPattern(segment: string): RegExp {
  const source = segment
    .split(/(:[A-Za-z0-9_]+(?:\([^)]*\))?)/)
    .map((part) => (part.startsWith(':') ? '.+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

interface CompiledRoute {
  readonly method: string;
  readonly segments: readonly RegExp[];
  /** The url ends in `*`: any further segments match. */
  readonly wildcard: boolean;
}

function compile(route: ServedRoute): CompiledRoute {
  const parts = route.url.split('/');
  const wildcard = parts.at(-1) === '*';
  return {
    method: route.method.toUpperCase(),
    segments: (wildcard ? parts.slice(0, -1) : parts).map(segmentPattern),
    wildcard,
  };
}

/** The router decodes the path before matching; `%2F` stays inside its segment. */
function pathSegments(path: string): string[] {
  return path.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
}

function matches(route: CompiledRoute, segments: readonly string[]): boolean {
  if (route.wildcard ? segments.length <= route.segments.length : segments.length !== route.segments.length)
    return false;
  return route.segments.every((pattern, index) => pattern.test(segments[index] ?? ''));
}

/** The methods the routes serve at `path` (no query), sorted; empty when no route has the path. */
export function allowedMethods(routes: readonly ServedRoute[], path: string): string[] {
  return allowedMethodsOf(routes.map(compile), path);
}

function allowedMethodsOf(routes: readonly CompiledRoute[], path: string): string[] {
  const segments = pathSegments(path);
  const methods = new Set(routes.filter((route) => matches(route, segments)).map((route) => route.method));
  return [...methods].sort();
}

export interface RouteMethods {
  /** The methods served at the request's path, sorted; empty when no route has the path. */
  allowedFor(request: FastifyRequest): string[];
}

/**
 * Records every route registered on `app` from now on (call it before any route), and makes the
 * record available to every handler as `request.server.routeMethods`.
 */
export function recordRouteMethods(app: FastifyInstance): RouteMethods {
  const routes: CompiledRoute[] = [];
  app.addHook('onRoute', (route) => {
    if ((route.config as { catchAll?: boolean } | undefined)?.catchAll) return;
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      routes.push(compile({ method, url: route.url }));
    }
  });
  const routeMethods: RouteMethods = {
    allowedFor: (request) => allowedMethodsOf(routes, request.url.split('?')[0] ?? request.url),
  };
  app.decorate('routeMethods', routeMethods);
  return routeMethods;
}

/** The methods served at the request's path; none when the app records no routes (no app.ts). */
export function allowedMethodsFor(request: FastifyRequest): string[] {
  return request.server.hasDecorator('routeMethods') ? request.server.routeMethods.allowedFor(request) : [];
}

declare module 'fastify' {
  interface FastifyInstance {
    routeMethods: RouteMethods;
  }
}

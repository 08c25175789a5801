// The admin API refuses a query parameter it does not know (SPEC §7 "invalid input 400").
// Why: zod's `z.object` drops unknown keys, so `GET …/numbers?locationId=X` (the parameter is
// `location`) answered every number with a 200, and a script that believed it had filtered acted
// on everything. One hook for every admin route, registered once before the routes, instead of a
// strict schema written into each route: a route added later is strict without anyone thinking of it.
// - The accepted names are the keys of the route's `querystring` zod object; a route without one
//   accepts none (GET by id, DELETE, the CSV downloads: nothing legitimate sends one there).
// - A route that must tolerate extra parameters says so in its schema with `z.looseObject`.
// - Out of scope, tolerant as before: the Wholesale API (`/v1/wholesale/…`, `/v1/subscribers/…`,
//   the public API's shape), SCIM (`/scim/…`, RFC 7644 parameters), and everything outside `/v1`
//   (probes, metrics, the OpenAPI document, the web app).
// It runs in preValidation: after authentication (401 first), before the schema validation and the
// handler, so a refused request changes nothing.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { validationFailed, type ErrorDetail } from '../../domain/errors.ts';
import { PUBLIC_API_PATH } from '../errors.ts';

/** Admin API routes: `/v1/…` except the Wholesale API. */
export function isStrictQueryRoute(routeUrl: string | undefined): boolean {
  return routeUrl !== undefined && routeUrl.startsWith('/v1/') && !PUBLIC_API_PATH.test(routeUrl);
}

const acceptedByRouteSchema = new WeakMap<object, readonly string[] | null>();

/**
 * The query parameters a route's `querystring` schema accepts, or null when it accepts any
 * (a loose object, or a schema that is not a zod object: not ours to judge).
 */
export function acceptedQueryParameters(schema: unknown): readonly string[] | null {
  if (schema === undefined || schema === null) return [];
  if (typeof schema !== 'object') return null;
  const cached = acceptedByRouteSchema.get(schema);
  if (cached !== undefined) return cached;
  let accepted: readonly string[] | null = null;
  if (schema instanceof z.ZodObject) {
    const catchall = (schema as z.ZodObject).def.catchall;
    accepted = catchall === undefined || catchall instanceof z.ZodNever ? Object.keys(schema.shape) : null;
  }
  acceptedByRouteSchema.set(schema, accepted);
  return accepted;
}

/** The detail naming one unknown parameter and the ones accepted, in English and Dutch. */
export function unknownQueryParameterDetail(
  name: string,
  accepted: readonly string[],
  isList: boolean,
): ErrorDetail {
  const names = accepted.join(', ');
  const en = `Unknown query parameter "${name}".`;
  const nl = `Onbekende queryparameter "${name}".`;
  if (accepted.length === 0)
    return {
      code: 'unknown_query_parameter',
      description: `${en} This request takes no query parameters.`,
      descriptionNl: `${nl} Dit verzoek heeft geen queryparameters.`,
      field: name,
    };
  return {
    code: 'unknown_query_parameter',
    description: `${en} ${isList ? 'This list' : 'This request'} accepts: ${names}.`,
    descriptionNl: `${nl} ${isList ? 'Deze lijst' : 'Dit verzoek'} accepteert: ${names}.`,
    field: name,
  };
}

/** Throws the 400 when the request's query names a parameter its admin route does not accept. */
export function refuseUnknownQueryParameters(request: FastifyRequest): void {
  if (!isStrictQueryRoute(request.routeOptions.url)) return;
  const accepted = acceptedQueryParameters(request.routeOptions.schema?.querystring);
  if (accepted === null) return;
  const query = request.query;
  if (typeof query !== 'object' || query === null) return;
  const unknown = Object.keys(query).filter((name) => !accepted.includes(name));
  if (unknown.length === 0) return;
  // A paged list (it takes `max`) is "this list"; any other route "this request".
  const isList = request.method === 'GET' && accepted.includes('max');
  throw validationFailed(unknown.map((name) => unknownQueryParameterDetail(name, accepted, isList)));
}

export const strictQueryPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (request) => refuseUnknownQueryParameters(request));
  },
  { name: 'strict-query' },
);

// The served OpenAPI document states the rules that hooks and route options enforce outside a
// route's own schema (SPEC §7: the document states the API's rules). One swagger `transform`, run
// for every route when the document is built, instead of the same words written into each route:
// a route added later is documented as it behaves without anyone thinking of it.
// - The admin API refuses an unknown query parameter (plugins/strict-query.ts). OpenAPI 3.0 lists
//   query parameters one by one and has no way to say the list is closed, so each such operation
//   gets a sentence in its description and lists the 400 answer.
// - A route with a body limit of its own (the public routes: routes/public-body-limit.ts) lists
//   the 413 answer with that limit.
// The route's schema is never changed in place: Fastify validates and serializes with it.
import type { FastifySchema, RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { INVALID_JSON_CODE } from './plugins/input-hygiene.ts';
import { MAX_JSON_DEPTH } from './plugins/json-depth.ts';
import { acceptedQueryParameters, isStrictQueryRoute } from './plugins/strict-query.ts';
import { errorResponse } from './schemas/common.ts';

/** The sentence an operation whose query parameters are closed carries in its description. */
export function closedQuerySentence(accepted: readonly string[]): string {
  return accepted.length === 0
    ? 'This operation takes no query parameters: any query parameter is refused with 400 `unknown_query_parameter`.'
    : 'A query parameter not listed here is refused with 400 `unknown_query_parameter`.';
}

/** The document's general rule on nesting, for its info description. */
export const JSON_DEPTH_RULE = `A JSON request body that nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep is refused with 400 \`${INVALID_JSON_CODE}\`.`;

/** "16 KiB", "5 MiB", else bytes. */
export function formatByteLimit(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** What swagger shows for a route without a response schema (a download, say): any content. */
const UNDESCRIBED_RESPONSES: Readonly<Record<string, unknown>> = {
  200: { description: 'Default Response', content: { '*/*': { schema: z.unknown() } } },
};

type RouteSchema = FastifySchema & { description?: string; response?: Record<string, unknown> };

/** The route's schema with the rules above added to its description and responses. */
export function withDocumentedRules(
  schema: RouteSchema | undefined,
  route: Pick<RouteOptions, 'url' | 'bodyLimit'>,
): RouteSchema | undefined {
  const given: RouteSchema = schema ?? {};
  const listed = given.response ?? {};
  const added: Record<string, unknown> = {};
  let description = given.description;

  const accepted = isStrictQueryRoute(route.url) ? acceptedQueryParameters(given.querystring) : null;
  if (accepted !== null) {
    const sentence = closedQuerySentence(accepted);
    description = description ? `${description}\n\n${sentence}` : sentence;
    if (listed['400'] === undefined) added['400'] = errorResponse;
  }
  if (route.bodyLimit !== undefined && listed['413'] === undefined) {
    added['413'] = {
      description: `The request body is larger than ${formatByteLimit(route.bodyLimit)}`,
      content: { 'application/json': { schema: errorResponse } },
    };
  }
  if (description === given.description && Object.keys(added).length === 0) return schema;
  // Without a response schema the document shows swagger's default 200: it stays, beside the errors.
  const response = { ...(given.response ?? UNDESCRIBED_RESPONSES), ...added };
  return { ...given, ...(description === undefined ? {} : { description }), response };
}

/** The swagger `transform`: the rules above, then zod schemas to JSON schemas. */
export const documentedRulesTransform: typeof jsonSchemaTransform = (input) =>
  jsonSchemaTransform({
    ...input,
    schema: withDocumentedRules(input.schema as RouteSchema | undefined, input.route) as typeof input.schema,
  });

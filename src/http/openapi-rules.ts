// The served OpenAPI document states the rules that hooks and route options enforce outside a
// route's own schema (SPEC §7: the document states the API's rules). One swagger `transform`, run
// for every route when the document is built, instead of the same words written into each route:
// a route added later is documented as it behaves without anyone thinking of it.
// - The admin API refuses an unknown query parameter (plugins/strict-query.ts). OpenAPI 3.0 lists
//   query parameters one by one and has no way to say the list is closed, so each such operation
//   gets a sentence in its description and lists the 400 answer.
// - A route with a body limit of its own (the public routes: routes/public-body-limit.ts) lists
//   the 413 answer with that limit.
// - An admin operation that reads a body lists the 415 that any other media type gets (the JSON
//   parser's, or an upload's guard: schemas/upload-body.ts), and an upload documents the body
//   its `consumes` names (multipart with the field `file`, or the file itself).
// - Every admin answer carries the `trackingId` header; a 429 `Retry-After` and `X-RateLimit-*`
//   (plugins/rate-limit-keys.ts); a list page `Link` to the next (paging.ts); the 201/202 of the
//   routes below that send it `Location`.
// - Every admin and Wholesale operation may answer 503 with `Retry-After` while the database is
//   unavailable (errors.ts setDatabaseRetryAfter): any request may meet an outage.
// - A 204 and a 304 have no content; a nullable enum lists `null` (OpenAPI 3.0.3: `nullable` does not add
//   null to an `enum`, so strict validators refused the null the API answers).
// The route's schema is never changed in place: Fastify validates and serializes with it.
import type { FastifySchema, RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { INVALID_JSON_CODE } from './plugins/input-hygiene.ts';
import { MAX_JSON_DEPTH } from './plugins/json-depth.ts';
import { isRateLimitedPath } from './plugins/rate-limit-keys.ts';
import { acceptedQueryParameters, isStrictQueryRoute } from './plugins/strict-query.ts';
import { DATABASE_RETRY_AFTER_SECONDS } from '../services/db-errors.ts';
import { errorResponse } from './schemas/common.ts';
import { consumedMediaTypes, uploadRequestBody } from './schemas/upload-body.ts';

/** The sentence an operation whose query parameters are closed carries in its description. */
export function closedQuerySentence(accepted: readonly string[]): string {
  return accepted.length === 0
    ? 'This operation takes no query parameters: any query parameter is refused with 400 `unknown_query_parameter`.'
    : 'A query parameter not listed here is refused with 400 `unknown_query_parameter`.';
}

/** The document's general rule on nesting, for its info description. */
export const JSON_DEPTH_RULE = `A JSON request body that nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep is refused with 400 \`${INVALID_JSON_CODE}\`.`;

/** The document's rule on rate limits, with the deployment's numbers, for its info description. */
export function rateLimitRule(
  limits: Pick<Config['rateLimits'], 'apiPerMinute' | 'apiPerIpPerMinute'>,
): string {
  return (
    `Rate limits: every \`/v1\` and \`/scim\` request counts against its client IP (${limits.apiPerIpPerMinute} a minute) and against each credential it presents, API token or session (${limits.apiPerMinute} a minute each). ` +
    'Answers carry `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (seconds) of the count nearest its limit; over a limit the answer is 429 with `Retry-After` (seconds).'
  );
}

/** The description of the bearer token scheme: what it is and how to get one. */
export const BEARER_AUTH_DESCRIPTION =
  'An API token, sent as `Authorization: Bearer <token>`. Create one with `POST /v1/tokens` (`name` and `role`, and `customerId` for a customer role), signed in or with a token that may grant that role; the answer shows the token once (`token`). ' +
  'On the server: `hub tokens create --role partner_full_admin --name "…"` prints it.';

/** Tag descriptions that explain a flow spanning several operations. */
export const ADMIN_TAGS: readonly { readonly name: string; readonly description: string }[] = [
  {
    name: 'customers',
    description:
      'A customer is provisioned in the background: `POST /v1/customers` answers 202 with the customer (`status: provisioning`) and its path in `Location`; poll `GET /v1/customers/{customerId}` until `status` is no longer `provisioning` (`provisioned`, `provisioned_with_errors` or `error`, with `errors`). ' +
      'A change of the sold packages (PATCH, 202, `updating`) runs the same way; a delete (202, `deleting`) ends with 404, or `error`. ' +
      "Package limits (ADR 0091): a request that is valid but runs into the customer's stored users answers 409 — a PATCH that removes a package users hold (`package_in_use`) or sets a limit below them (`limit_below_usage`), and a user create, batch user or package change whose package's limit is used up (`package_limit_reached`); a package the customer was not sold is 400 (`package_not_sold`).",
  },
  {
    name: 'imports',
    description:
      'A user CSV import is a job: the upload answers 202 with the import (`queued`) and its path in `Location`; poll it until `status` is `validated` (a dry run: `POST …/apply` answers 202 and runs it), `completed`, `completed_with_errors`, `failed` or `cancelled`. ' +
      'Per-row results: `…/rows`; the failed rows as CSV: `…/error-report.csv`.',
  },
];

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

type RouteSchema = FastifySchema & {
  description?: string;
  consumes?: readonly string[];
  response?: Record<string, unknown>;
};

type DocumentedRoute = Pick<RouteOptions, 'url' | 'bodyLimit'> & { readonly method?: RouteOptions['method'] };

/** The media types an operation reads, or null when it reads no body. */
function bodyMediaTypes(schema: RouteSchema): readonly string[] | null {
  const consumes = consumedMediaTypes(schema);
  if (consumes !== undefined) return consumes;
  return schema.body === undefined ? null : ['application/json'];
}

/** The description of the 415 of an operation that reads these media types. */
export function unsupportedMediaTypeDescription(types: readonly string[]): string {
  return `The body's media type (Content-Type) is not one this operation reads: ${types.join(', ')}`;
}

/** The route's schema with the rules above added to its description and responses. */
export function withDocumentedRules(
  schema: RouteSchema | undefined,
  route: DocumentedRoute,
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
  const admin = isStrictQueryRoute(route.url);
  const bodyTypes = bodyMediaTypes(given);
  if (admin && bodyTypes !== null && listed['415'] === undefined) {
    added['415'] = {
      description: unsupportedMediaTypeDescription(bodyTypes),
      content: { 'application/json': { schema: errorResponse } },
    };
  }
  if (admin && isRateLimitedPath(route.url) && listed['429'] === undefined) added['429'] = errorResponse;
  if (admin && listed['503'] === undefined) {
    added['503'] = {
      description: DATABASE_UNAVAILABLE_DESCRIPTION,
      content: { 'application/json': { schema: errorResponse } },
    };
  }
  if (description === given.description && Object.keys(added).length === 0) return schema;
  // Without a response schema the document shows swagger's default 200: it stays, beside the errors.
  const response = { ...(given.response ?? UNDESCRIBED_RESPONSES), ...added };
  return { ...given, ...(description === undefined ? {} : { description }), response };
}

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of a JSON schema in which every `nullable` enum lists `null` too. */
export function withNullInNullableEnums(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withNullInNullableEnums);
  if (!isJsonObject(value)) return value;
  const copy: JsonObject = {};
  for (const [key, item] of Object.entries(value)) copy[key] = withNullInNullableEnums(item);
  if (copy.nullable === true && Array.isArray(copy.enum) && !copy.enum.includes(null))
    copy.enum = [...copy.enum, null];
  return copy;
}

/** A header as @fastify/swagger reads it from a response schema's `headers`. */
type HeaderSchema = { readonly type: 'string' | 'integer'; readonly description: string };

export const TRACKING_ID_HEADER: Readonly<Record<string, HeaderSchema>> = {
  trackingId: {
    type: 'string',
    description:
      "The request's tracking id (the client's `trackingId` header when valid, else a new one); the server logs it.",
  },
};

export const RATE_LIMITED_HEADERS: Readonly<Record<string, HeaderSchema>> = {
  'Retry-After': { type: 'integer', description: 'Seconds until the limit allows a request again' },
  'X-RateLimit-Limit': { type: 'integer', description: 'Requests a minute the exceeded count allows' },
  'X-RateLimit-Remaining': { type: 'integer', description: 'Requests left in the window: 0' },
  'X-RateLimit-Reset': { type: 'integer', description: 'Seconds until the window ends' },
};

/** The 503 of a database outage: the header any `/v1` answer carries then (errors.ts). */
export const DATABASE_UNAVAILABLE_DESCRIPTION = `The database is unavailable for a moment (code \`database_unavailable\`): try again after \`Retry-After\` seconds (${DATABASE_RETRY_AFTER_SECONDS})`;

export const DATABASE_RETRY_AFTER_HEADER: Readonly<Record<string, HeaderSchema>> = {
  'Retry-After': {
    type: 'integer',
    description: `Seconds to wait before trying again (${DATABASE_RETRY_AFTER_SECONDS}); sent when the database is unavailable`,
  },
};

const NEXT_PAGE_HEADER: Readonly<Record<string, HeaderSchema>> = {
  Link: {
    type: 'string',
    description:
      'When another page follows: `<path?…>; rel="next"`, the next page (same filters and `max`). Absent on the last page.',
  },
};

/** The 201/202 answers that send `Location`, by `METHOD url`: what it points to. */
export const LOCATION_HEADERS: Readonly<Record<string, string>> = {
  'POST /v1/customers':
    'The customer, `/v1/customers/{id}`: poll it until `status` is no longer `provisioning`.',
  'PATCH /v1/customers/:customerId':
    'The customer, `/v1/customers/{id}`: poll it until `status` is no longer `updating`.',
  'DELETE /v1/customers/:customerId':
    'The customer, `/v1/customers/{id}`: it answers 404 once deleted (or `status: error`).',
  'POST /v1/customers/:customerId/locations': 'The location, `/v1/customers/{customerId}/locations/{id}`.',
  'POST /v1/customers/:customerId/users': 'The user, `/v1/customers/{customerId}/users/{id}`.',
  'POST /v1/customers/:customerId/imports':
    'The import, `/v1/customers/{customerId}/imports/{id}`: poll it until its job ends.',
  'POST /v1/customers/:customerId/imports/:importId/apply':
    'The import, `/v1/customers/{customerId}/imports/{id}`: poll it until its job ends.',
  'POST /v1/admins': 'The admin, `/v1/admins/{id}`.',
  'POST /v1/tokens': 'The token, `/v1/tokens/{id}`.',
  'POST /v1/partners': 'The partner, `/v1/partners/{id}`.',
};

/** Whether an operation answers pages with a `Link` to the next (a cursor, or the rows' `after`). */
function isPaged(schema: RouteSchema): boolean {
  const accepted = acceptedQueryParameters(schema.querystring) ?? [];
  return accepted.includes('cursor') || accepted.includes('after');
}

function withHeaders(answer: unknown, headers: Readonly<Record<string, HeaderSchema>>): unknown {
  if (!isJsonObject(answer)) return answer;
  const given = isJsonObject(answer.headers) ? answer.headers : {};
  return { ...answer, headers: { ...given, ...headers } };
}

/**
 * The JSON schema the zod transform made, with the rules that are about the answer as sent (its
 * headers, a 204's lack of content) and the nullable enums' `null`. `given` is the route's schema.
 */
export function withDocumentedAnswers(
  transformed: JsonObject,
  given: RouteSchema | undefined,
  route: DocumentedRoute,
): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(transformed)) {
    result[key] = ['body', 'querystring', 'params', 'headers'].includes(key)
      ? withNullInNullableEnums(value)
      : value;
  }
  const consumes = consumedMediaTypes(given);
  if (consumes !== undefined && given?.body === undefined) result.body = uploadRequestBody(consumes);
  if (!isJsonObject(transformed.response)) return result;

  const admin = isStrictQueryRoute(route.url);
  const method = typeof route.method === 'string' ? route.method.toUpperCase() : undefined;
  const location = method === undefined ? undefined : LOCATION_HEADERS[`${method} ${route.url}`];
  const paged = given !== undefined && isPaged(given);
  const response: JsonObject = {};
  for (const [status, schema] of Object.entries(transformed.response)) {
    let answer =
      status === '204'
        ? { type: 'null', description: 'No content' }
        : status === '304' // a conditional GET's (edit-etag.ts): no content either
          ? { type: 'null', description: 'Not modified: If-None-Match names the current version' }
          : withNullInNullableEnums(schema);
    if (status === '503' && route.url.startsWith('/v1/'))
      answer = withHeaders(answer, DATABASE_RETRY_AFTER_HEADER);
    if (admin) {
      answer = withHeaders(answer, TRACKING_ID_HEADER);
      if (status === '429') answer = withHeaders(answer, RATE_LIMITED_HEADERS);
      if (status === '200' && paged) answer = withHeaders(answer, NEXT_PAGE_HEADER);
      if ((status === '201' || status === '202') && location !== undefined)
        answer = withHeaders(answer, { Location: { type: 'string', description: location } });
    }
    response[status] = answer;
  }
  return { ...result, response };
}

/**
 * The admin answers' shared headers, each stated once under `components.headers` by the name
 * there: 560 answers repeated trackingId's description, 74 the four of a 429 (OAS 3.0.3 takes a
 * Reference Object in a response's `headers`).
 */
const SHARED_HEADERS: readonly {
  readonly component: string;
  readonly name: string;
  readonly header: HeaderSchema;
}[] = [
  ...Object.entries(TRACKING_ID_HEADER).map(([name, header]) => ({ component: 'TrackingId', name, header })),
  ...Object.entries(RATE_LIMITED_HEADERS).map(([name, header]) => ({
    component: name.replaceAll('-', ''),
    name,
    header,
  })),
  ...Object.entries(NEXT_PAGE_HEADER).map(([name, header]) => ({ component: 'NextPageLink', name, header })),
];

/** A header as @fastify/swagger writes it into the document: the description beside the schema. */
function headerObject(header: HeaderSchema): JsonObject {
  return { description: header.description, schema: { type: header.type } };
}

/** Plain JSON with its object keys sorted: two header objects compare by content, not key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    isJsonObject(item)
      ? Object.fromEntries(
          Object.keys(item)
            .sort()
            .map((key) => [key, item[key]]),
        )
      : item,
  );
}

/**
 * The document with each response header that is one of SHARED_HEADERS (same name, same content)
 * replaced by a `$ref` to it under `components.headers`, beside the headers already there (SCIM's).
 * A header worded otherwise (the Wholesale API's `Link`, a `Location`) stays as it is.
 */
export function withSharedHeaders(source: Readonly<JsonObject>): JsonObject {
  const shared = new Map(
    SHARED_HEADERS.map(({ component, name, header }) => [
      name,
      { component, text: canonical(headerObject(header)) },
    ]),
  );
  const used = new Set<string>();
  const withRefs = (headers: JsonObject): JsonObject =>
    Object.fromEntries(
      Object.entries(headers).map(([name, header]) => {
        const known = shared.get(name);
        if (known === undefined || canonical(header) !== known.text) return [name, header];
        used.add(known.component);
        return [name, { $ref: `#/components/headers/${known.component}` }];
      }),
    );
  const mapObject = (value: unknown, each: (item: JsonObject) => JsonObject): unknown =>
    isJsonObject(value)
      ? Object.fromEntries(
          Object.entries(value).map(([key, item]) => [key, isJsonObject(item) ? each(item) : item]),
        )
      : value;
  const paths = mapObject(
    source.paths,
    (pathItem) =>
      mapObject(pathItem, (operation) =>
        isJsonObject(operation.responses)
          ? {
              ...operation,
              responses: mapObject(operation.responses, (answer) =>
                isJsonObject(answer.headers) ? { ...answer, headers: withRefs(answer.headers) } : answer,
              ),
            }
          : operation,
      ) as JsonObject,
  );
  if (used.size === 0) return source;
  const components = isJsonObject(source.components) ? source.components : {};
  const given = isJsonObject(components.headers) ? components.headers : {};
  const headers = Object.fromEntries(
    SHARED_HEADERS.filter(({ component }) => used.has(component)).map(({ component, header }) => [
      component,
      headerObject(header),
    ]),
  );
  return { ...source, paths, components: { ...components, headers: { ...given, ...headers } } };
}

/** The swagger `transform`: the rules above, then zod schemas to JSON schemas, then the answers' rules. */
export const documentedRulesTransform: typeof jsonSchemaTransform = (input) => {
  const given = input.schema as RouteSchema | undefined;
  const transformed = jsonSchemaTransform({
    ...input,
    schema: withDocumentedRules(given, input.route) as typeof input.schema,
  });
  if (!isJsonObject(transformed.schema) || transformed.schema.hide === true) return transformed;
  return {
    ...transformed,
    schema: withDocumentedAnswers(transformed.schema, given, input.route) as typeof transformed.schema,
  };
};

// The served OpenAPI document states the rules enforced outside each route's own schema (SPEC §7):
// the admin API's closed query parameters (400), the public routes' 16 KiB body limit (413), the
// JSON nesting limit (400 `invalid_json`), and what `createdByTokenId` of a token means. Every
// operation of the served document is checked, so a route added later without them fails here.
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/http/plugins/json-depth.ts';
import { PUBLIC_ROUTE_BODY_LIMIT } from '../../src/http/routes/public-body-limit.ts';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();

type Schema = {
  $ref?: string;
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  allOf?: Schema[];
};
type Response = { description?: string; content?: Record<string, { schema: Schema }> };
type Operation = {
  description?: string;
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, Response>;
};
type OpenApi = {
  info: { description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);
/** The Wholesale API (the public API's shape): tolerant of unknown query parameters. */
const WHOLESALE_PATH = /^\/v1\/(wholesale|subscribers)\//;
/** Admin operations whose query parameters are open on purpose (`z.looseObject`), with the reason. */
const TOLERANT_ADMIN_OPERATIONS: Readonly<Record<string, string>> = {};
/** The routes anyone may call without a credential, limited to 16 KiB (routes/public-body-limit.ts). */
const PUBLIC_BODY_OPERATIONS = [
  'post /v1/auth/login',
  'post /v1/auth/logout',
  'post /v1/auth/accept-invite',
  'post /v1/auth/password-reset',
  'post /v1/auth/password-reset/confirm',
  'post /v1/signup',
  'post /v1/signup/verify',
  'post /v1/consent',
];
const CREATED_BY_TOKEN_ID =
  'The API token this one was created with; null when created by a person or before this was recorded';

async function servedDocument(): Promise<OpenApi> {
  const { app } = harness();
  const response = await app.inject({ url: '/openapi.json' });
  expect(response.statusCode).toBe(200);
  return response.json() as OpenApi;
}

function operations(document: OpenApi): [string, string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]): [string, string, Operation] => [method, path, operation]),
  );
}

function resolve(document: OpenApi, schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let depth = 0; current?.$ref && depth < 10; depth += 1)
    current = document.components?.schemas?.[current.$ref.replace('#/components/schemas/', '')];
  return current;
}

/** The property `name` wherever it appears in a schema (items, allOf, anyOf included). */
function findProperty(document: OpenApi, root: Schema | undefined, name: string): Schema | undefined {
  const schema = resolve(document, root);
  if (!schema) return undefined;
  if (schema.properties?.[name]) return schema.properties[name];
  for (const part of [
    ...Object.values(schema.properties ?? {}),
    ...(schema.items ? [schema.items] : []),
    ...(schema.allOf ?? []),
    ...(schema.anyOf ?? []),
  ]) {
    const found = findProperty(document, part, name);
    if (found) return found;
  }
  return undefined;
}

function errorFields(document: OpenApi, response: Response | undefined): string[] {
  return Object.keys(resolve(document, response?.content?.['application/json']?.schema)?.properties ?? {});
}

describe('/openapi.json states the API rules enforced outside the route schemas', () => {
  it('says on every admin operation that its query parameters are closed, and lists the 400', async () => {
    const document = await servedDocument();
    const problems: string[] = [];
    const admin = operations(document).filter(
      ([method, path]) =>
        path.startsWith('/v1/') &&
        !WHOLESALE_PATH.test(path) &&
        TOLERANT_ADMIN_OPERATIONS[`${method} ${path}`] === undefined,
    );
    expect(admin.length).toBeGreaterThan(50);
    for (const [method, path, operation] of admin) {
      const key = `${method} ${path}`;
      const takesQuery = (operation.parameters ?? []).some((parameter) => parameter.in === 'query');
      const expected = takesQuery
        ? 'A query parameter not listed here is refused with 400 `unknown_query_parameter`.'
        : 'This operation takes no query parameters: any query parameter is refused with 400 `unknown_query_parameter`.';
      if (!operation.description?.includes(expected))
        problems.push(`${key}: description lacks "${expected}"`);
      if (errorFields(document, operation.responses['400']).join() !== 'message,errors,trackingId')
        problems.push(`${key}: no 400 with the error body`);
    }
    expect(problems).toEqual([]);
  });

  it('does not say so where unknown query parameters are ignored (Wholesale API, SCIM)', async () => {
    const document = await servedDocument();
    const tolerant = operations(document).filter(
      ([, path]) => WHOLESALE_PATH.test(path) || path.startsWith('/scim/'),
    );
    expect(tolerant.length).toBeGreaterThan(10);
    for (const [method, path, operation] of tolerant)
      expect(operation.description ?? '', `${method} ${path}`).not.toContain('unknown_query_parameter');
  });

  it('lists the 413 past 16 KiB on every unauthenticated operation that takes a body', async () => {
    const document = await servedDocument();
    const byKey = new Map(operations(document).map(([method, path, op]) => [`${method} ${path}`, op]));
    // The named ones, and any operation documented without a credential that takes a body.
    const unauthenticated = operations(document)
      .filter(([, , op]) => Array.isArray(op.security) && op.security.length === 0 && op.requestBody)
      .map(([method, path]) => `${method} ${path}`);
    expect(unauthenticated.length).toBeGreaterThan(5);
    const problems: string[] = [];
    for (const key of new Set([...PUBLIC_BODY_OPERATIONS, ...unauthenticated])) {
      const response = byKey.get(key)?.responses['413'];
      if (!byKey.has(key)) problems.push(`${key}: not documented`);
      else if (!response?.description?.includes(`${PUBLIC_ROUTE_BODY_LIMIT / 1024} KiB`))
        problems.push(`${key}: 413 missing or without the limit (${response?.description})`);
      else if (errorFields(document, response).join() !== 'message,errors,trackingId')
        problems.push(`${key}: 413 without the error body`);
    }
    expect(problems).toEqual([]);
  });

  it('lists the 503 with Retry-After of a database outage on every admin and Wholesale operation', async () => {
    const document = await servedDocument();
    type Header = { $ref?: string; description?: string; schema?: { type?: string } };
    // The Wholesale operations Wholesale Hub does not offer answer 501 (not-implemented.ts).
    const api = operations(document).filter(
      ([, path, operation]) => path.startsWith('/v1/') && operation.responses['501'] === undefined,
    );
    expect(api.length).toBeGreaterThan(80);
    const problems: string[] = [];
    for (const [method, path, operation] of api) {
      const response = operation.responses['503'] as
        (Response & { headers?: Record<string, Header> }) | undefined;
      const retryAfter = response?.headers?.['Retry-After'];
      if (response === undefined) problems.push(`${method} ${path}: no 503`);
      else if (retryAfter?.schema?.type !== 'integer' || !retryAfter.description?.includes('database'))
        problems.push(`${method} ${path}: 503 without the Retry-After header`);
    }
    expect(problems).toEqual([]);
  });

  it('states the JSON nesting limit in the info description, next to the other general rules', async () => {
    const document = await servedDocument();
    expect(document.info.description).toContain('unknown_query_parameter');
    expect(document.info.description).toContain(
      `A JSON request body that nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep is refused with 400 \`invalid_json\`.`,
    );
  });

  it.each([
    ['get', '/v1/tokens', '200'],
    ['post', '/v1/tokens', '201'],
    ['get', '/v1/tokens/{tokenId}', '200'],
    ['get', '/v1/customers/{customerId}/scim-tokens', '200'],
    ['post', '/v1/customers/{customerId}/scim-tokens', '201'],
  ])('describes createdByTokenId of %s %s', async (method, path, status) => {
    const document = await servedDocument();
    const schema = document.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema;
    expect(findProperty(document, schema, 'createdByTokenId')?.description).toContain(CREATED_BY_TOKEN_ID);
  });

  it('documents every .csv operation as answering text/csv, not any content', async () => {
    const document = await servedDocument();
    const downloads = operations(document).filter(
      ([method, path]) => method === 'get' && path.endsWith('.csv'),
    );
    expect(downloads.map(([, path]) => path).sort()).toEqual([
      '/v1/customers/{customerId}/imports/{importId}/error-report.csv',
      '/v1/customers/{customerId}/users/export.csv',
      '/v1/customers/{customerId}/users/template.csv',
    ]);
    for (const [, , operation] of downloads)
      expect(Object.keys(operation.responses['200']?.content ?? {})).toEqual(['text/csv']);
  });
});

describe('the document tells the truth about those rules', () => {
  it('an admin list refuses an unknown query parameter with 400 unknown_query_parameter', async () => {
    const { app, tokens, auth } = harness();
    const response = await app.inject({ url: '/v1/tokens?nope=1', headers: auth(tokens.operator) });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].code).toBe('unknown_query_parameter');
  });

  it('sign-in answers 413 past 16 KiB', async () => {
    const { app } = harness();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(PUBLIC_ROUTE_BODY_LIMIT) }),
    });
    expect(response.statusCode).toBe(413);
  });

  it(`a body nested deeper than ${MAX_JSON_DEPTH} levels answers 400 invalid_json`, async () => {
    const { app, tokens, auth } = harness();
    const depth = MAX_JSON_DEPTH + 1;
    const response = await app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: { ...auth(tokens.operator), 'content-type': 'application/json' },
      payload: `{"name":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].code).toBe('invalid_json');
  });
});

// The SCIM operations of the served OpenAPI document. SCIM routes have no Fastify schemas of their
// own (their bodies are read by the SCIM parsers, whose rules a JSON schema would only duplicate
// and could contradict), so swagger shows them as `200 "Default Response"`. The document is
// completed here instead, after swagger built it: each operation gets what it really answers
// (status codes, SCIM media type, schemas, ETag / Location / rate-limit headers), its request body, its
// parameters, the tag `scim`, the SCIM token as its security and a stable operationId.
// Nothing here changes how a request is handled.
//
// The spellings some directories send (`/users`, `/Users/`, `/serviceConfiguration`) are answered
// as the operation they spell: documented the same, under names of their own (`listUsersLowerCase`)
// and the tag `scim-compatibility`, so generated clients keep them apart and every route stays in
// the document (test/api/tenancy-matrix.test.ts walks it). `/Me` answers 501 and is documented as
// such for the methods RFC 7644 gives it; its other methods (QUERY is no OpenAPI 3.0 method) and
// the catch-alls (`/{*}` → 404, `/Me/{*}` → 501) are left out. A SCIM path the table does not know
// yet stays, with the tag, security and error answers.
import {
  headerRef,
  parameterRef,
  responseRef,
  schemaRef,
  SCIM_COMPONENTS,
  SCIM_MEDIA_TYPE,
  SCIM_REQUEST_MEDIA_TYPES,
  SCIM_SECURITY_SCHEME,
  SCIM_SECURITY_SCHEME_OBJECT,
  SCIM_COMPATIBILITY_TAG,
  SCIM_COMPATIBILITY_TAG_OBJECT,
  SCIM_TAG,
  SCIM_TAG_OBJECT,
  withRateLimitHeaders,
} from './scim-openapi-components.ts';
import type { OpenApiObject, OpenApiValue } from './scim-openapi-components.ts';

export const SCIM_PATH_PREFIX = '/scim/v2/{customerId}';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface ScimOperation {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  /** Parameters beyond the path's own. */
  readonly parameters?: readonly string[];
  /** The request body's schema component. */
  readonly body?: string;
  readonly responses: OpenApiObject;
  /** Error statuses beyond 401, 403, 429 and 503, which every SCIM operation can answer. */
  readonly errors: readonly number[];
}

const EVERY_OPERATION_ERRORS = [401, 403, 429, 503] as const;
const LIST_PARAMETERS = [
  'ScimFilter',
  'ScimStartIndex',
  'ScimCount',
  'ScimSortBy',
  'ScimSortOrder',
  'ScimAttributes',
  'ScimExcludedAttributes',
];
const PROJECTION = ['ScimAttributes', 'ScimExcludedAttributes'];

function answer(
  description: string,
  schema: string,
  headers: readonly ('ETag' | 'Location')[] = [],
): OpenApiObject {
  return {
    description,
    ...(headers.length > 0
      ? {
          headers: Object.fromEntries(
            headers.map((name) => [name, headerRef(`Scim${name === 'ETag' ? 'ETag' : 'Location'}`)]),
          ),
        }
      : {}),
    content: { [SCIM_MEDIA_TYPE]: { schema: schemaRef(schema) } },
  };
}

const NOT_MODIFIED: OpenApiObject = {
  description: 'Not modified: If-None-Match names the current version. No body.',
  headers: { ETag: headerRef('ScimETag') },
};

/** The operations of one resource type (Users, Groups): the same routes and answers. */
function resourceOperations(kind: 'User' | 'Group'): Record<string, Partial<Record<Method, ScimOperation>>> {
  const plural = `${kind}s`;
  const lower = kind.toLowerCase();
  const resource = `Scim${kind}`;
  const list = `Scim${kind}ListResponse`;
  const conflict = kind === 'User' ? [409] : [];
  return {
    [`/${plural}`]: {
      get: {
        operationId: `list${plural}`,
        summary: `List or filter ${lower}s`,
        parameters: LIST_PARAMETERS,
        responses: { 200: answer(`A page of ${lower}s.`, list) },
        errors: [400],
      },
      post: {
        operationId: `create${kind}`,
        summary: `Create a ${lower}`,
        parameters: PROJECTION,
        body: resource,
        responses: { 201: answer(`The created ${lower}.`, resource, ['ETag', 'Location']) },
        errors: [400, ...conflict, 413, 415],
      },
    },
    [`/${plural}/.search`]: {
      post: {
        operationId: `search${plural}`,
        summary: `Search ${lower}s with a query in the body`,
        body: 'ScimSearchRequest',
        responses: { 200: answer(`A page of ${lower}s.`, list) },
        errors: [400, 413, 415],
      },
    },
    [`/${plural}/{id}`]: {
      get: {
        operationId: `get${kind}`,
        summary: `Get a ${lower}`,
        parameters: [...PROJECTION, 'ScimIfNoneMatch'],
        responses: { 200: answer(`The ${lower}.`, resource, ['ETag']), 304: NOT_MODIFIED },
        errors: [400, 404],
      },
      put: {
        operationId: `replace${kind}`,
        summary: `Replace a ${lower}`,
        parameters: [...PROJECTION, 'ScimIfMatch'],
        body: resource,
        responses: { 200: answer(`The ${lower} as replaced.`, resource, ['ETag']) },
        errors: [400, 404, ...conflict, 412, 413, 415],
      },
      patch: {
        operationId: `patch${kind}`,
        summary: `Change attributes of a ${lower}`,
        description:
          'Answers 204 with the new ETag; 200 with the resource when the request has `attributes` or `excludedAttributes`, `Prefer: return=representation`, or comes from Okta (which expects it).',
        parameters: [...PROJECTION, 'ScimIfMatch', 'ScimPrefer'],
        body: 'ScimPatchOp',
        responses: {
          200: answer(`The ${lower} as changed.`, resource, ['ETag']),
          204: { description: 'Changed. No body.', headers: { ETag: headerRef('ScimETag') } },
        },
        errors: [400, 404, ...conflict, 412, 413, 415],
      },
      delete: {
        operationId: `delete${kind}`,
        summary: `Delete a ${lower}`,
        parameters: ['ScimIfMatch'],
        responses: { 204: { description: 'Deleted. No body.' } },
        errors: [404, 412],
      },
    },
  };
}

/** Paths below SCIM_PATH_PREFIX, with the operations they document. */
export const SCIM_OPERATIONS: Readonly<Record<string, Partial<Record<Method, ScimOperation>>>> = {
  '/ServiceProviderConfig': {
    get: {
      operationId: 'getServiceProviderConfig',
      summary: 'What this SCIM server supports',
      description: 'Also answered at `/serviceConfiguration`.',
      responses: { 200: answer('The service provider configuration.', 'ScimServiceProviderConfig') },
      errors: [],
    },
  },
  '/ResourceTypes': {
    get: {
      operationId: 'listResourceTypes',
      summary: 'List the resource types',
      responses: { 200: answer('User and Group.', 'ScimResourceTypeListResponse') },
      errors: [],
    },
  },
  '/ResourceTypes/{id}': {
    get: {
      operationId: 'getResourceType',
      summary: 'Get a resource type',
      responses: { 200: answer('The resource type.', 'ScimResourceType') },
      errors: [404],
    },
  },
  '/Schemas': {
    get: {
      operationId: 'listSchemas',
      summary: 'List the schemas',
      responses: {
        200: answer('The schemas of the resources and their extensions.', 'ScimSchemaListResponse'),
      },
      errors: [],
    },
  },
  '/Schemas/{id}': {
    get: {
      operationId: 'getSchema',
      summary: 'Get a schema by its URN',
      responses: { 200: answer('The schema.', 'ScimSchema') },
      errors: [404],
    },
  },
  ...resourceOperations('User'),
  ...resourceOperations('Group'),
  '/Bulk': {
    post: {
      operationId: 'runBulk',
      summary: 'Run several operations in one request',
      description:
        'Operations run in order through the same rules as single requests; each one counts against the rate limit. A failed operation answers inside the response. A `bulkId` names one resource of the request: a later POST under a bulkId already taken fails with 400 `invalidValue`, and `bulkId:` references keep naming the first.',
      body: 'ScimBulkRequest',
      responses: { 200: answer('The result of each operation run.', 'ScimBulkResponse') },
      errors: [400, 413, 415],
    },
  },
};

/** `/Me` (RFC 7644 §3.11): the methods the RFC gives it answer 501 (scim-plugin.ts). */
const ME_OPERATIONS: Partial<Record<Method, ScimOperation>> = Object.fromEntries(
  (
    [
      ['get', 'getMe'],
      ['post', 'createMe'],
      ['put', 'replaceMe'],
      ['patch', 'patchMe'],
      ['delete', 'deleteMe'],
    ] as const
  ).map(([method, operationId]) => [
    method,
    {
      operationId,
      summary: 'Not supported (501)',
      description:
        'A SCIM token stands for the directory, not for a user: there is no authenticated user to alias.',
      responses: { 501: responseRef('ScimError501') },
      errors: [],
    },
  ]),
);
const ME = '/Me';

/** How a SCIM route's path relates to the documented ones. */
export type ScimSpelling =
  /** A catch-all (`/{*}` → 404, `/Me/{*}` → 501): not in the document. */
  | { readonly kind: 'left-out' }
  /** A path the table does not know (yet): documented with what every SCIM operation has. */
  | { readonly kind: 'unknown' }
  | {
      readonly kind: 'documented';
      /** The table's path this one is answered as. */
      readonly canonical: string;
      /** Another name the spelling's operations are derived from (`/serviceConfiguration`). */
      readonly baseId?: string;
      /** '' for the table's own spelling, else what sets this one apart: `LowerCase`, `TrailingSlash`. */
      readonly variant: string;
    };

export function scimSpelling(subPath: string): ScimSpelling {
  const lower = subPath.toLowerCase();
  if (lower === '/{*}' || lower.startsWith(`${ME.toLowerCase()}/`)) return { kind: 'left-out' };
  const trailingSlash = subPath.length > 1 && subPath.endsWith('/');
  const path = trailingSlash ? subPath.slice(0, -1) : subPath;
  const serviceConfiguration = path.toLowerCase() === '/serviceconfiguration';
  const canonical = serviceConfiguration
    ? '/ServiceProviderConfig'
    : [...Object.keys(SCIM_OPERATIONS), ME].find((known) => known.toLowerCase() === path.toLowerCase());
  if (canonical === undefined) return { kind: 'unknown' };
  // How the spelling's own name is spelled where it is not the table's path.
  const named = serviceConfiguration ? '/serviceConfiguration' : canonical;
  const variant = `${path === named ? '' : 'LowerCase'}${trailingSlash ? 'TrailingSlash' : ''}`;
  return {
    kind: 'documented',
    canonical,
    ...(serviceConfiguration ? { baseId: 'getServiceConfiguration' } : {}),
    variant,
  };
}

/** An operation's own answers with the rate limit's headers (the error components have them). */
function withRateLimitHeadersOnEach(responses: OpenApiObject): OpenApiObject {
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) => [status, withRateLimitHeaders(response)]),
  );
}

function errorResponses(statuses: readonly number[]): OpenApiObject {
  const all = [...new Set([...statuses, ...EVERY_OPERATION_ERRORS])].sort((a, b) => a - b);
  return Object.fromEntries(all.map((status) => [String(status), responseRef(`ScimError${status}`)]));
}

function pathParameters(subPath: string): OpenApiValue[] {
  return [
    parameterRef('ScimCustomerId'),
    ...(subPath.includes('{id}') ? [parameterRef('ScimResourceId')] : []),
  ];
}

const SECURITY: OpenApiValue = [{ [SCIM_SECURITY_SCHEME]: [] }];

function documentedOperation(
  subPath: string,
  operation: ScimOperation,
  naming: { operationId: string; tag: string; description?: string },
): OpenApiObject {
  const description = naming.description ?? operation.description;
  return {
    operationId: naming.operationId,
    summary: operation.summary,
    ...(description !== undefined ? { description } : {}),
    tags: [naming.tag],
    security: SECURITY,
    parameters: [...pathParameters(subPath), ...(operation.parameters ?? []).map(parameterRef)],
    ...(operation.body !== undefined
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(
              SCIM_REQUEST_MEDIA_TYPES.map((type) => [type, { schema: schemaRef(operation.body ?? '') }]),
            ),
          },
        }
      : {}),
    responses: { ...withRateLimitHeadersOnEach(operation.responses), ...errorResponses(operation.errors) },
  };
}

/** An operation the table does not know: swagger's, with what every SCIM operation has. */
function undocumentedOperation(operation: OpenApiObject): OpenApiObject {
  const responses = isObject(operation.responses) ? operation.responses : {};
  return {
    ...operation,
    tags: [SCIM_TAG],
    security: SECURITY,
    responses: { ...withRateLimitHeadersOnEach(responses), ...errorResponses([]) },
  };
}

/** The path item of a documented spelling: the table's operations, under their names for it. */
function documentedItem(
  subPath: string,
  spelling: Extract<ScimSpelling, { kind: 'documented' }>,
  item: OpenApiObject,
): OpenApiObject {
  const isMe = spelling.canonical === ME;
  const table = isMe ? ME_OPERATIONS : (SCIM_OPERATIONS[spelling.canonical] ?? {});
  const alias = spelling.variant !== '' || spelling.baseId !== undefined;
  const documented: OpenApiObject = {};
  for (const [key, operation] of Object.entries(item)) {
    const known = table[key as Method];
    if (known !== undefined) {
      const operationId = `${spelling.baseId ?? known.operationId}${spelling.variant}`;
      documented[key] = documentedOperation(subPath, known, {
        operationId,
        tag: alias || isMe ? SCIM_COMPATIBILITY_TAG : SCIM_TAG,
        ...(alias
          ? {
              description: `Answered as \`${known.operationId}\` (\`${key.toUpperCase()} ${spelling.canonical}\`): the spelling some directories send.`,
            }
          : {}),
      });
    } else if (isMe) {
      // TRACE, OPTIONS, HEAD and QUERY (no OpenAPI 3.0 method) of the app.all route: nothing to tell.
      continue;
    } else if (isObject(operation) && isObject(operation.responses)) {
      documented[key] = undocumentedOperation(operation);
    } else documented[key] = operation;
  }
  return documented;
}

function isObject(value: OpenApiValue | undefined): value is OpenApiObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeInto(target: OpenApiValue | undefined, added: OpenApiObject): OpenApiObject {
  return { ...(isObject(target) ? target : {}), ...added };
}

/** The document with its SCIM operations documented (see the top of this file). */
export function withScimDocumentation(document: OpenApiObject): OpenApiObject {
  const paths = isObject(document.paths) ? document.paths : {};
  const documentedPaths: OpenApiObject = {};
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith(`${SCIM_PATH_PREFIX}/`) || !isObject(item)) {
      documentedPaths[path] = item;
      continue;
    }
    const subPath = path.slice(SCIM_PATH_PREFIX.length);
    const spelling = scimSpelling(subPath);
    if (spelling.kind === 'left-out') continue;
    documentedPaths[path] =
      spelling.kind === 'documented'
        ? documentedItem(subPath, spelling, item)
        : Object.fromEntries(
            Object.entries(item).map(([key, operation]) => [
              key,
              isObject(operation) && isObject(operation.responses)
                ? undocumentedOperation(operation)
                : operation,
            ]),
          );
  }

  const components = isObject(document.components) ? document.components : {};
  const ours = new Set([SCIM_TAG, SCIM_COMPATIBILITY_TAG]);
  const tags = (Array.isArray(document.tags) ? document.tags : []).filter(
    (tag) => !isObject(tag) || typeof tag.name !== 'string' || !ours.has(tag.name),
  );
  return {
    ...document,
    tags: [...tags, SCIM_TAG_OBJECT, SCIM_COMPATIBILITY_TAG_OBJECT],
    paths: documentedPaths,
    components: {
      ...components,
      securitySchemes: mergeInto(components.securitySchemes, {
        [SCIM_SECURITY_SCHEME]: SCIM_SECURITY_SCHEME_OBJECT,
      }),
      schemas: mergeInto(components.schemas, SCIM_COMPONENTS.schemas),
      responses: mergeInto(components.responses, SCIM_COMPONENTS.responses),
      parameters: mergeInto(components.parameters, SCIM_COMPONENTS.parameters),
      headers: mergeInto(components.headers, SCIM_COMPONENTS.headers),
    },
  };
}

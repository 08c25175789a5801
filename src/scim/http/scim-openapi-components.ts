// The components the served OpenAPI document's SCIM operations refer to (scim-openapi.ts): the
// message and resource schemas of RFC 7643/7644 as this server sends and takes them, its error
// answers, parameters, headers and the SCIM token's security scheme. Kept compact on purpose: the
// attributes a client needs to know, `additionalProperties` open where SCIM stores what it is
// given (SPEC §7: attributes the product does not model are returned as given).
import type { ScimType } from '../errors.ts';
import { MAX_BULK_OPERATIONS, MAX_BULK_PAYLOAD_BYTES } from '../discovery/service-provider-config.ts';
import { MAX_PATCH_OPERATIONS } from '../patch/parse-patch-request.ts';
import { DEFAULT_SCIM_COUNT, MAX_SCIM_COUNT } from '../resources/paging.ts';
import {
  BULK_REQUEST_SCHEMA,
  BULK_RESPONSE_SCHEMA,
  CORE_GROUP_SCHEMA,
  CORE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  ERROR_SCHEMA,
  LIST_RESPONSE_SCHEMA,
  PATCH_OP_SCHEMA,
  PRODUCT_USER_SCHEMA,
} from '../schema-urns.ts';

/** A JSON value as it goes into the document. */
export type OpenApiValue =
  string | number | boolean | null | OpenApiValue[] | { [key: string]: OpenApiValue };
export type OpenApiObject = { [key: string]: OpenApiValue };

/** The media type every SCIM answer has (scim-request.ts sends `application/scim+json; charset=utf-8`). */
export const SCIM_MEDIA_TYPE = 'application/scim+json';
/** What a SCIM request body may be sent as (scim-plugin.ts parses both). */
export const SCIM_REQUEST_MEDIA_TYPES = [SCIM_MEDIA_TYPE, 'application/json'] as const;
export const SCIM_TAG = 'scim';
export const SCIM_COMPATIBILITY_TAG = 'scim-compatibility';
export const SCIM_SECURITY_SCHEME = 'scimBearer';

export function schemaRef(name: string): OpenApiObject {
  return { $ref: `#/components/schemas/${name}` };
}
export function responseRef(name: string): OpenApiObject {
  return { $ref: `#/components/responses/${name}` };
}
export function parameterRef(name: string): OpenApiObject {
  return { $ref: `#/components/parameters/${name}` };
}
export function headerRef(name: string): OpenApiObject {
  return { $ref: `#/components/headers/${name}` };
}

/** Every scimType the server sends (errors.ts); the check below fails to compile when one is added there. */
const SCIM_TYPES = [
  'invalidFilter',
  'tooMany',
  'uniqueness',
  'mutability',
  'invalidSyntax',
  'invalidPath',
  'noTarget',
  'invalidValue',
  'invalidVers',
  'sensitive',
] as const satisfies readonly ScimType[];
type UnlistedScimType = Exclude<ScimType, (typeof SCIM_TYPES)[number]>;
const everyScimTypeListed: [UnlistedScimType] extends [never] ? true : never = true;
void everyScimTypeListed;

const text: OpenApiObject = { type: 'string' };
const urnList = (urn: string): OpenApiObject => ({
  type: 'array',
  items: { type: 'string' },
  example: [urn],
});
/** A multi-valued attribute of RFC 7643 §2.4 (emails, phoneNumbers, members…). */
const multiValued = (description: string, required: string[] = []): OpenApiObject => ({
  type: 'array',
  description,
  items: {
    type: 'object',
    ...(required.length > 0 ? { required } : {}),
    properties: {
      value: text,
      display: text,
      type: text,
      primary: { type: 'boolean' },
    },
    additionalProperties: true,
  },
});
const supported: OpenApiObject = {
  type: 'object',
  required: ['supported'],
  properties: { supported: { type: 'boolean' } },
};

const SCHEMAS: OpenApiObject = {
  ScimMeta: {
    type: 'object',
    readOnly: true,
    description: 'Resource metadata (RFC 7643 §3.1). `version` is the ETag the resource is answered with.',
    properties: {
      resourceType: text,
      created: { type: 'string', format: 'date-time' },
      lastModified: { type: 'string', format: 'date-time' },
      location: { type: 'string', format: 'uri' },
      version: { type: 'string', example: 'W/"3"' },
    },
  },
  ScimUser: {
    type: 'object',
    description:
      'A SCIM User (RFC 7643 §4.1) with the enterprise extension (§4.3) and the product extension. ' +
      "`userName` is unique within the customer; the user's identity email is `userName` when it is an email, else the primary (or first work) email. " +
      'Attributes the product does not model (addresses, roles, …) are stored and returned as given. ' +
      'An answer always has `schemas` and `id`; `attributes` / `excludedAttributes` can leave out any other attribute.',
    required: ['userName'],
    properties: {
      schemas: urnList(CORE_USER_SCHEMA),
      id: { type: 'string', readOnly: true },
      externalId: text,
      userName: text,
      name: {
        type: 'object',
        properties: {
          formatted: text,
          familyName: text,
          givenName: text,
          middleName: text,
          honorificPrefix: text,
          honorificSuffix: text,
        },
        additionalProperties: true,
      },
      displayName: text,
      nickName: text,
      title: text,
      userType: text,
      preferredLanguage: text,
      locale: text,
      timezone: text,
      active: { type: 'boolean', description: 'false suspends the user.' },
      password: { type: 'string', writeOnly: true, description: 'Accepted, never stored or answered.' },
      emails: multiValued('Email addresses.'),
      phoneNumbers: multiValued('Phone numbers.'),
      groups: {
        ...multiValued(
          'The groups the user is a direct member of (each with `$ref`); changed through the groups.',
        ),
        readOnly: true,
      },
      [ENTERPRISE_USER_SCHEMA]: {
        type: 'object',
        properties: {
          employeeNumber: text,
          costCenter: text,
          organization: text,
          division: text,
          department: text,
          manager: {
            type: 'object',
            properties: { value: text, displayName: text },
            additionalProperties: true,
          },
        },
        additionalProperties: true,
      },
      [PRODUCT_USER_SCHEMA]: {
        type: 'object',
        description: "The user's package, location (by name) and extension in the product.",
        properties: { package: text, location: text, extension: text },
        additionalProperties: true,
      },
      meta: schemaRef('ScimMeta'),
    },
    additionalProperties: true,
  },
  ScimGroup: {
    type: 'object',
    description:
      'A SCIM Group (RFC 7643 §4.2). Members are users of the same customer; ids the server does not know are ignored.',
    required: ['displayName'],
    properties: {
      schemas: urnList(CORE_GROUP_SCHEMA),
      id: { type: 'string', readOnly: true },
      externalId: text,
      displayName: { type: 'string', maxLength: 256 },
      members: multiValued("The member users, by `value` (the user's id).", ['value']),
      meta: schemaRef('ScimMeta'),
    },
    additionalProperties: true,
  },
  ScimListResponse: {
    type: 'object',
    description: 'A page of resources (RFC 7644 §3.4.2).',
    required: ['schemas', 'totalResults', 'itemsPerPage', 'startIndex', 'Resources'],
    properties: {
      schemas: urnList(LIST_RESPONSE_SCHEMA),
      totalResults: { type: 'integer', minimum: 0 },
      itemsPerPage: { type: 'integer', minimum: 0 },
      startIndex: { type: 'integer', minimum: 1 },
      Resources: { type: 'array', items: { type: 'object', additionalProperties: true } },
    },
  },
  ScimUserListResponse: listOf('ScimUser'),
  ScimGroupListResponse: listOf('ScimGroup'),
  ScimResourceTypeListResponse: listOf('ScimResourceType'),
  ScimSchemaListResponse: listOf('ScimSchema'),
  ScimSearchRequest: {
    type: 'object',
    description:
      'A query sent as a body (RFC 7644 §3.4.3), with the names and meaning of the list query parameters.',
    properties: {
      schemas: urnList('urn:ietf:params:scim:api:messages:2.0:SearchRequest'),
      filter: text,
      startIndex: { type: 'integer' },
      count: { type: 'integer' },
      sortBy: text,
      sortOrder: { type: 'string', enum: ['ascending', 'descending'] },
      attributes: { type: 'array', items: text },
      excludedAttributes: { type: 'array', items: text },
    },
  },
  ScimPatchOp: {
    type: 'object',
    description:
      'A PATCH message (RFC 7644 §3.5.2). `op` and `Operations` are read in any case (Entra ID sends `Replace`); a missing `schemas` is accepted.',
    required: ['Operations'],
    properties: {
      schemas: urnList(PATCH_OP_SCHEMA),
      Operations: {
        type: 'array',
        minItems: 1,
        maxItems: MAX_PATCH_OPERATIONS,
        items: {
          type: 'object',
          required: ['op'],
          properties: {
            op: { type: 'string', enum: ['add', 'replace', 'remove'] },
            path: { type: 'string', example: 'name.givenName' },
            value: { description: 'Required unless `op` is remove.' },
          },
        },
      },
    },
  },
  ScimBulkRequest: {
    type: 'object',
    description: `A bulk request (RFC 7644 §3.7): at most ${MAX_BULK_OPERATIONS} operations and ${MAX_BULK_PAYLOAD_BYTES} bytes. Each operation runs as the single request would; \`bulkId:x\` refers to a resource created earlier in the request.`,
    required: ['Operations'],
    properties: {
      schemas: urnList(BULK_REQUEST_SCHEMA),
      failOnErrors: { type: 'integer', minimum: 1 },
      Operations: {
        type: 'array',
        maxItems: MAX_BULK_OPERATIONS,
        items: {
          type: 'object',
          required: ['method', 'path'],
          properties: {
            method: { type: 'string', enum: ['POST', 'PUT', 'PATCH', 'DELETE'] },
            bulkId: { type: 'string', description: 'Required for POST.' },
            version: { type: 'string', description: 'Sent as If-Match.' },
            path: { type: 'string', example: '/Users' },
            data: { description: 'The body of the operation: a User, a Group or a PatchOp.' },
          },
        },
      },
    },
  },
  ScimBulkResponse: {
    type: 'object',
    required: ['schemas', 'Operations'],
    properties: {
      schemas: urnList(BULK_RESPONSE_SCHEMA),
      Operations: {
        type: 'array',
        items: {
          type: 'object',
          required: ['method', 'status'],
          properties: {
            method: text,
            bulkId: text,
            version: text,
            location: { type: 'string', format: 'uri' },
            status: { type: 'string', example: '201' },
            response: { description: 'The error (ScimError) of an operation that failed.' },
          },
        },
      },
    },
  },
  ScimError: {
    type: 'object',
    description: 'The SCIM error (RFC 7644 §3.12); `status` is the HTTP status as a string.',
    required: ['schemas', 'detail', 'status'],
    properties: {
      schemas: urnList(ERROR_SCHEMA),
      scimType: { type: 'string', enum: [...SCIM_TYPES] },
      detail: text,
      status: { type: 'string', pattern: '^[1-5][0-9]{2}$', example: '404' },
    },
  },
  ScimServiceProviderConfig: {
    type: 'object',
    description: 'What this server supports (RFC 7643 §5).',
    required: [
      'schemas',
      'patch',
      'bulk',
      'filter',
      'changePassword',
      'sort',
      'etag',
      'authenticationSchemes',
    ],
    properties: {
      schemas: urnList('urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'),
      documentationUri: { type: 'string', format: 'uri' },
      patch: supported,
      bulk: {
        type: 'object',
        required: ['supported'],
        properties: {
          supported: { type: 'boolean' },
          maxOperations: { type: 'integer' },
          maxPayloadSize: { type: 'integer' },
        },
      },
      filter: {
        type: 'object',
        required: ['supported'],
        properties: { supported: { type: 'boolean' }, maxResults: { type: 'integer' } },
      },
      changePassword: supported,
      sort: supported,
      etag: supported,
      authenticationSchemes: {
        type: 'array',
        items: {
          type: 'object',
          required: ['type', 'name'],
          properties: { type: text, name: text, description: text, primary: { type: 'boolean' } },
        },
      },
      meta: schemaRef('ScimMeta'),
    },
  },
  ScimResourceType: {
    type: 'object',
    description: 'A resource type (RFC 7643 §6): User or Group.',
    required: ['schemas', 'id', 'name', 'endpoint', 'schema'],
    properties: {
      schemas: urnList('urn:ietf:params:scim:schemas:core:2.0:ResourceType'),
      id: text,
      name: text,
      endpoint: text,
      description: text,
      schema: text,
      schemaExtensions: {
        type: 'array',
        items: {
          type: 'object',
          required: ['schema', 'required'],
          properties: { schema: text, required: { type: 'boolean' } },
        },
      },
      meta: schemaRef('ScimMeta'),
    },
  },
  ScimSchema: {
    type: 'object',
    description: 'A schema definition (RFC 7643 §7): its attributes with their types and characteristics.',
    required: ['id', 'attributes'],
    properties: {
      schemas: urnList('urn:ietf:params:scim:schemas:core:2.0:Schema'),
      id: { type: 'string', example: CORE_USER_SCHEMA },
      name: text,
      description: text,
      attributes: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'type'],
          properties: {
            name: text,
            type: {
              type: 'string',
              enum: ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'complex'],
            },
            multiValued: { type: 'boolean' },
            required: { type: 'boolean' },
            mutability: text,
            returned: text,
            subAttributes: { type: 'array', items: { type: 'object', additionalProperties: true } },
          },
          additionalProperties: true,
        },
      },
      meta: schemaRef('ScimMeta'),
    },
  },
};

function listOf(resource: string): OpenApiObject {
  return {
    allOf: [
      schemaRef('ScimListResponse'),
      { type: 'object', properties: { Resources: { type: 'array', items: schemaRef(resource) } } },
    ],
  };
}

const errorContent = (example: OpenApiObject): OpenApiObject => ({
  [SCIM_MEDIA_TYPE]: { schema: schemaRef('ScimError'), example: { schemas: [ERROR_SCHEMA], ...example } },
});

/**
 * The rate limit's headers (src/http/plugins/rate-limit-keys.ts): its hook runs for every /scim
 * request before authentication, so every SCIM answer carries them, a 401 and a 429 included.
 */
export const SCIM_RATE_LIMIT_HEADERS: OpenApiObject = {
  'X-RateLimit-Limit': headerRef('ScimRateLimitLimit'),
  'X-RateLimit-Remaining': headerRef('ScimRateLimitRemaining'),
  'X-RateLimit-Reset': headerRef('ScimRateLimitReset'),
};

/** An answer with the rate limit's headers beside its own. */
export function withRateLimitHeaders(response: OpenApiValue): OpenApiValue {
  if (typeof response !== 'object' || response === null || Array.isArray(response)) return response;
  if (response.$ref !== undefined) return response;
  const given = response.headers;
  const own = typeof given === 'object' && given !== null && !Array.isArray(given) ? given : {};
  return { ...response, headers: { ...own, ...SCIM_RATE_LIMIT_HEADERS } };
}

/** The SCIM error answers, by status. Names are `ScimError<status>`. */
const ERROR_RESPONSES: OpenApiObject = {
  ScimError400: {
    description:
      'The request is malformed or a value is refused (`invalidSyntax`, `invalidValue`, `invalidFilter`, `invalidPath`, `noTarget`, `mutability`).',
    content: errorContent({ scimType: 'invalidValue', detail: '"userName" is required', status: '400' }),
  },
  ScimError401: {
    description: "No SCIM token, or one that is unknown, revoked, expired or not this customer's.",
    headers: { 'WWW-Authenticate': headerRef('ScimWwwAuthenticate') },
    content: errorContent({ detail: 'Authentication required', status: '401' }),
  },
  ScimError403: {
    description: 'Directory synchronization is disabled for this customer.',
    content: errorContent({
      detail: 'Directory synchronization is disabled for this customer.',
      status: '403',
    }),
  },
  ScimError404: {
    description: 'No such resource for this customer.',
    content: errorContent({ detail: 'User not found', status: '404' }),
  },
  ScimError409: {
    description:
      'The value must be unique and is taken (`uniqueness`), e.g. the `userName` or identity email.',
    content: errorContent({ scimType: 'uniqueness', detail: 'The userName is taken', status: '409' }),
  },
  ScimError412: {
    description: 'The resource changed since the version sent in If-Match.',
    content: errorContent({
      detail: 'The user changed since the version you sent (If-Match).',
      status: '412',
    }),
  },
  ScimError413: {
    description: `The request is too large: a body over the server's limit, a PATCH of more than ${MAX_PATCH_OPERATIONS} operations or a Bulk over its limits (\`tooMany\`).`,
    content: errorContent({ scimType: 'tooMany', detail: 'The request is too large', status: '413' }),
  },
  ScimError415: {
    description: 'The body is not JSON: send it as application/scim+json or application/json.',
    content: errorContent({
      detail: 'The request body must be JSON, sent as application/scim+json or application/json.',
      status: '415',
    }),
  },
  ScimError429: {
    description:
      'Too many requests from this client address or with this token; wait Retry-After seconds. X-RateLimit-Remaining is 0.',
    headers: { 'Retry-After': headerRef('ScimRateLimitRetryAfter') },
    content: errorContent({ detail: 'Too many requests', status: '429' }),
  },
  ScimError501: {
    description: 'Not supported: a SCIM token stands for the directory, not for a user, so there is no /Me.',
    content: errorContent({
      detail: 'The /Me endpoint is not supported: a SCIM token stands for the directory, not for a user.',
      status: '501',
    }),
  },
  ScimError503: {
    description:
      'The customer is being provisioned, updated or deleted, or the database is unreachable: retry after Retry-After seconds.',
    headers: { 'Retry-After': headerRef('ScimRetryAfter') },
    content: errorContent({ detail: 'Try again shortly.', status: '503' }),
  },
};

const RESPONSES: OpenApiObject = Object.fromEntries(
  Object.entries(ERROR_RESPONSES).map(([name, response]) => [name, withRateLimitHeaders(response)]),
);

const PARAMETERS: OpenApiObject = {
  ScimCustomerId: {
    name: 'customerId',
    in: 'path',
    required: true,
    description: "The customer whose directory this is; the SCIM token must be this customer's.",
    schema: { type: 'string', format: 'uuid' },
  },
  ScimResourceId: {
    name: 'id',
    in: 'path',
    required: true,
    description: "The resource's id.",
    schema: { type: 'string' },
  },
  ScimFilter: {
    name: 'filter',
    in: 'query',
    description: 'A filter (RFC 7644 §3.4.2.2), e.g. `userName eq "ann@example.com"`.',
    schema: { type: 'string' },
  },
  ScimStartIndex: {
    name: 'startIndex',
    in: 'query',
    description: '1-based index of the first result.',
    schema: { type: 'integer', default: 1 },
  },
  ScimCount: {
    name: 'count',
    in: 'query',
    description: `Results per page (at most ${MAX_SCIM_COUNT}).`,
    schema: { type: 'integer', default: DEFAULT_SCIM_COUNT, minimum: 0 },
  },
  ScimSortBy: {
    name: 'sortBy',
    in: 'query',
    description: 'Attribute path to sort by.',
    schema: { type: 'string' },
  },
  ScimSortOrder: {
    name: 'sortOrder',
    in: 'query',
    schema: { type: 'string', enum: ['ascending', 'descending'], default: 'ascending' },
  },
  ScimAttributes: {
    name: 'attributes',
    in: 'query',
    description:
      'Comma-separated attribute paths to answer with (RFC 7644 §3.9); `id` and `schemas` always come.',
    schema: { type: 'string' },
  },
  ScimExcludedAttributes: {
    name: 'excludedAttributes',
    in: 'query',
    description: 'Comma-separated attribute paths to leave out of the answer.',
    schema: { type: 'string' },
  },
  ScimIfMatch: {
    name: 'If-Match',
    in: 'header',
    description: 'Change only if the resource still has this version (its ETag, e.g. `W/"3"`); else 412.',
    schema: { type: 'string' },
  },
  ScimIfNoneMatch: {
    name: 'If-None-Match',
    in: 'header',
    description: 'Answer 304 without a body when the resource still has one of these versions.',
    schema: { type: 'string' },
  },
  ScimPrefer: {
    name: 'Prefer',
    in: 'header',
    description: '`return=representation` answers a PATCH with 200 and the resource instead of 204.',
    schema: { type: 'string' },
  },
};

const HEADERS: OpenApiObject = {
  ScimETag: {
    description: "The resource's version, for If-Match and If-None-Match.",
    schema: { type: 'string' },
  },
  ScimLocation: { description: "The created resource's URL.", schema: { type: 'string', format: 'uri' } },
  ScimRetryAfter: { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
  ScimRateLimitRetryAfter: {
    description: 'Seconds until the exceeded count allows a request again.',
    schema: { type: 'integer', minimum: 1 },
  },
  ScimRateLimitLimit: {
    description:
      'Requests a minute allowed by the count nearest its limit: the client address, or the SCIM token.',
    schema: { type: 'integer', minimum: 1 },
  },
  ScimRateLimitRemaining: {
    description: "Requests left in that count's window (0 on a 429).",
    schema: { type: 'integer', minimum: 0 },
  },
  ScimRateLimitReset: {
    description: "Seconds until that count's window ends.",
    schema: { type: 'integer', minimum: 0 },
  },
  ScimWwwAuthenticate: { description: 'The scheme to authenticate with.', schema: { type: 'string' } },
};

export const SCIM_SECURITY_SCHEME_OBJECT: OpenApiObject = {
  type: 'http',
  scheme: 'bearer',
  description:
    "The customer's SCIM token (`whscim_…`), valid only under that customer's `/scim/v2/{customerId}`. " +
    'An admin creates it per customer with `POST /v1/customers/{customerId}/scim-tokens` (shown once) or `hub scim tokens create --customer <customer>`, ' +
    'and directory sync must be on for the customer (`POST /v1/customers/{customerId}/directory-sync`). Admin API tokens are not accepted here.',
};

export const SCIM_TAG_OBJECT: OpenApiObject = {
  name: SCIM_TAG,
  description:
    "SCIM 2.0 (RFC 7643/7644) for a customer's directory (Entra ID, Okta, …), under `/scim/v2/{customerId}`. " +
    'Requests are `application/scim+json` or `application/json`; answers are `application/scim+json`, with the SCIM error schema on failure. ' +
    'Any path not documented answers 404.',
};

export const SCIM_COMPATIBILITY_TAG_OBJECT: OpenApiObject = {
  name: SCIM_COMPATIBILITY_TAG,
  description:
    'Spellings some directories send, answered exactly as the `scim` operation each names (lower case, a trailing slash, `/serviceConfiguration`), ' +
    'and `/Me`, which answers 501: a SCIM token stands for the directory, not for a user. Client code should call the `scim` operations.',
};

/** The components to merge into the document's own. */
export const SCIM_COMPONENTS = {
  schemas: SCHEMAS,
  responses: RESPONSES,
  parameters: PARAMETERS,
  headers: HEADERS,
} as const;

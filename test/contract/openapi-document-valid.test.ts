// The served OpenAPI document is valid OAS 3.0.3 as a whole (a client generator refuses it
// otherwise), every operation has an operationId of its own, and the SCIM operations state what
// they really answer instead of swagger's `200 "Default Response"`.
import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();

type Reference = { $ref?: string };
type Response = Reference & { description?: string; content?: Record<string, { schema?: Reference }> };
type Operation = {
  operationId?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  requestBody?: { content?: Record<string, unknown> };
  responses: Record<string, Response>;
};
type OpenApi = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes?: Record<string, { type?: string; scheme?: string; description?: string }>;
    responses?: Record<string, Response>;
  };
};

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const SCIM = '/scim/v2/{customerId}';
const EVERY_SCIM_OPERATION = ['401', '403', '429'];

/** What each SCIM operation answers besides 401, 403 and 429 (user-routes.ts, group-routes.ts, …). */
const SCIM_STATUSES: Record<string, string[]> = {
  getServiceProviderConfig: ['200'],
  listResourceTypes: ['200'],
  getResourceType: ['200', '404'],
  listSchemas: ['200'],
  getSchema: ['200', '404'],
  listUsers: ['200', '400'],
  createUser: ['201', '400', '409', '413'],
  searchUsers: ['200', '400'],
  getUser: ['200', '304', '404'],
  replaceUser: ['200', '400', '404', '409', '412', '413'],
  patchUser: ['200', '204', '400', '404', '409', '412', '413'],
  deleteUser: ['204', '404', '412'],
  listGroups: ['200', '400'],
  createGroup: ['201', '400', '413'],
  searchGroups: ['200', '400'],
  getGroup: ['200', '304', '404'],
  replaceGroup: ['200', '400', '404', '412', '413'],
  patchGroup: ['200', '204', '400', '404', '412', '413'],
  deleteGroup: ['204', '404', '412'],
  runBulk: ['200', '400', '413'],
};

let document: OpenApi;

beforeAll(async () => {
  const response = await harness().app.inject({ url: '/openapi.json' });
  expect(response.statusCode).toBe(200);
  document = response.json<OpenApi>();
});

function operations(): { method: string; path: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({ method, path, operation })),
  );
}

function resolved(response: Response): Response {
  const name = response.$ref?.replace('#/components/responses/', '');
  return name === undefined ? response : (document.components.responses?.[name] ?? {});
}

describe('the served OpenAPI document', () => {
  it('is valid OpenAPI 3.0.3', async () => {
    expect(document.openapi).toBe('3.0.3');
    const validator = new Validator({ allErrors: true });
    // A copy: resolveRefs below replaces the references in the document it validated.
    const result = await validator.validate(structuredClone(document));
    expect(validator.version).toBe('3.0');
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)).toEqual([]);
    expect(result.valid).toBe(true);
    // Every $ref points at something the document has.
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('gives every operation an operationId, each one different', () => {
    const all = operations();
    expect(all.length).toBeGreaterThan(100);
    const unnamed = all
      .filter(({ operation }) => !operation.operationId)
      .map(({ method, path }) => `${method} ${path}`);
    expect(unnamed).toEqual([]);
    const seen = new Map<string, string>();
    const repeated: string[] = [];
    for (const { method, path, operation } of all) {
      const id = operation.operationId ?? '';
      const earlier = seen.get(id);
      if (earlier !== undefined) repeated.push(`${id}: ${earlier} and ${method} ${path}`);
      seen.set(id, `${method} ${path}`);
    }
    expect(repeated).toEqual([]);
  });

  it('names operations after their method and path, so adding a route renames none', () => {
    const ids = Object.fromEntries(
      operations().map(({ method, path, operation }) => [`${method} ${path}`, operation.operationId]),
    );
    expect(ids).toMatchObject({
      'get /v1/customers': 'getCustomers',
      'get /v1/customers/{customerId}/users/{userId}': 'getCustomersByCustomerIdUsersByUserId',
      'post /v1/wholesale/subscribers': 'postWholesaleSubscribers',
      [`get ${SCIM}/Users`]: 'listUsers',
      [`post ${SCIM}/Users`]: 'createUser',
    });
  });

  it('has no catch-all route (they only answer 404 or 501) and no method OpenAPI 3.0 lacks', () => {
    expect(Object.keys(document.paths).filter((path) => path.includes('{*}'))).toEqual([]);
    const methods = new Set(Object.values(document.paths).flatMap((item) => Object.keys(item)));
    expect([...methods].filter((method) => !METHODS.has(method))).toEqual([]);
  });

  it('documents a bearer scheme for the SCIM token', () => {
    const scheme = document.components.securitySchemes?.scimBearer;
    expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(scheme?.description).toContain('whscim_');
  });
});

describe('the SCIM operations', () => {
  const scimOperations = () => operations().filter(({ path }) => path.startsWith(SCIM));
  const tagged = (tag: string) => scimOperations().filter(({ operation }) => operation.tags?.[0] === tag);
  const byId = (operationId: string) =>
    scimOperations().find(({ operation }) => operation.operationId === operationId)?.operation;

  it('are exactly the documented set under the tag scim; the others are compatibility spellings and /Me', () => {
    const ids = tagged('scim').map(({ operation }) => operation.operationId);
    expect(ids.sort()).toEqual(Object.keys(SCIM_STATUSES).sort());
    const others = scimOperations().filter(({ operation }) => operation.tags?.[0] !== 'scim');
    expect(others.length).toBeGreaterThan(0);
    expect(others.filter(({ operation }) => operation.tags?.[0] !== 'scim-compatibility')).toEqual([]);
  });

  it('document a spelling (lower case, trailing slash, /serviceConfiguration) as the operation it spells', () => {
    const spellings = tagged('scim-compatibility').filter(({ path }) => !/\/me$/i.test(path));
    expect(spellings.map(({ method, path }) => `${method} ${path}`)).toEqual(
      expect.arrayContaining([`get ${SCIM}/users`, `get ${SCIM}/Users/`, `get ${SCIM}/serviceConfiguration`]),
    );
    for (const { operation } of spellings) {
      const spelled = (operation.operationId ?? '')
        .replace(/(LowerCase)?(TrailingSlash)?$/, '')
        .replace('getServiceConfiguration', 'getServiceProviderConfig');
      expect(operation.responses, operation.operationId).toEqual(byId(spelled)?.responses);
    }
  });

  it('document /Me as 501', () => {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'])
      expect(Object.keys(document.paths[`${SCIM}/Me`]?.[method]?.responses ?? {})).toContain('501');
  });

  it('all list 401, 403 and 429 and none shows the default response', () => {
    for (const { method, path, operation } of scimOperations()) {
      expect(Object.keys(operation.responses), `${method} ${path}`).toEqual(
        expect.arrayContaining(EVERY_SCIM_OPERATION),
      );
      const descriptions = Object.values(operation.responses).map(
        (response) => resolved(response).description,
      );
      expect(descriptions, `${method} ${path}`).not.toContain('Default Response');
      expect(operation.security).toEqual([{ scimBearer: [] }]);
    }
  });

  it.each(Object.entries(SCIM_STATUSES))('%s documents the statuses it answers', (operationId, statuses) => {
    const responses = byId(operationId)?.responses ?? {};
    expect(Object.keys(responses)).toEqual(expect.arrayContaining([...statuses, ...EVERY_SCIM_OPERATION]));
  });

  it('answer errors in application/scim+json with the SCIM error schema', () => {
    const wrong: string[] = [];
    for (const { method, path, operation } of scimOperations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const content = resolved(response).content;
        if (
          Number(status) >= 400 &&
          content?.['application/scim+json']?.schema?.$ref !== '#/components/schemas/ScimError'
        )
          wrong.push(`${method} ${path} ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('take their request bodies as application/scim+json and application/json', () => {
    // /Me takes no body: it answers 501 whatever is sent.
    const bodies = tagged('scim').filter(
      ({ method }) => method === 'post' || method === 'put' || method === 'patch',
    );
    expect(bodies.length).toBeGreaterThan(0);
    for (const { operation } of bodies)
      expect(Object.keys(operation.requestBody?.content ?? {})).toEqual([
        'application/scim+json',
        'application/json',
      ]);
  });
});

// Real SCIM answers match what the served OpenAPI document says of them: status, media type,
// headers and body schema (ajv over the document's own components). A documented schema that
// drifts from what the routes send fails here, and so does an answer the document does not list.
import { Ajv } from 'ajv';
import type { LightMyRequestResponse } from 'fastify';
import formatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import {
  createScimCustomer,
  GROUP_SCHEMA,
  PATCH_OP,
  scimUser,
  type ScimCustomer,
} from '../scim/scim-harness.ts';

const harness = useTestApp();

type Reference = { $ref?: string };
type Response = Reference & {
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: Record<string, unknown> }>;
};
type Operation = { operationId?: string; responses: Record<string, Response> };
type OpenApi = {
  paths: Record<string, Record<string, Operation>>;
  components: { responses?: Record<string, Response> } & Record<string, unknown>;
};

let document: OpenApi;
let ajv: Ajv;
let scim: ScimCustomer;

beforeAll(async () => {
  const testApp = harness();
  document = (await testApp.app.inject({ url: '/openapi.json' })).json<OpenApi>();
  // OpenAPI 3.0 schemas carry keywords JSON Schema lacks (example): not strict.
  ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS; under NodeNext its default export arrives either way.
  const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ??
    formatsModule) as unknown as (instance: Ajv) => Ajv;
  addFormats(ajv);
  scim = await createScimCustomer(testApp);
});

function documentedResponse(operationId: string, status: number): Response | undefined {
  const operation = Object.values(document.paths)
    .flatMap((item) => Object.values(item))
    .find((candidate) => candidate.operationId === operationId);
  expect(operation, `no operation ${operationId}`).toBeDefined();
  const response = operation?.responses[String(status)];
  const name = response?.$ref?.replace('#/components/responses/', '');
  return name === undefined ? response : document.components.responses?.[name];
}

/** The answer is one `operationId` documents: its status, media type, headers and body. */
function expectDocumented(operationId: string, answer: LightMyRequestResponse): void {
  const documented = documentedResponse(operationId, answer.statusCode);
  expect(documented, `${operationId} does not document ${answer.statusCode}: ${answer.body}`).toBeDefined();
  for (const header of Object.keys(documented?.headers ?? {}))
    expect(answer.headers[header.toLowerCase()], `header ${header}`).toBeDefined();
  const content = documented?.content;
  if (content === undefined) {
    expect(answer.body).toBe('');
    return;
  }
  const mediaType = String(answer.headers['content-type']).split(';')[0] ?? '';
  const schema = content[mediaType]?.schema;
  expect(schema, `${operationId} ${answer.statusCode} has no schema for ${mediaType}`).toBeDefined();
  // The document's components ride along, so the schema's references resolve.
  const validate = ajv.compile({ allOf: [schema], components: document.components });
  const body: unknown = answer.json();
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
}

describe('SCIM answers are the documented ones', () => {
  let userId = '';
  let etag = '';

  it('a created User (201, ETag, Location)', async () => {
    const created = await scim.request(
      'POST',
      '/Users',
      scimUser('ann@documented.example', { externalId: 'ann-1' }),
    );
    expect(created.statusCode, created.body).toBe(201);
    expectDocumented('createUser', created);
    userId = created.json<{ id: string }>().id;
    etag = String(created.headers.etag);
  });

  it('a ListResponse of users', async () => {
    const list = await scim.request('GET', '/Users?filter=userName%20eq%20%22ann@documented.example%22');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json<{ totalResults: number }>().totalResults).toBe(1);
    expectDocumented('listUsers', list);
  });

  it('a user, then a PATCH (204), then a PATCH with the stale version (412)', async () => {
    expectDocumented('getUser', await scim.request('GET', `/Users/${userId}`));
    const patch = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Engineer' }] };
    const patched = await scim.request('PATCH', `/Users/${userId}`, patch, { 'if-match': etag });
    expect(patched.statusCode, patched.body).toBe(204);
    expectDocumented('patchUser', patched);
    const stale = await scim.request('PATCH', `/Users/${userId}`, patch, { 'if-match': etag });
    expect(stale.statusCode, stale.body).toBe(412);
    expectDocumented('patchUser', stale);
  });

  it('errors: a taken userName (409), an unknown user (404), a bad filter (400), no token (401)', async () => {
    const taken = await scim.request('POST', '/Users', scimUser('ann@documented.example'));
    expect(taken.statusCode, taken.body).toBe(409);
    expectDocumented('createUser', taken);
    const missing = await scim.request('GET', '/Users/5b0e8c1e-0000-4000-8000-000000000000');
    expect(missing.statusCode, missing.body).toBe(404);
    expectDocumented('getUser', missing);
    const badFilter = await scim.request('GET', '/Users?filter=userName%20xx');
    expect(badFilter.statusCode, badFilter.body).toBe(400);
    expectDocumented('listUsers', badFilter);
    const anonymous = await harness().app.inject({ url: `${scim.base}/Users` });
    expect(anonymous.statusCode, anonymous.body).toBe(401);
    expectDocumented('listUsers', anonymous);
  });

  it('a group, a list of groups, a bulk response', async () => {
    const group = await scim.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Documented',
      members: [{ value: userId }],
    });
    expect(group.statusCode, group.body).toBe(201);
    expectDocumented('createGroup', group);
    expectDocumented('listGroups', await scim.request('GET', '/Groups'));
    const bulk = await scim.request('POST', '/Bulk', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'b1', data: scimUser('bob@documented.example') },
        { method: 'DELETE', path: '/Users/5b0e8c1e-0000-4000-8000-000000000000' },
      ],
    });
    expect(bulk.statusCode, bulk.body).toBe(200);
    expectDocumented('runBulk', bulk);
    const deleted = await scim.request('DELETE', `/Users/${userId}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expectDocumented('deleteUser', deleted);
  });

  it('the compatibility spellings and /Me (501)', async () => {
    expectDocumented('listUsersLowerCase', await scim.request('GET', '/users'));
    expectDocumented('listGroupsTrailingSlash', await scim.request('GET', '/Groups/'));
    expectDocumented('getServiceConfiguration', await scim.request('GET', '/serviceConfiguration'));
    const me = await scim.request('GET', '/Me');
    expect(me.statusCode, me.body).toBe(501);
    expectDocumented('getMe', me);
  });

  it('the discovery endpoints', async () => {
    expectDocumented('getServiceProviderConfig', await scim.request('GET', '/ServiceProviderConfig'));
    expectDocumented('listResourceTypes', await scim.request('GET', '/ResourceTypes'));
    expectDocumented('getResourceType', await scim.request('GET', '/ResourceTypes/User'));
    expectDocumented('listSchemas', await scim.request('GET', '/Schemas'));
    expectDocumented(
      'getSchema',
      await scim.request('GET', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User'),
    );
    expectDocumented('getSchema', await scim.request('GET', '/Schemas/urn:nothing'));
  });
});

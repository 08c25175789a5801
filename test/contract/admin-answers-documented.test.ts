// Real answers of the admin API checked against the served OpenAPI document with ajv, as an
// integrator's generated client or strict validator reads it: the body against the documented
// schema, and every documented response header present with a value its schema allows. One each of
// what the document once got wrong: the settings (a nullable enum refused the null it answers), a
// 204 (documented with a JSON body), a 415 (undocumented on admin writes), a 429 (no Retry-After
// or X-RateLimit-* documented) and a 202 (no Location documented).
import { Ajv } from 'ajv';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken } from '../helpers/factories.ts';

// Low, so that one token meets its 429 quickly; each test uses a token of its own.
const LIMIT = 12;
const harness = useTestApp({ env: { RATE_LIMIT_API_PER_MINUTE: String(LIMIT) } });

type Schema = Record<string, unknown>;
type Header = { schema: Schema; description?: string };
type Answer = {
  description?: string;
  headers?: Record<string, Header | { $ref: string }>;
  content?: Record<string, { schema: Schema }>;
};
type OpenApi = {
  paths: Record<string, Record<string, { responses: Record<string, Answer> }>>;
  components: { headers?: Record<string, Header> };
};

// OpenAPI 3.0 schemas carry keywords JSON Schema lacks (nullable, example): not strict.
const ajv = new Ajv({ strict: false, validateFormats: false });

let document: OpenApi;

async function freshToken(): Promise<{ authorization: string }> {
  const { auth, database, partnerId } = harness();
  return auth(await createApiToken(database.db, { partnerId, role: 'partner_full_admin' }));
}

/** A header object, or the one under components.headers that a Reference Object points at. */
function resolvedHeader(header: Header | { $ref: string }): Header {
  if (!('$ref' in header)) return header;
  const name = header.$ref.replace('#/components/headers/', '');
  const shared = document.components.headers?.[name];
  expect(shared, `${header.$ref} points at nothing`).toBeDefined();
  return shared ?? { schema: {} };
}

function documented(path: string, method: string, status: number): Answer {
  const answer = document.paths[path]?.[method]?.responses[String(status)];
  expect(answer, `${method.toUpperCase()} ${path} documents no ${status}`).toBeDefined();
  return answer ?? {};
}

/** The answer has the documented status, body and headers. */
function expectDocumented(response: LightMyRequestResponse, path: string, method: string): Answer {
  const answer = documented(path, method, response.statusCode);
  const schema = answer.content?.['application/json']?.schema;
  if (schema === undefined) {
    expect(response.body, 'a body where the document has none').toBe('');
  } else {
    const validate = ajv.compile(schema);
    expect(validate(response.json()), JSON.stringify(validate.errors)).toBe(true);
  }
  for (const [name, given] of Object.entries(answer.headers ?? {})) {
    const header = resolvedHeader(given);
    const value = response.headers[name.toLowerCase()];
    expect(value, `header ${name}`).toBeDefined();
    const numeric = header.schema.type === 'integer' || header.schema.type === 'number';
    const validate = ajv.compile(header.schema);
    expect(validate(numeric ? Number(value) : value), `header ${name}: ${String(value)}`).toBe(true);
  }
  return answer;
}

const CUSTOMERS = '/v1/customers';
const SETTINGS = '/v1/customers/{customerId}/settings';
const IMPORTS = '/v1/customers/{customerId}/imports';
const TOKEN = '/v1/tokens/{tokenId}';

let customerId = '';

beforeAll(async () => {
  const response = await harness().app.inject({ url: '/openapi.json' });
  expect(response.statusCode).toBe(200);
  document = response.json<OpenApi>();
  const created = await harness().app.inject({
    method: 'POST',
    url: CUSTOMERS,
    headers: await freshToken(),
    payload: {
      name: 'Documented Answers BV',
      externalId: 'DOCANSWERS-0',
      adminEmail: 'beheer@docanswers.example',
      country: 'NL',
      packages: [{ id: 'webex_calling' }],
    },
  });
  expect(created.statusCode, created.body).toBe(202);
  customerId = created.json<{ id: string }>().id;
});

describe('admin answers as the served document states them', () => {
  it('a 202 with Location: POST /v1/customers', async () => {
    const response = await harness().app.inject({
      method: 'POST',
      url: CUSTOMERS,
      headers: await freshToken(),
      payload: {
        name: 'Documented Location BV',
        externalId: 'DOCANSWERS-1',
        adminEmail: 'beheer@doclocation.example',
        country: 'NL',
        packages: [{ id: 'webex_calling' }],
      },
    });
    expect(response.statusCode, response.body).toBe(202);
    const answer = expectDocumented(response, CUSTOMERS, 'post');
    expect(Object.keys(answer.headers ?? {})).toContain('Location');
    expect(response.headers.location).toBe(`/v1/customers/${response.json<{ id: string }>().id}`);
  });

  it('a 202 with Location: POST …/imports', async () => {
    const response = await harness().app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/imports?dryRun=true`,
      headers: { ...(await freshToken()), 'content-type': 'text/csv' },
      payload: 'User ID/Email (Required)\nanna@docanswers.example\n',
    });
    expect(response.statusCode, response.body).toBe(202);
    const answer = expectDocumented(response, IMPORTS, 'post');
    expect(Object.keys(answer.headers ?? {})).toContain('Location');
  });

  it('GET …/settings with defaultPackage null', async () => {
    const { app } = harness();
    const headers = await freshToken();
    const cleared = await app.inject({
      method: 'PATCH',
      url: `/v1/customers/${customerId}/settings`,
      headers,
      payload: { defaultPackage: null },
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    const response = await app.inject({ url: `/v1/customers/${customerId}/settings`, headers });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ defaultPackage: unknown }>().defaultPackage).toBeNull();
    expectDocumented(response, SETTINGS, 'get');
  });

  it('a 204 without content: DELETE /v1/tokens/{tokenId}', async () => {
    const { app } = harness();
    const headers = await freshToken();
    const created = await app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers,
      payload: { name: 'doomed', role: 'partner_readonly_admin' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expectDocumented(created, '/v1/tokens', 'post');
    const tokenId = created.json<{ id: string }>().id;
    const response = await app.inject({ method: 'DELETE', url: `/v1/tokens/${tokenId}`, headers });
    expect(response.statusCode, response.body).toBe(204);
    const answer = expectDocumented(response, TOKEN, 'delete');
    expect(answer.content).toBeUndefined();
  });

  it.each([
    ['POST', IMPORTS, 'post', 'application/json', '{"a":1}'],
    ['POST', IMPORTS, 'post', 'application/x-www-form-urlencoded', 'a=1'],
    ['PATCH', SETTINGS, 'patch', 'application/xml', '<settings/>'],
  ])('a 415: %s %s with %s', async (method, path, documentedMethod, contentType, payload) => {
    const response = await harness().app.inject({
      method: method as 'POST' | 'PATCH',
      url: path.replace('{customerId}', customerId),
      headers: { ...(await freshToken()), 'content-type': contentType },
      payload,
    });
    expect(response.statusCode, response.body).toBe(415);
    expectDocumented(response, path, documentedMethod);
  });

  it('a 429 with Retry-After and X-RateLimit-*: GET /v1/customers', async () => {
    const { app } = harness();
    const headers = await freshToken();
    let response = await app.inject({ url: CUSTOMERS, headers });
    for (let sent = 1; sent <= LIMIT && response.statusCode !== 429; sent += 1)
      response = await app.inject({ url: CUSTOMERS, headers });
    expect(response.statusCode, response.body).toBe(429);
    const answer = expectDocumented(response, CUSTOMERS, 'get');
    expect(Object.keys(answer.headers ?? {})).toEqual(
      expect.arrayContaining([
        'Retry-After',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
        'trackingId',
      ]),
    );
  });
});

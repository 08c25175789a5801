// SCIM's rate-limit headers as the served OpenAPI document states them (SPEC §7, §10). The rate
// limit's hook (src/http/plugins/rate-limit-keys.ts) runs for every /scim request before
// authentication, so every SCIM answer carries X-RateLimit-Limit, -Remaining and -Reset (a 401
// too), and a 429 adds Retry-After. Real answers are checked both ways: each of these headers an
// answer carries is documented for its operation and status, and each documented one is sent with
// a value its schema allows.
import { Ajv } from 'ajv';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer, PATCH_OP, scimUser, type ScimCustomer } from '../scim/scim-harness.ts';

// Low, so that the token meets its 429 within the test; the answers before it stay under it.
const LIMIT = 8;
const harness = useTestApp({ env: { RATE_LIMIT_API_PER_MINUTE: String(LIMIT) } });

const RATE_LIMIT_HEADERS = ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];
const RETRY_AFTER = 'Retry-After';

type Reference = { $ref?: string };
type Header = Reference & { schema?: Record<string, unknown> };
type Response = Reference & { headers?: Record<string, Header> };
type Operation = { operationId?: string; responses: Record<string, Response> };
type OpenApi = {
  paths: Record<string, Record<string, Operation>>;
  components: { responses?: Record<string, Response>; headers?: Record<string, Header> };
};

const ajv = new Ajv({ strict: false });
let document: OpenApi;
let scim: ScimCustomer;

beforeAll(async () => {
  const testApp = harness();
  document = (await testApp.app.inject({ url: '/openapi.json' })).json<OpenApi>();
  scim = await createScimCustomer(testApp);
});

/** The headers `operationId` documents for `status`, each resolved through components. */
function documentedHeaders(operationId: string, status: number): Record<string, Header> {
  const operation = Object.values(document.paths)
    .flatMap((item) => Object.values(item))
    .find((candidate) => candidate.operationId === operationId);
  expect(operation, `no operation ${operationId}`).toBeDefined();
  let response = operation?.responses[String(status)];
  if (response?.$ref !== undefined)
    response = document.components.responses?.[response.$ref.replace('#/components/responses/', '')];
  expect(response, `${operationId} documents no ${status}`).toBeDefined();
  return Object.fromEntries(
    Object.entries(response?.headers ?? {}).map(([name, header]) => {
      const resolved =
        header.$ref === undefined
          ? header
          : document.components.headers?.[header.$ref.replace('#/components/headers/', '')];
      expect(resolved, `${name} of ${operationId} ${status} points at nothing`).toBeDefined();
      return [name, resolved ?? {}];
    }),
  );
}

/** The rate-limit headers the answer carries are the ones documented for it, with allowed values. */
function expectRateLimitHeadersDocumented(operationId: string, answer: LightMyRequestResponse): void {
  const headers = documentedHeaders(operationId, answer.statusCode);
  const watched = [...RATE_LIMIT_HEADERS, RETRY_AFTER];
  const sent = watched.filter((name) => answer.headers[name.toLowerCase()] !== undefined);
  const listed = watched.filter((name) => headers[name] !== undefined);
  expect(listed, `${operationId} ${answer.statusCode}: documented vs sent`).toEqual(sent);
  for (const name of listed) {
    const validate = ajv.compile(headers[name]?.schema ?? {});
    const value = Number(answer.headers[name.toLowerCase()]);
    expect(validate(value), `${name}: ${String(answer.headers[name.toLowerCase()])}`).toBe(true);
  }
}

describe('SCIM answers document the rate-limit headers they carry', () => {
  it('every answer of every SCIM operation in the document lists X-RateLimit-*', () => {
    const lacking = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/scim/'))
      .flatMap(([, item]) => Object.values(item))
      .flatMap((operation) =>
        Object.keys(operation.responses).map((status) => {
          const id = operation.operationId ?? '?';
          const names = Object.keys(documentedHeaders(id, Number(status)));
          return RATE_LIMIT_HEADERS.every((name) => names.includes(name)) ? null : `${id} ${status}`;
        }),
      )
      .filter((entry) => entry !== null);
    expect(lacking).toEqual([]);
  });

  it('every answer under the limit carries X-RateLimit-*: 201, 200, 204, 404, 401', async () => {
    const created = await scim.request('POST', '/Users', scimUser('rita@ratelimit.example'));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers['x-ratelimit-limit']).toBe(String(LIMIT));
    expectRateLimitHeadersDocumented('createUser', created);
    const id = created.json<{ id: string }>().id;

    const listed = await scim.request('GET', '/Users');
    expect(listed.statusCode, listed.body).toBe(200);
    expectRateLimitHeadersDocumented('listUsers', listed);

    const patch = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Chief' }] };
    const patched = await scim.request('PATCH', `/Users/${id}`, patch);
    expect(patched.statusCode, patched.body).toBe(204);
    expectRateLimitHeadersDocumented('patchUser', patched);

    const missing = await scim.request('GET', '/Users/5b0e8c1e-0000-4000-8000-000000000000');
    expect(missing.statusCode, missing.body).toBe(404);
    expectRateLimitHeadersDocumented('getUser', missing);

    const discovery = await scim.request('GET', '/ServiceProviderConfig');
    expect(discovery.statusCode, discovery.body).toBe(200);
    expectRateLimitHeadersDocumented('getServiceProviderConfig', discovery);

    const anonymous = await harness().app.inject({
      url: `${scim.base}/Groups`,
      remoteAddress: '198.51.100.41',
    });
    expect(anonymous.statusCode, anonymous.body).toBe(401);
    expectRateLimitHeadersDocumented('listGroups', anonymous);
  });

  it('a 429 carries Retry-After and X-RateLimit-* (Remaining 0)', async () => {
    let answer = await scim.request('GET', '/Groups');
    for (let sent = 1; sent <= LIMIT && answer.statusCode !== 429; sent += 1)
      answer = await scim.request('GET', '/Groups');
    expect(answer.statusCode, answer.body).toBe(429);
    expect(answer.headers['x-ratelimit-remaining']).toBe('0');
    expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    expectRateLimitHeadersDocumented('listGroups', answer);
  });
});

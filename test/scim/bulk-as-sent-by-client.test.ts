// SCIM Bulk operations are requests of the Bulk's own client: counted against its IP and token
// (SPEC §10), never against a shared in-process address, and answered with the origin a single
// request gets. The client address and origin come from the Bulk request as the app's trustProxy
// setting resolves them; nothing a client sends in place of a proxy can move them.
import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { useTestApp, type TestApp } from '../helpers/app.ts';
import { createScimCustomer, SCIM_JSON, scimUser, type ScimCustomer } from './scim-harness.ts';

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
/** The address a hub without HUB_PUBLIC_URL is reached at (inject's own default is localhost:80). */
const HOST = 'localhost:3613';

interface BulkAnswer {
  readonly Operations: { status: string; location?: string }[];
}

function send(
  testApp: TestApp,
  scim: ScimCustomer,
  request: {
    method: 'GET' | 'POST';
    path: string;
    body?: unknown;
    remoteAddress: string;
    headers?: Record<string, string>;
  },
): Promise<LightMyRequestResponse> {
  return testApp.app.inject({
    method: request.method,
    url: `${scim.base}${request.path}`,
    remoteAddress: request.remoteAddress,
    headers: {
      host: HOST,
      authorization: `Bearer ${scim.token}`,
      ...(request.body !== undefined ? { 'content-type': SCIM_JSON } : {}),
      ...request.headers,
    },
    ...(request.body !== undefined ? { payload: JSON.stringify(request.body) } : {}),
  });
}

function bulkOfUsers(prefix: string, count: number): unknown {
  return {
    schemas: [BULK],
    Operations: Array.from({ length: count }, (_, index) => ({
      method: 'POST',
      path: '/Users',
      bulkId: `u${index}`,
      data: scimUser(`${prefix}${index}@bulk.example`),
    })),
  };
}

async function bulkStatuses(response: LightMyRequestResponse): Promise<string[]> {
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as BulkAnswer).Operations.map((operation) => operation.status);
}

describe('SCIM Bulk rate limit, per tenant (RATE_LIMIT_API_PER_MINUTE=8)', () => {
  const testApp = useTestApp({
    env: { RATE_LIMIT_API_PER_MINUTE: '8', RATE_LIMIT_API_PER_IP_PER_MINUTE: '8' },
  });

  it("counts each operation against its own client's IP and token: one tenant's Bulk leaves another's alone", async () => {
    const a = await createScimCustomer(testApp());
    const b = await createScimCustomer(testApp());
    // The Bulk itself and its 7 operations: 8, all of A's budget, none of B's.
    const fromA = await send(testApp(), a, {
      method: 'POST',
      path: '/Bulk',
      body: bulkOfUsers('a', 7),
      remoteAddress: '203.0.113.10',
    });
    expect(await bulkStatuses(fromA)).toEqual(Array<string>(7).fill('201'));
    const fromB = await send(testApp(), b, {
      method: 'POST',
      path: '/Bulk',
      body: bulkOfUsers('b', 3),
      remoteAddress: '203.0.113.20',
    });
    expect(await bulkStatuses(fromB)).toEqual(['201', '201', '201']);

    // A's operations were counted on A's token and A's address, as direct requests would be.
    const aElsewhere = await send(testApp(), a, {
      method: 'GET',
      path: '/Users',
      remoteAddress: '203.0.113.11',
    });
    expect(aElsewhere.statusCode).toBe(429);
    const bFromAsAddress = await send(testApp(), b, {
      method: 'GET',
      path: '/Users',
      remoteAddress: '203.0.113.10',
    });
    expect(bFromAsAddress.statusCode).toBe(429);
    const bAtHome = await send(testApp(), b, {
      method: 'GET',
      path: '/Users',
      remoteAddress: '203.0.113.20',
    });
    expect(bAtHome.statusCode).toBe(200);
  });

  it('answers 429 inside the Bulk for the operations beyond the budget (the Bulk counts once too)', async () => {
    const c = await createScimCustomer(testApp());
    const response = await send(testApp(), c, {
      method: 'POST',
      path: '/Bulk',
      body: bulkOfUsers('c', 9),
      remoteAddress: '203.0.113.30',
    });
    expect(await bulkStatuses(response)).toEqual([...Array<string>(7).fill('201'), '429', '429']);
  });
});

describe('SCIM Bulk client address without a trusted proxy (TRUST_PROXY=false)', () => {
  const testApp = useTestApp({
    env: { RATE_LIMIT_API_PER_MINUTE: '1000', RATE_LIMIT_API_PER_IP_PER_MINUTE: '4' },
  });

  it('counts operations against the peer address: a client-sent X-Forwarded-For moves nothing', async () => {
    const scim = await createScimCustomer(testApp());
    const response = await send(testApp(), scim, {
      method: 'POST',
      path: '/Bulk',
      body: bulkOfUsers('spoof', 3),
      remoteAddress: '203.0.113.60',
      headers: { 'x-forwarded-for': '203.0.113.61' },
    });
    expect(await bulkStatuses(response)).toEqual(['201', '201', '201']);
    const again = await send(testApp(), scim, {
      method: 'GET',
      path: '/Users',
      remoteAddress: '203.0.113.60',
    });
    expect(again.statusCode).toBe(429);
    const named = await send(testApp(), scim, {
      method: 'GET',
      path: '/Users',
      remoteAddress: '203.0.113.61',
    });
    expect(named.statusCode).toBe(200);
  });

  it('gives the location a direct POST gives; client-sent X-Forwarded-Host/-Proto change neither', async () => {
    const scim = await createScimCustomer(testApp());
    const forwarded = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    const direct = await send(testApp(), scim, {
      method: 'POST',
      path: '/Users',
      body: scimUser('direct@location.example'),
      remoteAddress: '203.0.113.62',
      headers: forwarded,
    });
    expect(direct.statusCode, direct.body).toBe(201);
    const directId = (direct.json() as { id: string }).id;
    expect(direct.headers.location).toBe(`http://${HOST}/scim/v2/${scim.customerId}/Users/${directId}`);

    const bulk = await send(testApp(), scim, {
      method: 'POST',
      path: '/Bulk',
      body: {
        schemas: [BULK],
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'x', data: scimUser('bulk@location.example') },
        ],
      },
      remoteAddress: '203.0.113.63',
      headers: forwarded,
    });
    const [operation] = (bulk.json() as BulkAnswer).Operations;
    const bulkId = operation?.location?.split('/').at(-1) ?? '';
    expect(operation?.status).toBe('201');
    expect(operation?.location).toBe(`http://${HOST}/scim/v2/${scim.customerId}/Users/${bulkId}`);
    const created = await send(testApp(), scim, {
      method: 'GET',
      path: `/Users/${bulkId}`,
      remoteAddress: '203.0.113.64',
    });
    expect((created.json() as { meta: { location: string } }).meta.location).toBe(operation?.location);
  });
});

describe('SCIM Bulk behind a trusted proxy (TRUST_PROXY=true)', () => {
  const testApp = useTestApp({
    env: { TRUST_PROXY: 'true', RATE_LIMIT_API_PER_MINUTE: '1000', RATE_LIMIT_API_PER_IP_PER_MINUTE: '4' },
  });
  const PROXY = '10.0.0.1';

  it('counts operations against the client the proxy names, as it does direct requests', async () => {
    const scim = await createScimCustomer(testApp());
    const viaProxy = (client: string) => ({ remoteAddress: PROXY, headers: { 'x-forwarded-for': client } });
    const response = await send(testApp(), scim, {
      method: 'POST',
      path: '/Bulk',
      body: bulkOfUsers('proxied', 3),
      ...viaProxy('203.0.113.70'),
    });
    expect(await bulkStatuses(response)).toEqual(['201', '201', '201']);
    const again = await send(testApp(), scim, { method: 'GET', path: '/Users', ...viaProxy('203.0.113.70') });
    expect(again.statusCode).toBe(429);
    const otherClient = await send(testApp(), scim, {
      method: 'GET',
      path: '/Users',
      ...viaProxy('203.0.113.71'),
    });
    expect(otherClient.statusCode).toBe(200);
  });

  it("gives the proxy's public host and protocol to Bulk locations, as to a direct POST", async () => {
    const scim = await createScimCustomer(testApp());
    const headers = {
      'x-forwarded-for': '203.0.113.72',
      'x-forwarded-host': 'hub.example',
      'x-forwarded-proto': 'https',
    };
    const direct = await send(testApp(), scim, {
      method: 'POST',
      path: '/Users',
      body: scimUser('direct@proxy.example'),
      remoteAddress: PROXY,
      headers,
    });
    expect(direct.statusCode, direct.body).toBe(201);
    const directId = (direct.json() as { id: string }).id;
    expect(direct.headers.location).toBe(`https://hub.example/scim/v2/${scim.customerId}/Users/${directId}`);
    const bulk = await send(testApp(), scim, {
      method: 'POST',
      path: '/Bulk',
      body: {
        schemas: [BULK],
        Operations: [{ method: 'POST', path: '/Users', bulkId: 'p', data: scimUser('bulk@proxy.example') }],
      },
      remoteAddress: PROXY,
      headers,
    });
    const [operation] = (bulk.json() as BulkAnswer).Operations;
    const bulkId = operation?.location?.split('/').at(-1) ?? '';
    expect(operation?.location).toBe(`https://hub.example/scim/v2/${scim.customerId}/Users/${bulkId}`);
  });
});

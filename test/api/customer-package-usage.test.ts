// The customer view's sold packages carry `used`: how many of the customer's users hold each, as
// the limit rule counts them (SPEC §2), so a client can tell a used-up package before trying it.
import type { KyselyPlugin, PluginTransformQueryArgs, RootOperationNode } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { countPackageUsage, findCustomerById } from '../../src/db/repositories/customers.ts';
import type { CustomerRow } from '../../src/db/schema.ts';
import { loadCustomerViews } from '../../src/services/customers/customer-view.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();

interface PackageEntry {
  id: string;
  limit: number | null;
  used: number;
}

let busy: { id: string };
let quiet: { id: string };

async function api(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  const { app, tokens, auth } = harness();
  return app.inject({
    method,
    url,
    headers: auth(tokens.partnerFull),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

function packagesOf(customer: { packages: PackageEntry[] }): Record<string, string> {
  return Object.fromEntries(
    customer.packages.map((entry) => [entry.id, `${entry.used}/${entry.limit ?? '-'}`]),
  );
}

beforeAll(async () => {
  const { database, partnerId } = harness();
  const packages = [
    { id: 'webex_meetings', limit: 2 },
    { id: 'webex_calling' },
    { id: 'webex_suite', limit: 5 },
    { id: 'attendant_console', limit: 3 },
  ] as const;
  busy = await createTestCustomer(database.db, partnerId, {
    name: 'Usage Busy',
    packages: [...packages],
    provision: true,
  });
  quiet = await createTestCustomer(database.db, partnerId, {
    name: 'Usage Quiet',
    packages: [...packages],
    provision: true,
  });
  const location = await api('POST', `/v1/customers/${busy.id}/locations`, {
    name: 'Amsterdam HQ',
    country: 'NL',
    city: 'Amsterdam',
    addressLine1: 'Damrak 1',
    timeZone: 'Europe/Amsterdam',
  });
  expect(location.statusCode, location.body).toBe(201);
  const batch = await api('POST', `/v1/customers/${busy.id}/users/batch`, {
    users: [
      { email: 'm1@usage.example', package: 'webex_meetings' },
      { email: 'm2@usage.example', package: 'webex_meetings' },
      {
        email: 'c1@usage.example',
        package: 'webex_calling',
        location: 'Amsterdam HQ',
        extension: '2001',
        attendantConsole: true,
      },
      {
        email: 's1@usage.example',
        package: 'webex_suite',
        location: 'Amsterdam HQ',
        extension: '2002',
        attendantConsole: true,
      },
    ],
  });
  expect(batch.statusCode, batch.body).toBeLessThan(300);
});

describe('the customer view counts the users of each sold package', () => {
  it('GET /v1/customers/{id} gives used next to limit, the add-on included', async () => {
    const response = await api('GET', `/v1/customers/${busy.id}`);
    expect(response.statusCode).toBe(200);
    expect(packagesOf(response.json())).toEqual({
      attendant_console: '2/3',
      webex_calling: '1/-',
      webex_meetings: '2/2',
      webex_suite: '1/5',
    });
  });

  it('the list gives each customer its own usage', async () => {
    const response = await api('GET', '/v1/customers?search=usage');
    const byName = Object.fromEntries(
      (response.json().items as { name: string; packages: PackageEntry[] }[]).map((customer) => [
        customer.name,
        packagesOf(customer),
      ]),
    );
    expect(byName).toEqual({
      'Usage Busy': {
        attendant_console: '2/3',
        webex_calling: '1/-',
        webex_meetings: '2/2',
        webex_suite: '1/5',
      },
      'Usage Quiet': {
        attendant_console: '0/3',
        webex_calling: '0/-',
        webex_meetings: '0/2',
        webex_suite: '0/5',
      },
    });
  });

  it('refuses a limit below use, or a package in use dropped, saying which and naming the packages', async () => {
    const sold = [
      { id: 'webex_calling' },
      { id: 'webex_suite', limit: 5 },
      { id: 'attendant_console', limit: 3 },
    ];
    const limitOnly = await api('PATCH', `/v1/customers/${busy.id}`, {
      packages: [...sold, { id: 'webex_meetings', limit: 1 }],
    });
    expect(limitOnly.statusCode).toBe(409);
    expect(limitOnly.json().message).toBe(
      'A limit cannot be lower than the number of users who hold the package.',
    );
    expect(limitOnly.json().errors).toEqual([
      expect.objectContaining({
        code: 'limit_below_usage',
        description: 'The limit of Webex Meetings (1) is below the 2 users who hold it.',
      }),
    ]);

    const both = await api('PATCH', `/v1/customers/${busy.id}`, {
      packages: [
        { id: 'webex_calling' },
        { id: 'attendant_console', limit: 1 },
        { id: 'webex_meetings', limit: 2 },
      ],
    });
    expect(both.statusCode).toBe(409);
    expect(both.json().message).toMatch(/cannot be removed, nor their limits/);
    expect(
      both
        .json()
        .errors.map((error: { code: string }) => error.code)
        .sort(),
    ).toEqual(['limit_below_usage', 'package_in_use']);
    expect(
      both.json().errors.find((error: { code: string }) => error.code === 'package_in_use').description,
    ).toBe('Webex Suite is held by 1 user and cannot be removed.');
    // Refused whole: nothing changed.
    expect(packagesOf((await api('GET', `/v1/customers/${busy.id}`)).json())).toMatchObject({
      webex_meetings: '2/2',
      webex_suite: '1/5',
    });
  });

  it('is the number the limit rule refuses at', async () => {
    const refused = await api('POST', `/v1/customers/${busy.id}/users`, {
      email: 'm3@usage.example',
      package: 'webex_meetings',
    });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.body).toContain('package_limit_reached');
    const { database } = harness();
    const rule = await countPackageUsage(database.db, busy.id);
    const view = (await api('GET', `/v1/customers/${busy.id}`)).json() as { packages: PackageEntry[] };
    for (const entry of view.packages) expect(entry.used).toBe(rule.get(entry.id) ?? 0);
  });

  it('follows a package change and a removal', async () => {
    const users = (await api('GET', `/v1/customers/${busy.id}/users?search=m1%40usage`)).json() as {
      items: { id: string; email: string }[];
    };
    const m1 = users.items.find((user) => user.email === 'm1@usage.example');
    expect(m1).toBeDefined();
    const changed = await api('PUT', `/v1/customers/${busy.id}/users/${m1?.id}/package`, {
      package: 'webex_calling',
      location: 'Amsterdam HQ',
      extension: '2003',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(packagesOf((await api('GET', `/v1/customers/${busy.id}`)).json())).toMatchObject({
      webex_calling: '2/-',
      webex_meetings: '1/2',
    });
    const removed = await api('DELETE', `/v1/customers/${busy.id}/users/${m1?.id}`);
    expect(removed.statusCode, removed.body).toBeLessThan(300);
    expect(packagesOf((await api('GET', `/v1/customers/${busy.id}`)).json())).toMatchObject({
      webex_calling: '1/-',
    });
  });

  it('a page of customers costs two queries, however many customers it holds', async () => {
    const { database, partnerId } = harness();
    const scope = { partnerId, customerId: null };
    const rows = (
      await Promise.all([busy.id, quiet.id].map((id) => findCustomerById(database.db, scope, id)))
    ).filter((row): row is CustomerRow => row !== undefined);
    expect(rows).toHaveLength(2);
    let queries = 0;
    const counting: KyselyPlugin = {
      transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
        queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const views = await loadCustomerViews(database.db.withPlugin(counting), rows, 'en');
    expect(queries).toBe(2);
    expect(views.map((view) => view.packages.find((entry) => entry.id === 'webex_suite')?.used)).toEqual([
      1, 0,
    ]);
  });

  it('documents used in the OpenAPI output', async () => {
    const { app } = harness();
    const document = (await app.inject({ url: '/openapi.json' })).json();
    const text = JSON.stringify(document.paths['/v1/customers/{customerId}'].get.responses['200']);
    expect(text).toContain('"used"');
  });
});

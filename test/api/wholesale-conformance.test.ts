// Conformance gaps of the Wholesale API found by auditing it against the public description
// (shared/reference/webex-wholesale.openapi.json) that the contract test did not cover: paging
// links, bodiless answers, the license info of Get a Wholesale Customer, the package fields of
// the subscriber precheck and update, and the add-on dependency in the customer precheck.
import { describe, expect, it } from 'vitest';
import { WHOLESALE_CODES } from '../../src/domain/provisioning/wholesale-codes.ts';
import { publicErrorResponseSchema } from '../../src/http/routes/wholesale/schemas.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';
import { validateResponse } from '../contract/wholesale-contract.ts';

const harness = useTestApp();

async function send(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) {
  const { app, tokens, auth } = harness();
  return app.inject({
    method,
    url,
    headers: auth(tokens.partnerFull),
    ...(payload ? { payload } : {}),
  });
}

function errorCodes(body: string): number[] {
  const parsed = publicErrorResponseSchema.parse(JSON.parse(body));
  return parsed.errors.map((error) => error.errorCode);
}

/** `<https://host/path?query>; rel="next"` → `/path?query` (what inject can follow). */
function nextPath(link: unknown): string | null {
  if (typeof link !== 'string') return null;
  const match = /^<([^>]+)>; rel="next"$/.exec(link);
  if (!match?.[1]) throw new Error(`not a next link: ${link}`);
  const url = new URL(match[1]);
  return `${url.pathname}${url.search}`;
}

/** Follows the next links from `first`; answers the ids of every page, page by page. */
async function walkPages(first: string): Promise<string[][]> {
  const pages: string[][] = [];
  let url: string | null = first;
  while (url !== null && pages.length < 10) {
    const response = await send('GET', url);
    expect(response.statusCode, response.body).toBe(200);
    const template = url.startsWith('/v1/wholesale/customers')
      ? '/v1/wholesale/customers'
      : '/v1/wholesale/subscribers';
    expect(validateResponse('get', template, 200, response.json()).errors).toEqual([]);
    pages.push((response.json() as { items: { id: string }[] }).items.map((item) => item.id));
    url = nextPath(response.headers['link']);
  }
  return pages;
}

describe('paging links on the lists', () => {
  it('GET /v1/wholesale/customers points to the next page while one follows, keeping the filters', async () => {
    const { database, partnerId } = harness();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await createTestCustomer(database.db, partnerId)).id);
    const pages = await walkPages('/v1/wholesale/customers?max=2&status=provisioning');
    expect(pages.map((page) => page.length)).toEqual([2, 1]);
    expect(pages.flat().sort()).toEqual([...ids].sort());
    const first = await send('GET', '/v1/wholesale/customers?max=2&status=provisioning');
    expect(first.headers['link']).toMatch(/[?&]status=provisioning(&|>)/);
    expect(first.headers['link']).toMatch(/[?&]offset=2(&|>)/);
    // The whole list on one page: no link.
    expect((await send('GET', '/v1/wholesale/customers?max=3')).headers['link']).toBeUndefined();
  });

  it('GET /v1/wholesale/subscribers does the same, with its default of 50', async () => {
    const { database, partnerId } = harness();
    const customer = await createTestCustomer(database.db, partnerId, { provision: true });
    const ids: string[] = [];
    for (const name of ['ann', 'bob', 'cy']) {
      const created = await send('POST', '/v1/wholesale/subscribers', {
        customerId: customer.id,
        email: `${name}@paging.example`,
        package: 'webex_meetings',
        provisioningParameters: { firstName: name, lastName: 'Paging' },
      });
      expect(created.statusCode, created.body).toBe(200);
      ids.push((created.json() as { id: string }).id);
    }
    const pages = await walkPages(
      `/v1/wholesale/subscribers?customerId=${customer.id}&max=1&sortBy=created&sortOrder=DESC`,
    );
    expect(pages).toEqual([[ids[2]], [ids[1]], [ids[0]]]);
    const all = await send('GET', `/v1/wholesale/subscribers?customerId=${customer.id}`);
    expect((all.json() as { items: unknown[] }).items).toHaveLength(3);
    expect(all.headers['link']).toBeUndefined();
  });
});

describe('answers the public description documents without a body', () => {
  it('DELETE a customer: 202 with no body at all (not `null`), DELETE a subscriber: 204', async () => {
    const { database, partnerId } = harness();
    const customer = await createTestCustomer(database.db, partnerId, { provision: true });
    const created = await send('POST', '/v1/wholesale/subscribers', {
      customerId: customer.id,
      email: 'gone@bodiless.example',
      packages: ['webex_meetings'],
      provisioningParameters: {},
    });
    const subscriberId = (created.json() as { id: string }).id;
    const removedSubscriber = await send('DELETE', `/v1/wholesale/subscribers/${subscriberId}`);
    expect([removedSubscriber.statusCode, removedSubscriber.body]).toEqual([204, '']);
    const removedCustomer = await send('DELETE', `/v1/wholesale/customers/${customer.id}`);
    expect([removedCustomer.statusCode, removedCustomer.body]).toEqual([202, '']);
    expect(removedCustomer.headers['content-type']).toBeUndefined();
  });
});

describe('GET /v1/wholesale/customers/{id}?includePackageLicenseInfo', () => {
  it('lists the licenseIds of every provisioned package only when asked, the same ids every time', async () => {
    const { database, partnerId } = harness();
    const customer = await createTestCustomer(database.db, partnerId, {
      provision: true,
      packages: [{ id: 'webex_calling' }, { id: 'webex_meetings' }],
    });
    type Details = { resourceDetails: { packages: { name: string; licenseIds?: string[] }[] } };
    const url = `/v1/wholesale/customers/${customer.id}`;
    const asked = await send('GET', `${url}?includePackageLicenseInfo=true`);
    expect(validateResponse('get', '/v1/wholesale/customers/{customerId}', 200, asked.json()).errors).toEqual(
      [],
    );
    const packages = (asked.json() as Details).resourceDetails.packages;
    expect(packages.map((entry) => entry.name).sort()).toEqual(['webex_calling', 'webex_meetings']);
    for (const entry of packages) expect(entry.licenseIds).toEqual([expect.any(String)]);
    expect(new Set(packages.map((entry) => entry.licenseIds?.[0])).size).toBe(2);
    const again = await send('GET', `${url}?includePackageLicenseInfo=true`);
    expect((again.json() as Details).resourceDetails.packages).toEqual(packages);
    for (const query of ['', '?includePackageLicenseInfo=false']) {
      const plain = (await send('GET', `${url}${query}`)).json() as Details;
      expect(
        plain.resourceDetails.packages.some((entry) => 'licenseIds' in entry),
        query,
      ).toBe(false);
    }
    const invalid = await send('GET', `${url}?includePackageLicenseInfo=perhaps`);
    expect(invalid.statusCode).toBe(400);
    expect(errorCodes(invalid.body)).toEqual([WHOLESALE_CODES.invalid_request.errorCode]);
  });
});

describe('package fields of the subscriber precheck and update', () => {
  it('POST /v1/wholesale/subscribers/validate refuses package and packages together, allows neither', async () => {
    const { database, partnerId } = harness();
    const customer = await createTestCustomer(database.db, partnerId, { provision: true });
    const both = await send('POST', '/v1/wholesale/subscribers/validate', {
      customerId: customer.id,
      email: 'both@precheck.example',
      package: 'webex_meetings',
      packages: ['webex_calling'],
    });
    expect(both.statusCode).toBe(400);
    expect(errorCodes(both.body)).toEqual([WHOLESALE_CODES.invalid_request.errorCode]);
    expect(both.body).toContain('Either packages or package is required, but not both.');
    const emailOnly = await send('POST', '/v1/wholesale/subscribers/validate', {
      customerId: customer.id,
      email: 'neither@precheck.example',
    });
    expect(emailOnly.statusCode, emailOnly.body).toBe(200);
  });

  it('PUT /v1/wholesale/subscribers/{id} takes `package` from the nine published values and answers as create does', async () => {
    const { database, partnerId } = harness();
    const customer = await createTestCustomer(database.db, partnerId, { provision: true });
    const created = await send('POST', '/v1/wholesale/subscribers', {
      customerId: customer.id,
      email: 'agent@update.example',
      package: 'webex_meetings',
      provisioningParameters: {},
    });
    const id = (created.json() as { id: string }).id;
    // A contact-centre agent package is published but not offered: "not supported", not a schema error.
    const agent = await send('PUT', `/v1/wholesale/subscribers/${id}`, { package: 'cx_premium_agent' });
    expect(agent.statusCode).toBe(400);
    expect(errorCodes(agent.body)).toEqual([WHOLESALE_CODES.package_not_supported.errorCode]);
    const asCreate = await send('POST', '/v1/wholesale/subscribers', {
      customerId: customer.id,
      email: 'agent2@update.example',
      packages: ['cx_premium_agent'],
      provisioningParameters: {},
    });
    expect(errorCodes(asCreate.body)).toEqual(errorCodes(agent.body));
    const unknown = await send('PUT', `/v1/wholesale/subscribers/${id}`, { package: 'webex_everything' });
    expect(unknown.statusCode).toBe(400);
  });
});

describe('POST /v1/wholesale/customers/validate', () => {
  it('refuses attendant_console without a package it depends on, as the create does', async () => {
    const body = {
      address: { addressLine1: '771 Alder Drive', city: 'Milpitas', country: 'US' },
      packages: ['webex_meetings', 'attendant_console'],
    };
    const precheck = await send('POST', '/v1/wholesale/customers/validate', body);
    expect(precheck.statusCode).toBe(400);
    expect(errorCodes(precheck.body)).toEqual([WHOLESALE_CODES.add_on_not_allowed.errorCode]);
    const create = await send('POST', '/v1/wholesale/customers', {
      ...body,
      provisioningId: 'p',
      externalId: 'addon-precheck',
      customerInfo: { name: 'Add-on', primaryEmail: 'addon@precheck.example' },
    });
    expect(create.statusCode).toBe(400);
    expect(errorCodes(create.body)).toEqual(errorCodes(precheck.body));
    const hosted = await send('POST', '/v1/wholesale/customers/validate', {
      address: body.address,
      packages: ['webex_meetings', 'attendant_console', 'webex_suite'],
      provisioningParameters: {
        calling: {
          location: {
            name: 'Head Office',
            address: body.address,
            timezone: 'America/Los_Angeles',
            language: 'en_us',
          },
        },
      },
    });
    expect(hosted.statusCode, hosted.body).toBe(200);
  });
});

describe('onBehalfOfSubPartnerOrgId', () => {
  it('is accepted empty, and a named sub-partner is not found (404) rather than served as the caller', async () => {
    const { database, partnerId } = harness();
    const customer = await createTestCustomer(database.db, partnerId, { provision: true });
    const plain = await send('GET', `/v1/wholesale/customers/${customer.id}?onBehalfOfSubPartnerOrgId=`);
    expect(plain.statusCode).toBe(200);
    const requests: ['GET' | 'POST' | 'PUT' | 'DELETE', string, object?][] = [
      ['GET', '/v1/wholesale/customers'],
      ['GET', `/v1/wholesale/customers/${customer.id}`],
      ['PUT', `/v1/wholesale/customers/${customer.id}`, { packages: ['webex_meetings'] }],
      ['DELETE', `/v1/wholesale/customers/${customer.id}`],
      ['GET', '/v1/wholesale/subscribers'],
      ['POST', '/v1/wholesale/subscribers/validate', { email: 'sub@partner.example' }],
    ];
    for (const [method, url, payload] of requests) {
      const response = await send(method, `${url}?onBehalfOfSubPartnerOrgId=Y2lzY29zcGFyazovL3Vz`, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(errorCodes(response.body)).toEqual([WHOLESALE_CODES.not_found.errorCode]);
    }
    // Nothing was changed for the caller's own partner.
    const after = await send('GET', `/v1/wholesale/customers/${customer.id}`);
    expect((after.json() as { status: string }).status).toBe('provisioned');
  });
});

describe('PUT /v1/wholesale/subscribers/{id} provisioningParameters', () => {
  it('are used when a Meetings user moves to calling, and ignored once the user has calling', async () => {
    const { app, tokens, auth, database, partnerId } = harness();
    const customer = await createTestCustomer(database.db, partnerId, {
      provision: true,
      firstLocation: {
        name: 'Head Office',
        country: 'NL',
        timeZone: 'Europe/Amsterdam',
      },
    });
    const locations = await app.inject({
      url: `/v1/customers/${customer.id}/locations`,
      headers: auth(tokens.partnerFull),
    });
    const locationId = (locations.json() as { items: { id: string }[] }).items[0]?.id;
    const created = await send('POST', '/v1/wholesale/subscribers', {
      customerId: customer.id,
      email: 'mover@update.example',
      package: 'webex_meetings',
      provisioningParameters: {},
    });
    const id = (created.json() as { id: string }).id;
    const userUrl = `/v1/customers/${customer.id}/users/${id}`;
    const toCalling = await send('PUT', `/v1/wholesale/subscribers/${id}`, {
      packages: ['webex_calling'],
      provisioningParameters: { extension: '4001', locationId },
    });
    expect(toCalling.statusCode, toCalling.body).toBe(200);
    const afterMove = await app.inject({ url: userUrl, headers: auth(tokens.partnerFull) });
    expect(afterMove.json()).toMatchObject({ extension: '4001', locationId });
    const again = await send('PUT', `/v1/wholesale/subscribers/${id}`, {
      packages: ['webex_suite'],
      provisioningParameters: { extension: '4999', locationId: 'not-a-location' },
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ package: 'webex_suite' });
    const afterSuite = await app.inject({ url: userUrl, headers: auth(tokens.partnerFull) });
    expect(afterSuite.json()).toMatchObject({ extension: '4001', locationId });
  });
});

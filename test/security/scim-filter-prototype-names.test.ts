// A SCIM filter names attributes the client chooses (RFC 7644 §3.4.2.2). `constructor` is a valid
// attribute name by the grammar (ATTRNAME = ALPHA *(nameChar)), and it is also a property every
// plain object inherits: looked up in the table of attributes that map to a column, it found
// Object's constructor function instead of nothing, and the list answered 500. An attribute the
// product does not store matches nothing, as any other unknown name does (e.g. `nickName pr`).
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

describe('SCIM filters on attribute names that objects inherit', () => {
  const harness = useTestApp();
  let customerId = '';
  let scimToken = '';

  beforeAll(async () => {
    const { app, auth, tokens, drainJobs } = harness();
    const headers = auth(tokens.partnerFull);
    const created = await app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers,
      payload: {
        name: 'Filter Org',
        externalId: 'scim-filter-names',
        adminEmail: 'admin@filter.example',
        country: 'NL',
        packages: [{ id: 'webex_meetings' }],
      },
    });
    customerId = created.json<{ id: string }>().id;
    await drainJobs();
    await app.inject({ method: 'POST', url: `/v1/customers/${customerId}/directory-sync`, headers });
    const token = await app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/scim-tokens`,
      headers,
      payload: { name: 'filters' },
    });
    scimToken = token.json<{ token: string }>().token;
    const user = await app.inject({
      method: 'POST',
      url: `/scim/v2/${customerId}/Users`,
      headers: { authorization: `Bearer ${scimToken}`, 'content-type': 'application/scim+json' },
      payload: {
        schemas: [
          'urn:ietf:params:scim:schemas:core:2.0:User',
          'urn:wholesale-hub:params:scim:schemas:extension:product:2.0:User',
        ],
        userName: 'anna@filter.example',
        'urn:wholesale-hub:params:scim:schemas:extension:product:2.0:User': { package: 'webex_meetings' },
      },
    });
    expect(user.statusCode).toBe(201);
  });

  it.each([
    ['Users', 'constructor pr'],
    ['Groups', 'constructor pr'],
    ['Users', 'constructor eq "x"'],
    ['Users', 'userName pr and constructor pr'],
    ['Users', 'not (constructor pr)'],
  ])('%s?filter=%s matches nothing instead of failing', async (resource, filter) => {
    const { app } = harness();
    const response = await app.inject({
      url: `/scim/v2/${customerId}/${resource}?filter=${encodeURIComponent(filter)}`,
      headers: { authorization: `Bearer ${scimToken}` },
    });
    expect(response.statusCode).toBe(200);
    // `not (constructor pr)` is the one that matches: the user has no such attribute.
    expect(response.json().totalResults).toBe(filter.startsWith('not') ? 1 : 0);
  });
});

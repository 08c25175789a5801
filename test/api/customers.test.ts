import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

describe('/v1/customers', () => {
  const harness = useTestApp();

  const body = {
    name: 'Bakkerij De Vries',
    externalId: 'DEVRIES-001',
    adminEmail: 'beheer@devries.example',
    country: 'NL',
    address: { addressLine1: 'Damrak 1', city: 'Amsterdam' },
    packages: [{ id: 'webex_calling' }, { id: 'webex_suite', limit: 10 }],
    firstLocation: {
      name: 'Amsterdam HQ',
      country: 'NL',
      city: 'Amsterdam',
      addressLine1: 'Damrak 1',
      timeZone: 'Europe/Amsterdam',
    },
  };

  it('creates a customer with 202 + Location and provisions it in the background', async () => {
    const { app, tokens, auth, drainJobs } = harness();
    const created = await app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: auth(tokens.partnerFull),
      payload: body,
    });
    expect(created.statusCode).toBe(202);
    const customer = created.json();
    expect(created.headers.location).toBe(`/v1/customers/${customer.id}`);
    expect(customer).toMatchObject({
      status: 'provisioning',
      externalId: 'DEVRIES-001',
      packages: [
        { id: 'webex_calling', limit: null },
        { id: 'webex_suite', limit: 10 },
      ],
    });
    expect(await drainJobs()).toBeGreaterThan(0);
    const fetched = await app.inject({
      url: `/v1/customers/${customer.id}`,
      headers: auth(tokens.partnerFull),
    });
    expect(fetched.json().status).toBe('provisioned');
    const byExternalId = await app.inject({
      url: '/v1/customers/DEVRIES-001',
      headers: auth(tokens.partnerFull),
    });
    expect(byExternalId.json().id).toBe(customer.id);
    const locations = await app.inject({
      url: `/v1/customers/${customer.id}/locations`,
      headers: auth(tokens.partnerFull),
    });
    expect(locations.json().items.map((location: { name: string }) => location.name)).toEqual([
      'Amsterdam HQ',
    ]);
  });

  it('answers 409 for a second customer with the same externalId, storing nothing', async () => {
    const { app, tokens, auth } = harness();
    const before = (await app.inject({ url: '/v1/customers', headers: auth(tokens.partnerFull) })).json()
      .items.length;
    const response = await app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: auth(tokens.partnerFull),
      payload: { ...body, name: 'Other name', firstLocation: { ...body.firstLocation, name: 'Elsewhere' } },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ errors: [{ code: 'external_id_taken', field: 'externalId' }] });
    expect(response.headers.trackingid).toBe(response.json().trackingId);
    const after = (await app.inject({ url: '/v1/customers', headers: auth(tokens.partnerFull) })).json().items
      .length;
    expect(after).toBe(before);
  });

  it('rejects invalid input with 400 naming each field', async () => {
    const { app, tokens, auth } = harness();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: { ...auth(tokens.partnerFull), 'accept-language': 'nl-NL,nl;q=0.9' },
      payload: { ...body, externalId: 'X-2', name: '50% off', country: 'XX', adminEmail: 'nope' },
    });
    expect(response.statusCode).toBe(400);
    const json = response.json();
    expect(json.message).toBe('Het verzoek is niet geldig.');
    expect(json.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'adminEmail',
      'country',
      'name',
    ]);
  });

  it('refuses writes to a read-only admin with 403 and answers 401 without credentials', async () => {
    const { app, tokens, auth } = harness();
    const forbidden = await app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: auth(tokens.partnerReadonly),
      payload: { ...body, externalId: 'RO-1' },
    });
    expect(forbidden.statusCode).toBe(403);
    const anonymous = await app.inject({ url: '/v1/customers' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ errors: [{ code: 'unauthenticated' }] });
  });

  it('pages with a Link header until the last page', async () => {
    const { app, tokens, auth, drainJobs } = harness();
    for (let index = 0; index < 3; index += 1) {
      await app.inject({
        method: 'POST',
        url: '/v1/customers',
        headers: auth(tokens.partnerFull),
        payload: { ...body, externalId: `PAGE-${index}`, name: `Paging ${index}`, firstLocation: undefined },
      });
    }
    await drainJobs();
    const seen: string[] = [];
    let url: string | undefined = '/v1/customers?max=2&search=paging';
    while (url) {
      const response: { json(): { items: { name: string }[] }; headers: Record<string, unknown> } =
        await app.inject({
          url,
          headers: auth(tokens.partnerFull),
        });
      seen.push(...response.json().items.map((customer: { name: string }) => customer.name));
      url = /<([^>]+)>; rel="next"/.exec(String(response.headers.link ?? ''))?.[1];
    }
    expect(seen).toEqual(['Paging 0', 'Paging 1', 'Paging 2']);
  });
});

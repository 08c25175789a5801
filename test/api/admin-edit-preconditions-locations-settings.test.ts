// Optimistic concurrency of the location edit and the customer settings (ADR 0092, Update): GET
// answers a weak ETag of the stored version (a location's own, the settings' that of the customer
// row they live in); PATCH with an If-Match that is no longer current answers 412
// `precondition_failed`, writes and audits nothing; without If-Match the write goes through as before.
import { describe, expect, it } from 'vitest';
import { headerNames, useConditionalRequests } from '../helpers/conditional-requests.ts';

const { customerId, otherPartnerToken, api, etagOf, auditCount, openApiOperation } =
  useConditionalRequests('Precondition Dairy');

async function createLocation(name: string): Promise<string> {
  const response = await api('POST', `/v1/customers/${customerId()}/locations`, {
    payload: { name, country: 'NL', timeZone: 'Europe/Amsterdam', city: 'Utrecht' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

describe('locations: ETag and If-Match', () => {
  it('GET answers a weak ETag that stays put while nothing changes; If-None-Match answers 304', async () => {
    const locationId = await createLocation('Etag Get');
    const url = `/v1/customers/${customerId()}/locations/${locationId}`;
    const first = await api('GET', url);
    expect(first.statusCode).toBe(200);
    expect(etagOf(first)).toMatch(/^W\/"\d+"$/);
    expect(etagOf(await api('GET', url))).toBe(etagOf(first));
    const cached = await api('GET', url, { headers: { 'if-none-match': etagOf(first) } });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
  });

  it('PATCH with a stale If-Match answers 412, changes and audits nothing', async () => {
    const locationId = await createLocation('Etag Stale');
    const url = `/v1/customers/${customerId()}/locations/${locationId}`;
    const stale = etagOf(await api('GET', url));
    // Another admin's edit through the same path, without If-Match.
    const first = await api('PATCH', url, { payload: { city: 'Amersfoort' } });
    expect(first.statusCode, first.body).toBe(200);
    const audits = await auditCount(locationId, 'location.update');

    const refused = await api('PATCH', url, {
      payload: { city: 'Overwritten' },
      headers: { 'if-match': stale },
    });
    expect(refused.statusCode, refused.body).toBe(412);
    const body = refused.json<{ message: string; errors: { code: string }[] }>();
    expect(body.errors.map((error) => error.code)).toEqual(['precondition_failed']);
    expect(body.message).toMatch(/location was changed/i);
    const after = await api('GET', url);
    expect(after.json<{ address: { city: string } }>().address.city).toBe('Amersfoort');
    expect(await auditCount(locationId, 'location.update')).toBe(audits);
  });

  it('the 412 speaks Dutch to Accept-Language: nl', async () => {
    const locationId = await createLocation('Etag Dutch');
    const refused = await api('PATCH', `/v1/customers/${customerId()}/locations/${locationId}`, {
      payload: { city: 'Overwritten' },
      headers: { 'if-match': 'W/"999999"', 'accept-language': 'nl' },
    });
    expect(refused.statusCode).toBe(412);
    expect(refused.json<{ message: string }>().message).toMatch(/locatie is door iemand anders gewijzigd/);
  });

  it('PATCH with the current If-Match answers 200 and the new ETag, which the next GET answers', async () => {
    const locationId = await createLocation('Etag Current');
    const url = `/v1/customers/${customerId()}/locations/${locationId}`;
    const current = etagOf(await api('GET', url));
    const saved = await api('PATCH', url, { payload: { city: 'Zeist' }, headers: { 'if-match': current } });
    expect(saved.statusCode, saved.body).toBe(200);
    const next = etagOf(saved);
    expect(next).not.toBe(current);
    expect(etagOf(await api('GET', url))).toBe(next);
    // The ETag it answered is good for the next conditional save.
    const again = await api('PATCH', url, { payload: { city: 'Bunnik' }, headers: { 'if-match': next } });
    expect(again.statusCode, again.body).toBe(200);
  });

  it('PATCH without If-Match keeps last-write-wins and still moves the ETag', async () => {
    const locationId = await createLocation('Etag Blind');
    const url = `/v1/customers/${customerId()}/locations/${locationId}`;
    const before = etagOf(await api('GET', url));
    const blind = await api('PATCH', url, { payload: { city: 'Houten' } });
    expect(blind.statusCode, blind.body).toBe(200);
    expect(etagOf(blind)).not.toBe(before);
  });

  it('two saves at once from the same version: one wins, the other gets 412 (check and write are atomic)', async () => {
    const locationId = await createLocation('Etag Race');
    const url = `/v1/customers/${customerId()}/locations/${locationId}`;
    const etag = etagOf(await api('GET', url));
    const answers = await Promise.all(
      ['Leiden', 'Delft'].map((city) =>
        api('PATCH', url, { payload: { city }, headers: { 'if-match': etag } }),
      ),
    );
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 412]);
    const winner = answers.find((answer) => answer.statusCode === 200);
    const stored = await api('GET', url);
    expect(stored.json<{ address: { city: string } }>().address.city).toBe(
      winner?.json<{ address: { city: string } }>().address.city,
    );
    expect(await auditCount(locationId, 'location.update')).toBe(1);
  });

  it('a location addressed by name is the same record with the same ETag', async () => {
    const locationId = await createLocation('Etag By Name');
    const byId = etagOf(await api('GET', `/v1/customers/${customerId()}/locations/${locationId}`));
    const stale = await api('PATCH', `/v1/customers/${customerId()}/locations/Etag%20By%20Name`, {
      payload: { city: 'Nieuwegein' },
      headers: { 'if-match': 'W/"999999"' },
    });
    expect(stale.statusCode).toBe(412);
    const saved = await api('PATCH', `/v1/customers/${customerId()}/locations/Etag%20By%20Name`, {
      payload: { city: 'Nieuwegein' },
      headers: { 'if-match': byId },
    });
    expect(saved.statusCode, saved.body).toBe(200);
  });

  it("another partner's location is 404 with or without If-Match, never 412", async () => {
    const locationId = await createLocation('Etag Tenant');
    const url = `/v1/customers/${customerId()}/locations/${locationId}`;
    const etag = etagOf(await api('GET', url));
    expect((await api('GET', url, { token: otherPartnerToken() })).statusCode).toBe(404);
    for (const headers of [{ 'if-match': etag }, { 'if-match': 'W/"999999"' }, {}] as Record<
      string,
      string
    >[]) {
      const patch = await api('PATCH', url, {
        token: otherPartnerToken(),
        payload: { city: 'Hijacked' },
        headers,
      });
      expect(patch.statusCode).toBe(404);
    }
    const missing = await api(
      'PATCH',
      `/v1/customers/${customerId()}/locations/00000000-0000-4000-8000-000000000000`,
      {
        payload: { city: 'Nowhere' },
        headers: { 'if-match': etag },
      },
    );
    expect(missing.statusCode).toBe(404);
  });
});

describe('settings: ETag and If-Match', () => {
  const url = () => `/v1/customers/${customerId()}/settings`;

  it('GET answers a weak ETag; If-None-Match answers 304', async () => {
    const got = await api('GET', url());
    expect(got.statusCode).toBe(200);
    const etag = etagOf(got);
    expect(etag).toMatch(/^W\/"\d+"$/);
    const cached = await api('GET', url(), { headers: { 'if-none-match': etag } });
    expect(cached.statusCode).toBe(304);
  });

  it.each(['PATCH', 'PUT'] as const)(
    '%s with a stale If-Match answers 412, changes and audits nothing',
    async (method) => {
      const stale = etagOf(await api('GET', url()));
      const first = await api('PATCH', url(), { payload: { defaultPreferredWebexSite: 'first.webex.com' } });
      expect(first.statusCode, first.body).toBe(200);
      const audits = await auditCount(customerId(), 'customer.settings.update');

      const refused = await api(method, url(), {
        payload: { defaultPreferredWebexSite: 'overwritten.webex.com' },
        headers: { 'if-match': stale },
      });
      expect(refused.statusCode, refused.body).toBe(412);
      expect(refused.json<{ errors: { code: string }[] }>().errors[0]?.code).toBe('precondition_failed');
      const after = await api('GET', url());
      expect(after.json<{ defaultPreferredWebexSite: string }>().defaultPreferredWebexSite).toBe(
        'first.webex.com',
      );
      expect(await auditCount(customerId(), 'customer.settings.update')).toBe(audits);
    },
  );

  it('PATCH with the current If-Match answers 200 and the new ETag; without If-Match 200 as before', async () => {
    const current = etagOf(await api('GET', url()));
    const saved = await api('PATCH', url(), {
      payload: { autoAssignBasicLicences: false },
      headers: { 'if-match': current },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const next = etagOf(saved);
    expect(next).not.toBe(current);
    expect(etagOf(await api('GET', url()))).toBe(next);

    const blind = await api('PATCH', url(), { payload: { autoAssignBasicLicences: true } });
    expect(blind.statusCode, blind.body).toBe(200);
    expect(etagOf(blind)).not.toBe(next);
  });

  it('a customer edit in between makes the settings ETag stale (the settings share its version)', async () => {
    const before = etagOf(await api('GET', url()));
    const renamed = await api('PATCH', `/v1/customers/${customerId()}`, {
      payload: { name: 'Precondition Dairy 2' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const refused = await api('PATCH', url(), {
      payload: { defaultImportBehaviour: 'add-remove' },
      headers: { 'if-match': before },
    });
    expect(refused.statusCode, refused.body).toBe(412);
    expect(etagOf(await api('GET', url()))).toBe(etagOf(renamed));
  });

  it('two settings saves at once from the same version: one wins, the other gets 412', async () => {
    const etag = etagOf(await api('GET', url()));
    const answers = await Promise.all(
      ['race-a.webex.com', 'race-b.webex.com'].map((site) =>
        api('PATCH', url(), { payload: { defaultPreferredWebexSite: site }, headers: { 'if-match': etag } }),
      ),
    );
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 412]);
    const winner = answers.find((answer) => answer.statusCode === 200);
    const stored = await api('GET', url());
    expect(stored.json<{ defaultPreferredWebexSite: string }>().defaultPreferredWebexSite).toBe(
      winner?.json<{ defaultPreferredWebexSite: string }>().defaultPreferredWebexSite,
    );
  });

  it("another partner's customer's settings are 404 with or without If-Match, never 412", async () => {
    const etag = etagOf(await api('GET', url()));
    expect((await api('GET', url(), { token: otherPartnerToken() })).statusCode).toBe(404);
    for (const headers of [{ 'if-match': etag }, { 'if-match': 'W/"999999"' }, {}] as Record<
      string,
      string
    >[]) {
      const patch = await api('PATCH', url(), {
        token: otherPartnerToken(),
        payload: { extensionLength: 6 },
        headers,
      });
      expect(patch.statusCode).toBe(404);
    }
  });
});

describe('the OpenAPI document', () => {
  it.each([
    ['/v1/customers/{customerId}/locations/{locationId}', 'patch'],
    ['/v1/customers/{customerId}/settings', 'patch'],
  ])('%s %s: If-Match, the 412 and the ETag of the 200', async (path, method) => {
    const op = await openApiOperation(path, method);
    expect(headerNames(op)).toContain('if-match');
    expect(op.responses['412']?.description).toMatch(/precondition_failed/);
    expect(Object.keys(op.responses['200']?.headers ?? {})).toContain('ETag');
  });

  it.each([['/v1/customers/{customerId}/locations/{locationId}'], ['/v1/customers/{customerId}/settings']])(
    'GET %s: the ETag of the 200, If-None-Match and the 304',
    async (path) => {
      const op = await openApiOperation(path, 'get');
      expect(Object.keys(op.responses['200']?.headers ?? {})).toContain('ETag');
      expect(headerNames(op)).toContain('if-none-match');
      expect(op.responses['304']).toBeDefined();
      expect(op.responses['304']?.content).toBeUndefined();
    },
  );
});

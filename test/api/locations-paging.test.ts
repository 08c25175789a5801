// SPEC §7: lists answer {items} and point to the next page with `Link: rel="next"`; the locations
// list pages by name with `max` and `cursor` like the customers and users lists.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const NAMES = ['delft', 'Amsterdam HQ', 'Utrecht', 'breda', 'Eindhoven'];
const BY_NAME = ['Amsterdam HQ', 'breda', 'delft', 'Eindhoven', 'Utrecht'];

describe('GET /v1/customers/{id}/locations', () => {
  const harness = useTestApp();
  let customerId = '';
  let base = '';

  const send = (method: 'GET' | 'POST', url: string, payload?: object) => {
    const { app, tokens, auth } = harness();
    return app.inject({ method, url, headers: auth(tokens.partnerFull), ...(payload ? { payload } : {}) });
  };

  const nextOf = (link: unknown): string | null => {
    if (typeof link !== 'string') return null;
    return /^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? null;
  };

  beforeAll(async () => {
    const customer = (externalId: string) => ({
      name: externalId,
      externalId,
      adminEmail: `${externalId.toLowerCase()}@example.com`,
      country: 'NL',
      packages: [{ id: 'webex_calling' }],
    });
    customerId = (await send('POST', '/v1/customers', customer('PAGED'))).json().id;
    const otherId = (await send('POST', '/v1/customers', customer('OTHER'))).json().id;
    base = `/v1/customers/${customerId}/locations`;
    for (const name of NAMES) {
      const created = await send('POST', base, { name, country: 'NL', timeZone: 'Europe/Amsterdam' });
      expect(created.statusCode, created.body).toBe(201);
    }
    await send('POST', `/v1/customers/${otherId}/locations`, {
      name: 'Elsewhere',
      country: 'NL',
      timeZone: 'Europe/Amsterdam',
    });
  });

  it.each([1, 2, 4])('with max=%i answers that many by name and a Link to the rest', async (max) => {
    const pages: string[][] = [];
    let url: string | null = `${base}?max=${max}`;
    while (url) {
      const response = await send('GET', url);
      expect(response.statusCode, response.body).toBe(200);
      const items = response.json().items as { name: string }[];
      pages.push(items.map((item) => item.name));
      url = nextOf(response.headers.link);
      if (url) expect(url).toContain(`max=${max}`);
      expect(pages.length).toBeLessThanOrEqual(NAMES.length);
    }
    expect(pages.flat()).toEqual(BY_NAME);
    expect(pages).toHaveLength(Math.ceil(NAMES.length / max));
    expect(pages.slice(0, -1).every((page) => page.length === max)).toBe(true);
  });

  it('answers every location on one page and no Link when they fit the default page', async () => {
    const response = await send('GET', base);
    expect(response.json().items.map((item: { name: string }) => item.name)).toEqual(BY_NAME);
    expect(response.headers.link).toBeUndefined();
  });

  it('gives no Link on a page that holds exactly the last location', async () => {
    const response = await send('GET', `${base}?max=${NAMES.length}`);
    expect(response.json().items).toHaveLength(NAMES.length);
    expect(response.headers.link).toBeUndefined();
  });

  it.each([`max=0`, `max=201`, `max=two`, `cursor=not-a-cursor`])('refuses %s with 400', async (query) => {
    const response = await send('GET', `${base}?${query}`);
    expect(response.statusCode).toBe(400);
  });
});

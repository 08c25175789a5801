// The users list reaches page N in one request (`offset`, ADR 0094) and counts its rows when asked
// (`count=true` → `X-Total-Count`); following `Link: rel="next"` stays keyset (a cursor).
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createPartner } from '../helpers/factories.ts';
import { useTestApp } from '../helpers/app.ts';

describe('users list: offset and count', () => {
  const harness = useTestApp();
  let customerId = '';
  let strangerToken = '';

  const get = (url: string, token?: string) => {
    const { app, tokens, auth } = harness();
    return app.inject({ url, headers: auth(token ?? tokens.partnerFull) });
  };
  const emailsOf = (response: { json(): unknown }) =>
    (response.json() as { items: { email: string }[] }).items.map((user) => user.email);
  const nextOf = (link: unknown): string | null =>
    typeof link === 'string' ? (/^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? null) : null;

  // 12 users: 8 "anna-…", 4 "bob-…", in an order the email decides (upper case sorts as lower).
  const EMAILS = [
    ...Array.from({ length: 8 }, (_, n) => `anna-${String(n).padStart(2, '0')}@offset.example`),
    ...Array.from({ length: 4 }, (_, n) => `Bob-${String(n).padStart(2, '0')}@offset.example`),
  ];

  beforeAll(async () => {
    const { app, tokens, auth, database } = harness();
    const created = await app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: auth(tokens.partnerFull),
      payload: {
        name: 'Offset BV',
        externalId: 'OFFSET-1',
        adminEmail: 'it@offset-bv.example',
        country: 'NL',
        packages: [{ id: 'webex_meetings' }],
      },
    });
    expect(created.statusCode, created.body).toBe(202);
    customerId = created.json<{ id: string }>().id;
    await harness().drainJobs();
    for (const email of [...EMAILS].reverse()) {
      const added = await app.inject({
        method: 'POST',
        url: `/v1/customers/${customerId}/users`,
        headers: auth(tokens.partnerFull),
        payload: { email, package: 'webex_meetings' },
      });
      expect(added.statusCode, added.body).toBe(201);
    }
    const stranger = await createPartner(database.db);
    strangerToken = await createApiToken(database.db, { partnerId: stranger, role: 'partner_full_admin' });
  });

  const users = () => `/v1/customers/${customerId}/users`;

  /** The pages the Link headers walk through from `url`. */
  async function walk(url: string): Promise<string[][]> {
    const pages: string[][] = [];
    let next: string | null = url;
    while (next) {
      const response = await get(next);
      expect(response.statusCode, response.body).toBe(200);
      pages.push(emailsOf(response));
      next = nextOf(response.headers.link);
      expect(pages.length).toBeLessThan(20);
    }
    return pages;
  }

  it.each([
    ['the whole list', ''],
    ['a search', '&search=anna'],
  ])('an offset page is the page the cursors reach (%s)', async (_case, filter) => {
    const cursorPages = await walk(`${users()}?max=5${filter}`);
    expect(cursorPages.flat().length).toBeGreaterThan(5);
    for (const [index, page] of cursorPages.entries()) {
      const response = await get(`${users()}?max=5&offset=${index * 5}${filter}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(emailsOf(response)).toEqual(page);
    }
  });

  it('follows an offset page on with a cursor, not the offset', async () => {
    const second = await get(`${users()}?max=5&offset=5`);
    const next = nextOf(second.headers.link);
    expect(next).toContain('cursor=');
    expect(next).not.toContain('offset=');
    const third = await get(next ?? '');
    expect(third.statusCode, third.body).toBe(200);
    expect(emailsOf(third)).toEqual(EMAILS.slice(10, 15).map((email) => email.toLowerCase()));
  });

  it('answers an offset past the end with no items and no next link', async () => {
    for (const offset of [12, 500]) {
      const response = await get(`${users()}?max=5&offset=${offset}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(emailsOf(response)).toEqual([]);
      expect(response.headers.link).toBeUndefined();
    }
    const lastRows = await get(`${users()}?max=5&offset=10`);
    expect(emailsOf(lastRows)).toHaveLength(2);
    expect(lastRows.headers.link).toBeUndefined();
  });

  it.each([
    ['negative', 'offset=-1'],
    ['not a number', 'offset=ten'],
    ['a fraction', 'offset=1.5'],
    ['over the maximum', 'offset=100001'],
    ['together with a cursor', 'offset=5&cursor=WyJhIiwiYiJd'],
  ])('refuses an offset %s with 400 naming offset', async (_case, query) => {
    const response = await get(`${users()}?${query}`);
    expect(response.statusCode, response.body).toBe(400);
    const body = response.json<{ message: string; errors: { code: string; description: string }[] }>();
    expect(typeof body.message).toBe('string');
    expect(response.headers.trackingid).toBeDefined();
    expect(JSON.stringify(body.errors)).toContain('offset');
  });

  it('says why an offset with a cursor is refused', async () => {
    const page = await get(`${users()}?max=5`);
    const cursor = new URL(nextOf(page.headers.link) ?? '', 'http://x').searchParams.get('cursor');
    const response = await get(`${users()}?offset=5&cursor=${cursor}`);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json<{ errors: { code: string; field?: string }[] }>().errors).toEqual([
      expect.objectContaining({ code: 'offset_with_cursor', field: 'offset' }),
    ]);
  });

  it('counts only when asked: X-Total-Count with and without a search, after the filters', async () => {
    const plain = await get(`${users()}?max=5`);
    expect(plain.headers['x-total-count']).toBeUndefined();
    const all = await get(`${users()}?max=5&count=true`);
    expect(all.headers['x-total-count']).toBe('12');
    expect(emailsOf(all)).toHaveLength(5);
    const searched = await get(`${users()}?max=5&offset=5&count=true&search=BOB`);
    expect(searched.headers['x-total-count']).toBe('4');
    expect(emailsOf(searched)).toEqual([]);
    const nobody = await get(`${users()}?count=true&search=nobody`);
    expect(nobody.headers['x-total-count']).toBe('0');
    const notCounted = await get(`${users()}?count=false`);
    expect(notCounted.headers['x-total-count']).toBeUndefined();
  });

  it("answers 404 for another tenant's customer, with offset and count", async () => {
    const response = await get(`${users()}?offset=5&count=true`, strangerToken);
    expect(response.statusCode, response.body).toBe(404);
    expect(response.headers['x-total-count']).toBeUndefined();
  });

  it('documents offset, count and X-Total-Count in the OpenAPI document', async () => {
    const response = await harness().app.inject({ url: '/openapi.json' });
    const operation = response.json<{
      paths: Record<
        string,
        {
          get?: {
            parameters?: { name: string; description?: string }[];
            responses?: Record<string, { headers?: Record<string, unknown> }>;
          };
        }
      >;
    }>().paths['/v1/customers/{customerId}/users']?.get;
    const names = operation?.parameters?.map((parameter) => parameter.name);
    expect(names).toEqual(expect.arrayContaining(['offset', 'count', 'cursor']));
    expect(Object.keys(operation?.responses?.['200']?.headers ?? {})).toContain('X-Total-Count');
  });
});

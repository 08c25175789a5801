// SPEC §7: "Lists answer {items: [...]} with Link: rel="next"". The imports, domains and SCIM
// tokens lists page with `max` and `cursor` as the users and audit lists do: keyset pages that
// neither repeat nor skip an item when items are added between pages, the same `max` bounds, and
// the same 400 for a cursor this server did not hand out.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/services/paging.ts';
import { useTestApp } from '../helpers/app.ts';

const CSV_HEADER = 'First Name,Last Name,User ID/Email (Required)\n';

describe('paged admin lists: imports, domains, SCIM tokens', () => {
  const harness = useTestApp();
  let customerId = '';

  const send = (method: 'GET' | 'POST', url: string, payload?: object | string, type?: string) => {
    const { app, tokens, auth } = harness();
    return app.inject({
      method,
      url,
      headers: { ...auth(tokens.partnerFull), ...(type ? { 'content-type': type } : {}) },
      ...(payload === undefined ? {} : { payload }),
    });
  };

  const nextOf = (link: unknown): string | null => {
    if (typeof link !== 'string') return null;
    return /^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? null;
  };

  /** Walks the Link headers from `url`; `between` runs after each page (to insert meanwhile). */
  async function walk(url: string, key: string, between?: (page: number) => Promise<void>) {
    const pages: string[][] = [];
    let next: string | null = url;
    while (next) {
      const response = await send('GET', next);
      expect(response.statusCode, response.body).toBe(200);
      pages.push((response.json().items as Record<string, string>[]).map((item) => String(item[key])));
      next = nextOf(response.headers.link);
      if (next) expect(next).toContain('max=');
      expect(pages.length).toBeLessThan(20);
      await between?.(pages.length);
    }
    return pages;
  }

  const uploadImport = async (fileName: string) => {
    const response = await send(
      'POST',
      `/v1/customers/${customerId}/imports?dryRun=true`,
      `${CSV_HEADER}Anna,${fileName},anna-${fileName}@paging.example\n`,
      'text/csv',
    );
    expect(response.statusCode, response.body).toBe(202);
    return response.json().id as string;
  };

  beforeAll(async () => {
    const created = await send('POST', '/v1/customers', {
      name: 'Paging BV',
      externalId: 'PAGING-1',
      adminEmail: 'beheer@paging.example',
      country: 'NL',
      packages: [{ id: 'webex_calling' }],
    });
    expect(created.statusCode, created.body).toBeLessThan(300);
    customerId = created.json().id;
  });

  describe('imports (newest first)', () => {
    const ids: string[] = [];
    beforeAll(async () => {
      for (const name of ['a', 'b', 'c', 'd', 'e']) ids.push(await uploadImport(name));
      // Three share one microsecond (the id orders those) and two a millisecond, not a microsecond
      // (their times order those: the list compares the stored times, to the microsecond).
      await sql`update imports set created_at = case
          when id in (${ids[0]}::uuid, ${ids[1]}::uuid, ${ids[2]}::uuid) then '2026-01-01T10:00:00.123456Z'::timestamptz
          when id = ${ids[3]}::uuid then '2026-01-01T10:00:00.124100Z'::timestamptz
          else '2026-01-01T10:00:00.124900Z'::timestamptz end
        where customer_id = ${customerId}::uuid`.execute(harness().database.db);
    });

    it.each([1, 2, 3])('with max=%i walks every import once, newest first', async (max) => {
      const pages = await walk(`/v1/customers/${customerId}/imports?max=${max}`, 'id');
      const newestFirst = [ids[4], ids[3], ...ids.slice(0, 3).sort().reverse()];
      expect(pages.flat()).toEqual(newestFirst);
      expect(pages).toHaveLength(Math.ceil(ids.length / max));
    });

    it('neither repeats nor skips an import uploaded between pages', async () => {
      const added: string[] = [];
      const pages = await walk(`/v1/customers/${customerId}/imports?max=2`, 'id', async (page) => {
        if (page === 1) added.push(await uploadImport('late'));
      });
      const seen = pages.flat();
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual([...ids].sort());
      expect(added).toHaveLength(1);
    });

    it('answers the default page of 50 without a Link when all fit', async () => {
      const response = await send('GET', `/v1/customers/${customerId}/imports`);
      expect(response.json().items.length).toBeGreaterThanOrEqual(ids.length);
      expect(response.headers.link).toBeUndefined();
    });
  });

  describe('domains (by name)', () => {
    const names = ['delta.example', 'alpha.example', 'echo.example', 'charlie.example'];
    beforeAll(async () => {
      for (const domain of names) {
        const response = await send('POST', `/v1/customers/${customerId}/domains`, { domain });
        expect(response.statusCode, response.body).toBe(201);
      }
    });

    it.each([1, 3])('with max=%i walks every domain once, by name', async (max) => {
      const pages = await walk(`/v1/customers/${customerId}/domains?max=${max}`, 'domain');
      expect(pages.flat()).toEqual([...names].sort());
      expect(pages).toHaveLength(Math.ceil(names.length / max));
    });

    it('neither repeats nor skips a domain when one is added before the cursor', async () => {
      const pages = await walk(`/v1/customers/${customerId}/domains?max=2`, 'domain', async (page) => {
        if (page === 1) {
          const added = await send('POST', `/v1/customers/${customerId}/domains`, { domain: 'aaa.example' });
          expect(added.statusCode).toBe(201);
        }
      });
      expect(pages.flat()).toEqual([...names].sort());
    });
  });

  describe('SCIM tokens (oldest first)', () => {
    const ids: string[] = [];
    beforeAll(async () => {
      for (const name of ['one', 'two', 'three']) {
        const response = await send('POST', `/v1/customers/${customerId}/scim-tokens`, { name });
        expect(response.statusCode, response.body).toBe(201);
        ids.push(response.json().tokenInfo.id);
      }
      await sql`update scim_tokens set created_at = '2026-01-01T10:00:00.123456Z'::timestamptz
        where id in (${ids[1]}::uuid, ${ids[2]}::uuid)`.execute(harness().database.db);
      await sql`update scim_tokens set created_at = '2026-01-01T10:00:00.122999Z'::timestamptz
        where id = ${ids[0]}::uuid`.execute(harness().database.db);
    });

    it.each([1, 2])('with max=%i walks every token once, oldest first', async (max) => {
      const pages = await walk(`/v1/customers/${customerId}/scim-tokens?max=${max}`, 'id');
      expect(pages.flat()).toEqual([ids[0], ...[ids[1], ids[2]].sort()]);
      expect(pages).toHaveLength(Math.ceil(ids.length / max));
    });
  });

  it.each(['imports', 'domains', 'scim-tokens'])('OpenAPI documents cursor and max of %s', async (list) => {
    const document = (await harness().app.inject({ url: '/openapi.json' })).json();
    const get = document.paths[`/v1/customers/{customerId}/${list}`].get;
    const query = (get.parameters as { in: string; name: string; description?: string }[]).filter(
      (parameter) => parameter.in === 'query',
    );
    expect(query.map((parameter) => parameter.name).sort()).toEqual(['cursor', 'max']);
    expect(query.find((parameter) => parameter.name === 'max')?.description).toContain('1 to 200');
  });

  const forged = [
    ['not-a-cursor', 'not-a-cursor'],
    [
      'a time key that is not a time',
      encodeCursor({ key: 'yesterday', id: '00000000-0000-4000-8000-000000000000' }),
    ],
    ['an id that is not a uuid', encodeCursor({ key: '2026-01-01T10:00:00.123Z', id: 'x' })],
  ] as const;

  it.each(['imports', 'domains', 'scim-tokens'])(
    '%s refuses max=0, max=201 and forged cursors like the other lists',
    async (list) => {
      const base = `/v1/customers/${customerId}/${list}`;
      for (const query of ['max=0', 'max=201', 'max=two']) {
        expect((await send('GET', `${base}?${query}`)).statusCode, query).toBe(400);
      }
      for (const [label, cursor] of forged) {
        if (list === 'domains' && label === 'a time key that is not a time') continue;
        const response = await send('GET', `${base}?cursor=${cursor}`);
        expect(response.statusCode, `${label}: ${response.body}`).toBe(400);
        expect(response.body).toContain('invalid_cursor');
      }
    },
  );
});

// SPEC §7: a list's `Link: rel="next"` points to the rest. An import's row results page by row
// number; a page that ends with the last row has no Link (no empty page to fetch after it).
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();

describe('GET /v1/customers/{id}/imports/{importId}/rows', () => {
  let base = '';
  const get = (url: string) =>
    harness().app.inject({ method: 'GET', url, headers: harness().auth(harness().tokens.partnerFull) });
  const nextOf = (link: unknown): string | null =>
    typeof link === 'string' ? (/^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? null) : null;

  beforeAll(async () => {
    const { app, auth, tokens } = harness();
    const created = await app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: auth(tokens.partnerFull),
      payload: {
        name: 'Rows BV',
        externalId: 'ROWS-1',
        adminEmail: 'beheer@rows.example',
        country: 'NL',
        packages: [{ id: 'webex_calling' }],
      },
    });
    const customerId = created.json().id as string;
    await harness().drainJobs();
    const csv = [
      'First Name,Last Name,User ID/Email (Required)',
      'Ann,Aa,ann@rows.example',
      'Bob,Bb,bob@rows.example',
      'Cor,Cc,cor@rows.example',
    ].join('\n');
    const upload = await app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/imports?dryRun=true`,
      headers: { ...auth(tokens.partnerFull), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(upload.statusCode, upload.body).toBe(202);
    await harness().drainJobs();
    base = `/v1/customers/${customerId}/imports/${upload.json().id}/rows`;
  });

  it.each([1, 2, 3, 4])('with max=%i walks rows 2-4 with no empty last page', async (max) => {
    const pages: number[][] = [];
    let url: string | null = `${base}?max=${max}`;
    while (url) {
      const response = await get(url);
      expect(response.statusCode, response.body).toBe(200);
      pages.push((response.json().items as { row: number }[]).map((item) => item.row));
      url = nextOf(response.headers.link);
      expect(pages.length).toBeLessThan(6);
    }
    expect(pages.flat()).toEqual([2, 3, 4]);
    expect(pages).toHaveLength(Math.ceil(3 / max));
  });
});

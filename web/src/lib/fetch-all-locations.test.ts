import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchAllLocations } from './fetch-all-locations.ts';

function jsonResponse(body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('fetchAllLocations', () => {
  it('asks for the largest page and follows Link rel="next" to the last location', async () => {
    const base = '/v1/customers/c%201/locations';
    const pages: Record<string, () => Response> = {
      [`${base}?max=200`]: () =>
        jsonResponse(
          { items: [{ name: 'A' }, { name: 'B' }] },
          { Link: `<${base}?max=200&cursor=b>; rel="next"` },
        ),
      [`${base}?max=200&cursor=b`]: () =>
        jsonResponse({ items: [{ name: 'C' }] }, { Link: `<${base}?max=200&cursor=c>; rel="next"` }),
      [`${base}?max=200&cursor=c`]: () => jsonResponse({ items: [{ name: 'D' }] }),
    };
    const fetchMock = vi.fn(async (url: string) => pages[url]?.() ?? new Response('{}', { status: 404 }));
    vi.stubGlobal('fetch', fetchMock);
    const locations = await fetchAllLocations<{ name: string }>('c 1');
    expect(locations.map((location) => location.name)).toEqual(['A', 'B', 'C', 'D']);
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(Object.keys(pages));
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchAll, fetchPage, send } from './api-client.ts';
import { ApiError, NetworkError, parseRetryAfter } from './api-error.ts';
import { parseNextLink } from './link-header.ts';

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('parseNextLink', () => {
  it.each([
    [null, null],
    ['', null],
    ['</v1/customers?cursor=abc>; rel="next"', '/v1/customers?cursor=abc'],
    ['</a?p=1>; rel="prev", </a?p=3>; rel="next"', '/a?p=3'],
    ['<https://hub.example/v1/x?c=2>; rel=next', 'https://hub.example/v1/x?c=2'],
    ['</a?p=1>; rel="prev"', null],
  ])('%s → %s', (header, expected) => {
    expect(parseNextLink(header)).toBe(expected);
  });
});

describe('send', () => {
  it('parses the error body into a typed error with its tracking id', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        jsonResponse(409, {
          message: 'Conflict',
          errors: [
            { description: 'The email is already associated with an existing user.', code: 'email_taken' },
          ],
          trackingId: 'trk-1',
        }),
      ),
    );
    const error = await send('/v1/x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      message: 'Conflict',
      trackingId: 'trk-1',
      code: 'email_taken',
    });
  });

  it('makes an error out of a body that is not JSON', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502 })),
    );
    const error = await send('/v1/x').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 502, message: 'HTTP 502', errors: [] });
  });

  it('sends JSON with the session cookie and drops empty query values', async () => {
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => jsonResponse(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    await send('/v1/things', {
      method: 'POST',
      body: { a: 1 },
      query: { search: 'x y', empty: '', none: undefined },
    });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/v1/things?search=x+y');
    expect(init?.credentials).toBe('include');
    expect(init?.body).toBe('{"a":1}');
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
  });
});

describe('fetchPage and fetchAll', () => {
  it('follows Link rel="next" until the last page', async () => {
    const pages: Record<string, Response> = {
      '/v1/items?limit=2': jsonResponse(200, { items: [1, 2] }, { Link: '</v1/items?cursor=b>; rel="next"' }),
      '/v1/items?cursor=b': jsonResponse(200, { items: [3] }),
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => pages[url] ?? jsonResponse(404, { message: 'missing' })),
    );
    const first = await fetchPage<number>('/v1/items', { limit: 2 });
    expect(first).toEqual({ items: [1, 2], next: '/v1/items?cursor=b' });
  });

  it('collects every page', async () => {
    const pages: Record<string, () => Response> = {
      '/v1/items': () => jsonResponse(200, { items: [1, 2] }, { Link: '</v1/items?cursor=b>; rel="next"' }),
      '/v1/items?cursor=b': () => jsonResponse(200, { items: [3] }),
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => pages[url]?.() ?? jsonResponse(404, {})),
    );
    expect(await fetchAll<number>('/v1/items')).toEqual([1, 2, 3]);
  });
});

describe('CSRF token', () => {
  it('fetches the token once and repeats a write refused for the lack of it', async () => {
    const { setCsrfToken } = await import('./csrf-token.ts');
    setCsrfToken(null);
    const seen: (string | null)[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (url === '/v1/auth/me') return jsonResponse(200, { admin: {}, csrfToken: 'csrf-1' });
        const token = new Headers(init?.headers).get('X-CSRF-Token');
        seen.push(token);
        return token === 'csrf-1'
          ? jsonResponse(202, { ok: true })
          : jsonResponse(403, { message: 'Missing CSRF' });
      }),
    );
    const { data } = await send('/v1/signup', { method: 'POST', body: { email: 'a@b.nl' } });
    expect(data).toEqual({ ok: true });
    expect(seen).toEqual([null, 'csrf-1']);
    setCsrfToken(null);
  });
});

describe('send when the server is away', () => {
  it('turns the browser’s network failure into a NetworkError, and passes an abort on', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(send('/v1/customers')).rejects.toBeInstanceOf(NetworkError);
    const controller = new AbortController();
    controller.abort();
    const abort = new DOMException('aborted', 'AbortError');
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(abort));
    await expect(send('/v1/customers', { signal: controller.signal })).rejects.toBe(abort);
  });

  it('keeps a 503’s Retry-After', async () => {
    vi.stubGlobal(
      'fetch',
      vi
        .fn()
        .mockResolvedValue(
          new Response('<html>busy</html>', { status: 503, headers: { 'Retry-After': '20' } }),
        ),
    );
    const error = await send('/v1/customers').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).retryAfterSeconds).toBe(20);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    [null, null],
    ['', null],
    ['120', 120],
    ['Fri, 27 Nov 2026 12:00:30 GMT', 30],
    ['soon', null],
  ])('%s → %s', (header, expected) => {
    expect(parseRetryAfter(header, Date.parse('Fri, 27 Nov 2026 12:00:00 GMT'))).toBe(expected);
  });
});

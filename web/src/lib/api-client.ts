import i18n from '../i18n/i18n.ts';
import { NetworkError, parseApiError, parseRetryAfter } from './api-error.ts';
import { getCsrfToken, setCsrfToken } from './csrf-token.ts';
import { parseNextLink } from './link-header.ts';

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: QueryParams;
  /** A plain object is sent as JSON; FormData, Blob and strings as they are. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface Page<T> {
  items: T[];
  /** The server's `Link: rel="next"` target, to be passed back to `fetchPage`. */
  next: string | null;
}

export function buildUrl(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  if (!text) return path;
  return path.includes('?') ? `${path}&${text}` : `${path}?${text}`;
}

function encodeBody(body: unknown, headers: Headers): BodyInit | undefined {
  if (body === undefined) return undefined;
  if (body instanceof FormData || body instanceof Blob || typeof body === 'string') return body;
  headers.set('Content-Type', 'application/json');
  return JSON.stringify(body);
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  return parseBodyText(await response.text(), response.headers.get('Content-Type'));
}

/** An answer's body as `send` reads it: JSON when it says so, else the text (shared with uploads). */
export function parseBodyText(text: string, contentType: string | null): unknown {
  if (!text) return undefined;
  const type = contentType ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * The headers every request of the app sends: JSON accepted, the page's language, and the CSRF
 * token on a write. Shared with the upload, which goes by XMLHttpRequest for its progress.
 */
export function requestHeaders(method: string, extra?: Record<string, string>): Headers {
  const headers = new Headers(extra);
  headers.set('Accept', headers.get('Accept') ?? 'application/json');
  headers.set('Accept-Language', i18n.language?.startsWith('nl') ? 'nl' : 'en');
  const csrfToken = getCsrfToken();
  if (method !== 'GET' && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  return headers;
}

/** Sends one request with the session cookie; answers the parsed body and the raw response. */
export async function send(
  path: string,
  options: RequestOptions = {},
): Promise<{ data: unknown; response: Response }> {
  const method = options.method ?? 'GET';
  const csrfToken = getCsrfToken();
  const headers = requestHeaders(method, options.headers);
  const init: RequestInit = {
    method,
    credentials: 'include',
    headers,
    body: encodeBody(options.body, headers),
  };
  if (options.signal) init.signal = options.signal;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), init);
  } catch (error) {
    // An abort is the caller's own doing (TanStack Query cancelling a query): pass it on as it is.
    if (options.signal?.aborted || (error instanceof Error && error.name === 'AbortError')) throw error;
    throw new NetworkError(error);
  }
  const data = await readBody(response);
  if (response.status === 403 && method !== 'GET' && !csrfToken && (await refreshCsrfToken())) {
    // A page opened without the shell (sign-up, a reload) has a session cookie but no CSRF token
    // yet: fetch it once and send the write again.
    return send(path, options);
  }
  if (!response.ok) {
    throw parseApiError(
      response.status,
      data,
      response.headers.get('trackingId'),
      parseRetryAfter(response.headers.get('Retry-After')),
    );
  }
  return { data, response };
}

/** Fetches the session's CSRF token once (a page opened without the shell has none yet). */
export async function refreshCsrfToken(): Promise<boolean> {
  try {
    const response = await fetch('/v1/auth/me', {
      credentials: 'include',
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) return false;
    const body = (await response.json()) as { csrfToken?: string | null };
    setCsrfToken(body.csrfToken ?? null);
    return Boolean(body.csrfToken);
  } catch {
    return false;
  }
}

/** The usual call: the body typed as the caller expects it (the server's schemas are the contract). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { data } = await send(path, options);
  return data as T;
}

/** One page of a list endpoint (`{items}` plus `Link: rel="next"`). Pass `next` back as `path`. */
export async function fetchPage<T>(
  path: string,
  query?: QueryParams,
  signal?: AbortSignal,
): Promise<Page<T>> {
  const options: RequestOptions = {};
  if (query) options.query = query;
  if (signal) options.signal = signal;
  const { data, response } = await send(path, options);
  const items = (data as { items?: T[] } | undefined)?.items ?? [];
  return { items, next: parseNextLink(response.headers.get('Link')) };
}

/** Follows `Link: rel="next"` until the end, for small lists such as locations (capped, to stay safe). */
export async function fetchAll<T>(path: string, query?: QueryParams, maxPages = 50): Promise<T[]> {
  const all: T[] = [];
  let page = await fetchPage<T>(path, query);
  all.push(...page.items);
  for (let count = 1; page.next && count < maxPages; count += 1) {
    page = await fetchPage<T>(page.next);
    all.push(...page.items);
  }
  return all;
}

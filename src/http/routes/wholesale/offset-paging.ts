// Offset paging of the Wholesale API's lists (SPEC §7): the page is `max` items from `offset`, and
// when more follow, a `Link: <…?offset=…&max=…>; rel="next"` header points to the next page, as the
// public API's pagination does. One extra row is read to know whether another page exists.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app.ts';
import { publicUrlOf } from '../public-url.ts';

export interface OffsetPageQuery {
  readonly offset: number;
  readonly max: number;
}

/** The `Link` value of the page after this one: the same request with the next offset. */
export function nextPageLink(baseUrl: string, requestUrl: string, page: OffsetPageQuery): string {
  const url = new URL(requestUrl, 'http://placeholder');
  url.searchParams.set('offset', String(page.offset + page.max));
  url.searchParams.set('max', String(page.max));
  return `<${baseUrl}${url.pathname}${url.search}>; rel="next"`;
}

/**
 * Reads one page through `read(limit)` (which must honour `page.offset`), sets the next-page
 * `Link` header when a further item exists, and answers the page's items.
 */
export async function offsetPage<T>(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  page: OffsetPageQuery,
  read: (limit: number) => Promise<T[]>,
): Promise<T[]> {
  const rows = await read(page.max + 1);
  if (rows.length > page.max) {
    reply.header('link', nextPageLink(publicUrlOf(app, request), request.url, page));
  }
  return rows.slice(0, page.max);
}

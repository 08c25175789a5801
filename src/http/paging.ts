// Lists answer {items} and point to the next page with `Link: <…>; rel="next"` (SPEC §7).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_LIST_OFFSET, MAX_PAGE_SIZE } from '../services/paging.ts';

// `max` before `cursor`: an unknown parameter's 400 lists the accepted ones in this order, the
// filters first, then the page size, then the cursor that only a Link header gives.
export const pageQuery = {
  max: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .describe(
      `Items per page, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}); \`Link: rel="next"\` points to the next page`,
    ),
  cursor: z.string().optional().describe("Opaque cursor from the previous page's Link header"),
};

/**
 * A page by position and an opt-in total, for a list whose UI jumps to page N (the users list, ADR
 * 0094): after the cursor in the 400's list of accepted parameters.
 */
export const offsetQuery = {
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_LIST_OFFSET)
    .optional()
    .describe(
      `Items to skip, 0 to ${MAX_LIST_OFFSET}: page N of \`max\` items is \`offset=(N-1)×max\`. Not together with \`cursor\` (400); \`Link: rel="next"\` still points on with a cursor`,
    ),
  count: z
    .enum(['true', 'false'])
    .optional()
    .describe(
      'With `true`, the answer has `X-Total-Count`: the items matching the search and filters on all pages. Counted only when asked',
    ),
};

/** The response headers of a list that takes `offsetQuery`. */
export const offsetPageHeaders = {
  Link: { type: 'string', description: 'When more items follow: `<…?cursor=…>; rel="next"`, the next page.' },
  'X-Total-Count': {
    type: 'string',
    description: 'Only with `count=true`: how many items match the search and filters, on all pages.',
  },
} as const;

export function setNextLink(request: FastifyRequest, reply: FastifyReply, nextCursor: string | null): void {
  if (!nextCursor) return;
  const url = new URL(request.url, 'http://placeholder');
  // The next page is after the cursor; an offset beside it would be refused.
  url.searchParams.delete('offset');
  url.searchParams.set('cursor', nextCursor);
  reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
}

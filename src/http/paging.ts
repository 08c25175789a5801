// Lists answer {items} and point to the next page with `Link: <…>; rel="next"` (SPEC §7).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../services/paging.ts';

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

export function setNextLink(request: FastifyRequest, reply: FastifyReply, nextCursor: string | null): void {
  if (!nextCursor) return;
  const url = new URL(request.url, 'http://placeholder');
  url.searchParams.set('cursor', nextCursor);
  reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
}

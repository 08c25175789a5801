// /v1/customers/{customerId}/claims: list the free accounts of the customer's verified domains,
// claim up to 250 at once, or any number from a CSV file (SPEC §5).
import { z } from 'zod';
import { PACKAGE_IDS } from '../../domain/packages/catalog.ts';
import {
  claimUsers,
  claimUsersFromCsv,
  listClaimable,
  type ClaimResult,
} from '../../services/claims/claims.ts';
import { MAX_CLAIM } from '../../services/provisioning/add-users.ts';
import type { App } from '../app.ts';
import { toErrorResponse } from '../errors.ts';
import { closeUnreadUpload, refuseDeclaredTooLarge } from '../upload-size-guard.ts';
import { setNextLink } from '../paging.ts';
import { customerParams, errorResponse, errorResponses } from '../schemas/common.ts';
import { refuseUnconsumedMediaType } from '../schemas/upload-body.ts';
import { warningOutput } from './user-lifecycle-schemas.ts';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { isAppError } from '../../domain/errors.ts';

const claimOutput = z.object({
  counts: z.object({ claimed: z.number(), failed: z.number() }),
  results: z.array(
    z.object({
      email: z.string(),
      result: z.enum(['claimed', 'failed']),
      userId: z.string().optional(),
      errors: z.array(z.object({ code: z.string(), description: z.string(), field: z.string().optional() })),
      warnings: z
        .array(warningOutput)
        .describe(
          'What did not block the claim of this user, as create and the batch answer it, in the request language: e.g. preferred_site_missing when the package needs a preferred Webex site and the customer has no default one; empty for a failed claim and for one without a package',
        ),
    }),
  ),
});

function present(request: FastifyRequest, results: readonly ClaimResult[]) {
  return {
    counts: {
      claimed: results.filter((r) => r.result === 'claimed').length,
      failed: results.filter((r) => r.result === 'failed').length,
    },
    results: results.map((result) => ({
      email: result.email,
      result: result.result,
      ...(result.userId ? { userId: result.userId } : {}),
      errors: result.error ? toErrorResponse(request, result.error).body.errors : [],
      warnings: [...result.warnings],
    })),
  };
}

export async function claimRoutes(app: App): Promise<void> {
  // The raw bytes go to the service, which reads them as the users import reads its file (its
  // encodings too: a string parser would decode a Windows-1252 file as UTF-8) and enforces the
  // size limit itself (413), as the import does.
  app.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));

  app.get(
    '/v1/customers/:customerId/claims',
    {
      schema: {
        tags: ['claims'],
        summary: 'List claimable free accounts (in verified domains)',
        params: customerParams,
        querystring: z.object({
          cursor: z.string().optional(),
          max: z.coerce.number().int().min(1).max(MAX_CLAIM).default(50),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                email: z.string(),
                firstName: z.string().nullable(),
                lastName: z.string().nullable(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const page = await listClaimable(request.serviceContext(), request.params.customerId, {
        after: request.query.cursor,
        max: request.query.max,
      });
      setNextLink(request, reply, page.nextCursor);
      return { items: page.items };
    },
  );

  app.post(
    '/v1/customers/:customerId/claims',
    {
      schema: {
        tags: ['claims'],
        summary: `Claim up to ${MAX_CLAIM} free accounts (by id or email)`,
        params: customerParams,
        body: z.strictObject({
          accountIds: z.array(z.string()).optional(),
          emails: z.array(z.string()).optional(),
          package: z
            .enum(PACKAGE_IDS)
            .optional()
            .describe("Default: the customer's package template; none: no package"),
        }),
        response: { 200: claimOutput, ...errorResponses },
      },
    },
    async (request) =>
      present(request, await claimUsers(request.serviceContext(), request.params.customerId, request.body)),
  );

  app.post(
    '/v1/customers/:customerId/claims/csv',
    {
      schema: {
        tags: ['claims'],
        summary: 'Claim any number of free accounts listed in a CSV file (text/csv body)',
        // The document's media type of the body: the one parser above (swagger only, not Fastify).
        consumes: ['text/csv'],
        params: customerParams,
        querystring: z.object({ package: z.enum(PACKAGE_IDS).optional() }),
        description:
          'CSV with a "User ID/Email (Required)" or "email" column, read as the user CSV import reads its file.',
        // The file's size limit is the service's (above), not a route bodyLimit, so the
        // document's rules (openapi-rules.ts) do not see it: the 413 is listed here, as the
        // imports upload lists its own. The body is documented from `consumes`.
        response: { 200: claimOutput, 413: errorResponse, ...errorResponses },
      },
      // Only the media types of `consumes`: a JSON string would otherwise be read as the file (415).
      // Then a Content-Length over the limit (413), before the body is read.
      preParsing: [refuseUnconsumedMediaType, refuseDeclaredTooLarge(app.config.importMaxBytes)],
    },
    async (request, reply) => {
      // No body at all (no Content-Type either) is an empty file.
      const file = request.body instanceof Readable ? request.body : '';
      const results = await claimUsersFromCsv(
        request.serviceContext(),
        request.params.customerId,
        file,
        request.query.package,
        app.config.importMaxBytes,
      ).catch((error: unknown) => {
        // Cut off at the limit: the rest of the body is never read.
        if (isAppError(error) && error.code === 'payload_too_large') closeUnreadUpload(reply);
        throw error;
      });
      return present(request, results);
    },
  );
}

// /v1/customers/{customerId}/scim-tokens and …/directory-sync: the admin side of SCIM (SPEC §7).
// Ordinary admin API routes (admin authentication, the admin error body), kept beside the SCIM edge.
import { z } from 'zod';
import type { App } from '../../http/app.ts';
import { pageQuery, setNextLink } from '../../http/paging.ts';
import { customerParams, errorResponses } from '../../http/schemas/common.ts';
import {
  createScimToken,
  getDirectorySync,
  listScimTokenViews,
  revokeScimTokenById,
  rotateScimToken,
  setDirectorySync,
} from '../../services/scim/scim-token-service.ts';

const tokenOutput = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdBy: z.string().nullable(),
    createdByTokenId: z
      .string()
      .nullable()
      .describe(
        'The API token this one was created with; null when created by a person or before this was recorded. Revoking that token revokes this one too.',
      ),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    active: z.boolean(),
  })
  .describe('ScimToken');

const createdTokenOutput = z
  .object({
    token: z.string().describe('Shown once; send it as "Authorization: Bearer <token>"'),
    tokenInfo: tokenOutput,
  })
  .describe('CreatedScimToken');

const syncOutput = z
  .object({ customerId: z.string(), enabled: z.boolean(), scimBasePath: z.string() })
  .describe('DirectorySync');

const tokenParams = customerParams.extend({ tokenId: z.string().min(1) });

export async function scimAdminRoutes(app: App): Promise<void> {
  app.get(
    '/v1/customers/:customerId/scim-tokens',
    {
      schema: {
        tags: ['directory sync'],
        summary: 'List SCIM tokens',
        params: customerParams,
        querystring: z.object(pageQuery),
        response: { 200: z.object({ items: z.array(tokenOutput) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const page = await listScimTokenViews(request.serviceContext(), request.params.customerId, {
        cursor: request.query.cursor,
        limit: request.query.max,
      });
      setNextLink(request, reply, page.nextCursor);
      return { items: [...page.items] };
    },
  );

  app.post(
    '/v1/customers/:customerId/scim-tokens',
    {
      schema: {
        tags: ['directory sync'],
        summary: 'Create a SCIM token (shown once)',
        params: customerParams,
        body: z
          .object({
            name: z.string().max(200).optional(),
            expiresAt: z.string().datetime({ offset: true }).optional(),
          })
          .optional(),
        response: { 201: createdTokenOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createScimToken(
        request.serviceContext(),
        request.params.customerId,
        request.body ?? {},
      );
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/v1/customers/:customerId/scim-tokens/:tokenId/rotate',
    {
      schema: {
        tags: ['directory sync'],
        summary: 'Rotate a SCIM token: a new token replaces it, the old one stops working',
        params: tokenParams,
        response: { 201: createdTokenOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await rotateScimToken(
        request.serviceContext(),
        request.params.customerId,
        request.params.tokenId,
      );
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/v1/customers/:customerId/scim-tokens/:tokenId',
    {
      schema: {
        tags: ['directory sync'],
        summary: 'Revoke a SCIM token',
        params: tokenParams,
        response: { 200: tokenOutput, ...errorResponses },
      },
    },
    async (request) =>
      revokeScimTokenById(request.serviceContext(), request.params.customerId, request.params.tokenId),
  );

  app.get(
    '/v1/customers/:customerId/directory-sync',
    {
      schema: {
        tags: ['directory sync'],
        summary: 'Directory sync status',
        params: customerParams,
        response: { 200: syncOutput, ...errorResponses },
      },
    },
    async (request) => getDirectorySync(request.serviceContext(), request.params.customerId),
  );

  app.post(
    '/v1/customers/:customerId/directory-sync',
    {
      schema: {
        tags: ['directory sync'],
        summary: 'Enable directory sync (SCIM); names and emails become read-only in CSV and UI',
        params: customerParams,
        response: { 200: syncOutput, ...errorResponses },
      },
    },
    async (request) => setDirectorySync(request.serviceContext(), request.params.customerId, true),
  );

  app.put(
    '/v1/customers/:customerId/directory-sync',
    {
      schema: {
        tags: ['directory sync'],
        summary: 'Enable or disable directory sync',
        params: customerParams,
        body: z.object({ enabled: z.boolean() }),
        response: { 200: syncOutput, ...errorResponses },
      },
    },
    async (request) =>
      setDirectorySync(request.serviceContext(), request.params.customerId, request.body.enabled),
  );

  app.delete(
    '/v1/customers/:customerId/directory-sync',
    {
      schema: {
        tags: ['directory sync'],
        summary: 'Disable directory sync',
        params: customerParams,
        response: { 200: syncOutput, ...errorResponses },
      },
    },
    async (request) => setDirectorySync(request.serviceContext(), request.params.customerId, false),
  );
}

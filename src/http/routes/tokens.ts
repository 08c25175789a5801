// /v1/tokens: API tokens (SPEC §1, §7). The secret is in the create answer only.
import { z } from 'zod';
import {
  createToken,
  getTokenView,
  listTokenViews,
  revokeToken,
} from '../../services/tokens/token-service.ts';
import type { App } from '../app.ts';
import { pageQuery, setNextLink } from '../paging.ts';
import { errorResponses } from '../schemas/common.ts';
import { roleSchema } from './admins.ts';

const tokenOutput = z
  .object({
    id: z.string(),
    name: z.string(),
    role: roleSchema,
    customerId: z.string().nullable(),
    customerName: z.string().nullable().describe('Name of the customer a customer token acts for'),
    prefix: z.string().describe('First characters of the token, to tell tokens apart'),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    createdAt: z.string(),
    createdByTokenId: z
      .string()
      .nullable()
      .describe(
        'The API token this one was created with; null when created by a person or before this was recorded. Revoking that token revokes this one too.',
      ),
  })
  .describe('ApiToken');

const tokenParams = z.object({ tokenId: z.string().min(1) });

export async function tokenRoutes(app: App): Promise<void> {
  app.get(
    '/v1/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'List API tokens (never the secret)',
        querystring: z.object({
          customerId: z.string().optional().describe("Only this customer's tokens (id or externalId)"),
          ...pageQuery,
        }),
        response: { 200: z.object({ items: z.array(tokenOutput) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const page = await listTokenViews(request.serviceContext(), {
        cursor: request.query.cursor,
        limit: request.query.max,
        customerId: request.query.customerId,
      });
      setNextLink(request, reply, page.nextCursor);
      return { items: [...page.items] };
    },
  );

  app.post(
    '/v1/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token (the token is shown once)',
        body: z.strictObject({
          name: z.string().trim().min(1).max(100),
          role: roleSchema,
          customerId: z.string().optional().describe('Required for the customer roles'),
          expiresAt: z.iso.datetime({ offset: true }).optional(),
        }),
        response: {
          201: tokenOutput.extend({ token: z.string().describe('Shown once; store it now') }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { expiresAt, ...rest } = request.body;
      const created = await createToken(request.serviceContext(), {
        ...rest,
        ...(expiresAt ? { expiresAt: new Date(expiresAt) } : {}),
      });
      return reply.status(201).header('location', `/v1/tokens/${created.id}`).send(created);
    },
  );

  app.get(
    '/v1/tokens/:tokenId',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Get an API token (never the secret)',
        params: tokenParams,
        response: { 200: tokenOutput, ...errorResponses },
      },
    },
    async (request) => getTokenView(request.serviceContext(), request.params.tokenId),
  );

  app.delete(
    '/v1/tokens/:tokenId',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token (it stops working at once)',
        params: tokenParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await revokeToken(request.serviceContext(), request.params.tokenId);
      return reply.status(204).send(null);
    },
  );
}

// /v1/customers/{customerId}/domains: email domains the customer proves with a DNS TXT record
// (SPEC §5), so that free accounts in them can be claimed.
import { z } from 'zod';
import { addDomain, listDomains, removeDomain, verifyDomain } from '../../services/claims/domains.ts';
import type { App } from '../app.ts';
import { pageQuery, setNextLink } from '../paging.ts';
import { customerParams, errorResponses } from '../schemas/common.ts';

const domainOutput = z
  .object({
    id: z.string(),
    domain: z.string(),
    status: z.enum(['pending', 'verified']),
    verified: z.boolean(),
    token: z.string(),
    txtRecord: z.object({ type: z.literal('TXT'), name: z.string(), value: z.string() }),
    verifiedAt: z.string().nullable(),
    lastCheckedAt: z.string().nullable(),
  })
  .describe('Domain');

const domainParams = customerParams.extend({ domain: z.string().min(1).describe('Domain name or id') });

export async function domainRoutes(app: App): Promise<void> {
  app.get(
    '/v1/customers/:customerId/domains',
    {
      schema: {
        tags: ['claims'],
        summary: "List the customer's email domains and their TXT records",
        params: customerParams,
        querystring: z.object(pageQuery),
        response: { 200: z.object({ items: z.array(domainOutput) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const page = await listDomains(request.serviceContext(), request.params.customerId, {
        cursor: request.query.cursor,
        limit: request.query.max,
      });
      setNextLink(request, reply, page.nextCursor);
      return { items: [...page.items] };
    },
  );

  app.post(
    '/v1/customers/:customerId/domains',
    {
      schema: {
        tags: ['claims'],
        summary: 'Add a domain: answers the TXT record to publish',
        params: customerParams,
        body: z.strictObject({ domain: z.string().min(1).max(253) }),
        response: { 201: domainOutput, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addDomain(request.serviceContext(), request.params.customerId, request.body.domain)),
  );

  app.post(
    '/v1/customers/:customerId/domains/:domain/verify',
    {
      schema: {
        tags: ['claims'],
        summary: 'Look up the TXT record now; the domain stays pending until it is found',
        params: domainParams,
        response: { 200: domainOutput, ...errorResponses },
      },
    },
    async (request) =>
      verifyDomain(request.serviceContext(), request.params.customerId, request.params.domain),
  );

  app.delete(
    '/v1/customers/:customerId/domains/:domain',
    {
      schema: {
        tags: ['claims'],
        summary: 'Remove a domain',
        params: domainParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeDomain(request.serviceContext(), request.params.customerId, request.params.domain);
      return reply.status(204).send(null);
    },
  );
}

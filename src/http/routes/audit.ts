// /v1/customers/{customerId}/audit: the customer's audit log, newest first (SPEC §1).
import { z } from 'zod';
import { listCustomerAudit } from '../../services/audit/list-audit.ts';
import type { App } from '../app.ts';
import { pageQuery, setNextLink } from '../paging.ts';
import { customerParams, errorResponses } from '../schemas/common.ts';

const auditEventOutput = z
  .object({
    id: z.number(),
    occurredAt: z.string(),
    actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
    customerId: z.string().nullable(),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string().nullable() }),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    requestId: z.string().nullable(),
    jobId: z.string().nullable(),
    locationNames: z
      .record(z.string(), z.string())
      .describe(
        "The current names of this customer's locations the event refers to (a locationId in before or after, a location target), by location id. A deleted location has no entry.",
      ),
  })
  .describe('AuditEvent');

export async function auditRoutes(app: App): Promise<void> {
  app.get(
    '/v1/customers/:customerId/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'List the audit log of a customer',
        params: customerParams,
        querystring: z.object({
          action: z.string().max(100).optional().describe('Action prefix, e.g. user.'),
          ...pageQuery,
        }),
        response: { 200: z.object({ items: z.array(auditEventOutput) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { max, ...filter } = request.query;
      const page = await listCustomerAudit(request.serviceContext(), request.params.customerId, {
        ...filter,
        limit: max,
      });
      setNextLink(request, reply, page.nextCursor);
      return { items: [...page.items] };
    },
  );
}

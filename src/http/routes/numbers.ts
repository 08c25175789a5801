// /v1/customers/{customerId}/numbers: the phone number inventory (SPEC §4).
import { z } from 'zod';
import { addNumbers, listNumbers, removeNumbers } from '../../services/numbers/number-service.ts';
import type { App } from '../app.ts';
import { pageQuery, setNextLink } from '../paging.ts';
import { customerParams, errorResponses } from '../schemas/common.ts';
import { addRetryAfter } from './retry-after.ts';

const numberOutput = z
  .object({
    phoneNumber: z.string(),
    locationId: z.string(),
    locationName: z.string(),
    state: z.enum(['free', 'taken']),
    userId: z.string().nullable(),
    userEmail: z.string().nullable(),
  })
  .describe('PhoneNumber');

export async function numberRoutes(app: App): Promise<void> {
  // Adding numbers of other organizations is a limited probe (ADR 0074): its 429 says when to retry.
  addRetryAfter(app);
  app.get(
    '/v1/customers/:customerId/numbers',
    {
      schema: {
        tags: ['numbers'],
        summary: 'List numbers (free, taken or all)',
        params: customerParams,
        querystring: z.object({
          location: z.string().optional().describe('Location id or name'),
          state: z.enum(['free', 'taken']).optional(),
          ...pageQuery,
        }),
        response: { 200: z.object({ items: z.array(numberOutput) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { max, ...filter } = request.query;
      const page = await listNumbers(request.serviceContext(), request.params.customerId, {
        ...filter,
        limit: max,
      });
      setNextLink(request, reply, page.nextCursor);
      return { items: [...page.items] };
    },
  );

  app.post(
    '/v1/customers/:customerId/numbers',
    {
      schema: {
        tags: ['numbers'],
        summary: 'Add numbers or ranges to a location',
        params: customerParams,
        body: z.strictObject({
          location: z.string().min(1).describe('Location id or name'),
          numbers: z
            .array(z.string().min(1))
            .min(1)
            .max(1000)
            .describe('Numbers or ranges such as +31201234500-+31201234599'),
        }),
        response: {
          201: z.object({ added: z.number(), alreadyPresent: z.number(), numbers: z.array(z.string()) }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await addNumbers(
        request.serviceContext(),
        request.params.customerId,
        request.body.location,
        request.body.numbers,
      );
      return reply.status(201).send({ ...result, numbers: [...result.numbers] });
    },
  );

  app.post(
    '/v1/customers/:customerId/numbers/remove',
    {
      schema: {
        tags: ['numbers'],
        summary: 'Remove free numbers or ranges (all or none)',
        params: customerParams,
        body: z.strictObject({
          location: z
            .string()
            .min(1)
            .optional()
            .describe(
              "Location id or name: national numbers are read with its country, and only its numbers are removed. Without it, a national number that the customer's locations' countries read as different numbers is refused as ambiguous.",
            ),
          numbers: z
            .array(z.string().min(1))
            .min(1)
            .max(10_000)
            .describe('Numbers or ranges such as +31201234500-+31201234599'),
        }),
        response: { 200: z.object({ removed: z.array(z.string()) }), ...errorResponses },
      },
    },
    async (request) => ({
      removed: await removeNumbers(request.serviceContext(), request.params.customerId, request.body),
    }),
  );
}

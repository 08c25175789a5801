// /v1/wholesale/subscribers (SPEC §7): list (max 50 by default, at most 100), provision, get,
// update, remove — the public shapes, the public status enum and `{errorCode, description}`.
import {
  createWholesaleSubscriber,
  deleteWholesaleSubscriber,
  listWholesaleSubscribers,
  requireSubscriber,
  toPublic,
  updateWholesaleSubscriber,
} from '../../../services/provisioning/wholesale-subscribers.ts';
import type { App } from '../../app.ts';
import { TAG, noContentSchema, publicErrorResponses, resourcePath } from './common.ts';
import { offsetPage } from './offset-paging.ts';
import {
  subscriberWithLocationSchema,
  subscriberCreateSchema,
  subscriberIdParamsSchema,
  subscriberListQuerySchema,
  subscriberListSchema,
  subscriberUpdateSchema,
  onBehalfQuerySchema,
} from './schemas.ts';

// The public Subscriber has no `warnings` (only a customer's package carries them, of its
// background provisioning): the rules' warnings stay out of the public answer.
const NO_WARNINGS =
  'The answer is the public Subscriber, which has no `warnings`: what the rules accept with a warning (a `primaryPhoneNumber` that lost its `+`, no preferred Webex site) is applied as on the admin API, whose user create, batch, PATCH and PUT …/package answer those warnings.';

export async function wholesaleSubscriberRoutes(app: App): Promise<void> {
  app.get(
    '/v1/wholesale/subscribers',
    {
      schema: {
        tags: [TAG],
        summary: 'List Wholesale Subscribers',
        querystring: subscriberListQuerySchema,
        response: { 200: subscriberListSchema, ...publicErrorResponses },
      },
    },
    async (request, reply) => ({
      items: await offsetPage(app, request, reply, request.query, (max) =>
        listWholesaleSubscribers(request.serviceContext(), { ...request.query, max }),
      ),
    }),
  );

  app.post(
    '/v1/wholesale/subscribers',
    {
      schema: {
        tags: [TAG],
        summary: 'Provision a Wholesale Subscriber (202 while a free account waits for consent)',
        description: NO_WARNINGS,
        querystring: onBehalfQuerySchema,
        body: subscriberCreateSchema,
        response: {
          200: subscriberWithLocationSchema,
          202: subscriberWithLocationSchema,
          ...publicErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const subscriber = await createWholesaleSubscriber(request.serviceContext(), request.body);
      return reply
        .status(subscriber.status === 'pending_user_migration' ? 202 : 200)
        .header('location', resourcePath('subscribers', subscriber.id))
        .send(subscriber);
    },
  );

  app.get(
    '/v1/wholesale/subscribers/:subscriberId',
    {
      schema: {
        tags: [TAG],
        summary: 'Get a Wholesale Subscriber',
        params: subscriberIdParamsSchema,
        querystring: onBehalfQuerySchema,
        response: { 200: subscriberWithLocationSchema, ...publicErrorResponses },
      },
    },
    async (request, reply) => {
      const row = await requireSubscriber(request.serviceContext(), request.params.subscriberId);
      return reply.header('location', resourcePath('subscribers', row.id)).send(toPublic(row));
    },
  );

  app.put(
    '/v1/wholesale/subscribers/:subscriberId',
    {
      schema: {
        tags: [TAG],
        summary: 'Update a Wholesale Subscriber (change the package)',
        description: NO_WARNINGS,
        params: subscriberIdParamsSchema,
        querystring: onBehalfQuerySchema,
        body: subscriberUpdateSchema,
        response: { 200: subscriberWithLocationSchema, ...publicErrorResponses },
      },
    },
    async (request, reply) => {
      const subscriber = await updateWholesaleSubscriber(
        request.serviceContext(),
        request.params.subscriberId,
        request.body,
      );
      return reply.header('location', resourcePath('subscribers', subscriber.id)).send(subscriber);
    },
  );

  app.delete(
    '/v1/wholesale/subscribers/:subscriberId',
    {
      schema: {
        tags: [TAG],
        summary: 'Remove a Wholesale Subscriber',
        params: subscriberIdParamsSchema,
        querystring: onBehalfQuerySchema,
        response: { 204: noContentSchema('No Content'), ...publicErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteWholesaleSubscriber(request.serviceContext(), request.params.subscriberId);
      return reply.status(204).send(undefined);
    },
  );
}

// /v1/wholesale/subscribers (SPEC §7): list (max 50 by default, at most 100), provision, get,
// update, remove — the public shapes, the public status enum and `{errorCode, description}`.
import { z } from 'zod';
import {
  createWholesaleSubscriber,
  deleteWholesaleSubscriber,
  listWholesaleSubscribers,
  requireSubscriber,
  toPublic,
  updateWholesaleSubscriber,
} from '../../../services/provisioning/wholesale-subscribers.ts';
import type { App } from '../../app.ts';
import { TAG, publicErrorResponses, resourcePath } from './common.ts';
import {
  publicSubscriberSchema,
  subscriberCreateSchema,
  subscriberIdParamsSchema,
  subscriberListQuerySchema,
  subscriberListSchema,
  subscriberUpdateSchema,
} from './schemas.ts';

const onBehalf = z.object({ onBehalfOfSubPartnerOrgId: z.string().optional() });

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
    async (request) => ({ items: await listWholesaleSubscribers(request.serviceContext(), request.query) }),
  );

  app.post(
    '/v1/wholesale/subscribers',
    {
      schema: {
        tags: [TAG],
        summary: 'Provision a Wholesale Subscriber (202 while a free account waits for consent)',
        querystring: onBehalf,
        body: subscriberCreateSchema,
        response: { 200: publicSubscriberSchema, 202: publicSubscriberSchema, ...publicErrorResponses },
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
        querystring: onBehalf,
        response: { 200: publicSubscriberSchema, ...publicErrorResponses },
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
        params: subscriberIdParamsSchema,
        querystring: onBehalf,
        body: subscriberUpdateSchema,
        response: { 200: publicSubscriberSchema, ...publicErrorResponses },
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
        querystring: onBehalf,
        response: { 204: z.null().describe('No content'), ...publicErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteWholesaleSubscriber(request.serviceContext(), request.params.subscriberId);
      return reply.status(204).send(null);
    },
  );
}

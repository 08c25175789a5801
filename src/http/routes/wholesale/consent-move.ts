// POST /v1/subscribers/{subscriberId}/emails/consentMove (as in the public API): re-sends the
// consent email to a subscriber still in `pending_user_migration`; 204.
import { resendWholesaleConsent } from '../../../services/provisioning/wholesale-subscribers.ts';
import type { App } from '../../app.ts';
import { TAG, noContentSchema, publicErrorResponses } from './common.ts';
import { onBehalfQuerySchema, subscriberIdParamsSchema } from './schemas.ts';

export async function consentMoveRoutes(app: App): Promise<void> {
  app.post(
    '/v1/subscribers/:subscriberId/emails/consentMove',
    {
      schema: {
        tags: [TAG],
        summary: 'Send the consent move email to a subscriber in pending_user_migration',
        params: subscriberIdParamsSchema,
        querystring: onBehalfQuerySchema,
        response: { 204: noContentSchema('No Content'), ...publicErrorResponses },
      },
    },
    async (request, reply) => {
      await resendWholesaleConsent(request.serviceContext(), request.params.subscriberId);
      return reply.status(204).send(undefined);
    },
  );
}

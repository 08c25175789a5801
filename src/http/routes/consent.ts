// POST /v1/consent: the person behind a free account consents to the move into a customer (the
// signed link of the consent email is the credential, SPEC §5). Public, rate-limited per IP.
import { z } from 'zod';
import { acceptConsent } from '../../services/accounts/consent.ts';
import type { App } from '../app.ts';
import { perClientLimit } from '../rate-limit/per-client-limit.ts';
import { errorResponses } from '../schemas/common.ts';
import { PUBLIC_ROUTE_BODY_LIMIT } from './public-body-limit.ts';

export async function consentRoutes(app: App): Promise<void> {
  app.post(
    '/v1/consent',
    {
      bodyLimit: PUBLIC_ROUTE_BODY_LIMIT,
      config: {
        public: true,
        rateLimit: perClientLimit('consent', app.config.rateLimits.loginPerMinute),
      },
      schema: {
        tags: ['accounts'],
        summary: 'Consent to moving your account into an organization (token from the consent email)',
        security: [],
        body: z.object({ token: z.string().min(1).max(2000) }),
        response: {
          200: z.object({
            result: z.enum(['moved', 'already_moved']),
            email: z.string(),
            customerName: z.string(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => acceptConsent(app.database.db, request.body.token),
  );
}

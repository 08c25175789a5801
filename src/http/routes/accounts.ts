// Free accounts (SPEC §5): self sign-up with email verification through the outbox (public,
// rate-limited per IP like sign-in), and creation by the operator.
import { z } from 'zod';
import { createFreeAccount, requestSignUp, verifySignup } from '../../services/accounts/free-accounts.ts';
import { freeAccountInputSchema } from '../../services/accounts/sign-up-request.ts';
import type { App } from '../app.ts';
import { localeOf } from '../locale.ts';
import { perClientLimit } from '../rate-limit/per-client-limit.ts';
import { errorResponses } from '../schemas/common.ts';
import { PUBLIC_ROUTE_BODY_LIMIT } from './public-body-limit.ts';
import { emailLinkBase } from './public-url.ts';

const freeAccountOutput = z
  .object({
    id: z.string(),
    email: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    source: z.enum(['signup', 'operator']),
    status: z.enum(['unverified', 'active']),
    createdAt: z.string(),
  })
  .describe('FreeAccount');

export async function accountRoutes(app: App): Promise<void> {
  // Both paths of the step count in one bucket.
  const perIpLimit = perClientLimit('sign-up', app.config.rateLimits.loginPerMinute);

  // `/v1/auth/signup` is the web app's path for the same step; a password it sends is not kept:
  // a free account signs in to Webex, not to the hub.
  for (const url of ['/v1/signup', '/v1/auth/signup']) {
    app.post(
      url,
      {
        bodyLimit: PUBLIC_ROUTE_BODY_LIMIT,
        config: { public: true, rateLimit: perIpLimit },
        schema: {
          tags: ['accounts'],
          summary: 'Sign up for a free account (a verification link is emailed)',
          security: [],
          body: freeAccountInputSchema.extend({ password: z.string().max(200).optional() }),
          response: { 202: z.object({ message: z.string() }), ...errorResponses },
          ...(url === '/v1/auth/signup' ? { hide: true } : {}),
        },
      },
      async (request, reply) => {
        // Only a job is queued: the answer, and the time it takes, are the same whether or not the
        // email is taken (the job looks it up and does the work).
        await requestSignUp(app.database.db, request.body, {
          publicUrl: emailLinkBase(app),
          requestId: request.id,
          locale: localeOf(request),
        });
        return reply
          .status(202)
          .send({ message: 'If the address can be used, a confirmation link is on its way.' });
      },
    );
  }

  app.post(
    '/v1/signup/verify',
    {
      bodyLimit: PUBLIC_ROUTE_BODY_LIMIT,
      config: { public: true, rateLimit: perIpLimit },
      schema: {
        tags: ['accounts'],
        summary: 'Confirm the email address of a sign-up',
        security: [],
        body: z.object({ token: z.string().min(1).max(200) }),
        response: { 200: freeAccountOutput, ...errorResponses },
      },
    },
    async (request) => verifySignup(app.database.db, request.body.token, request.id),
  );

  app.post(
    '/v1/accounts/free',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create a free account (operator)',
        body: freeAccountInputSchema,
        response: { 201: freeAccountOutput, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createFreeAccount(request.serviceContext(), request.body)),
  );
}

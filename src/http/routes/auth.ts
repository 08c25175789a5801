// /v1/auth: sign-in for the web app (session cookie + CSRF token), sign-out, who am I, and the
// emailed-link flows (accept an invite, reset a password). Sign-in and the link flows are public
// and rate-limited per IP (SPEC §10); sign-in also per email address (ADR 0082).
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findAdminById } from '../../db/repositories/admins.ts';
import { toAdminView } from '../../services/admins/admin-view.ts';
import {
  acceptInvite,
  confirmPasswordReset,
  requestPasswordReset,
} from '../../services/auth/account-flows.ts';
import { describeActor, login, logout } from '../../services/auth/session-service.ts';
import { SignInAccountLimited } from '../../services/auth/sign-in-account-limit.ts';
import type { App } from '../app.ts';
import { localeOf } from '../locale.ts';
import { perClientLimit } from '../rate-limit/per-client-limit.ts';
import { SESSION_COOKIE, sessionCookieSecure, setSessionCookie } from '../plugins/authentication.ts';
import { errorResponses } from '../schemas/common.ts';
import { PUBLIC_ROUTE_BODY_LIMIT } from './public-body-limit.ts';
import { emailLinkBase } from './public-url.ts';
import { roleSchema } from './admins.ts';

const signedInOutput = z
  .object({
    admin: z.object({
      id: z.string(),
      email: z.string(),
      displayName: z.string().nullable(),
      role: roleSchema,
      partnerId: z.string(),
      customerId: z.string().nullable(),
    }),
    csrfToken: z.string().nullable().describe('Send it as X-CSRF-Token on every write'),
  })
  .describe('SignedIn');

const password = z.string().min(1).max(1024);

function sessionCookieValue(request: FastifyRequest): string | null {
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const unsigned = request.unsignCookie(cookie);
  return unsigned.valid && unsigned.value ? unsigned.value : null;
}

function adminFields(admin: z.infer<typeof signedInOutput>['admin']) {
  const { id, email, displayName, role, partnerId, customerId } = admin;
  return { id, email, displayName, role, partnerId, customerId };
}

export async function authRoutes(app: App): Promise<void> {
  // Per IP whatever the credentials: the API limit keys on the token, these requests have none.
  const perMinute = app.config.rateLimits.loginPerMinute;
  const signInLimit = perClientLimit('sign-in', perMinute);
  const inviteLimit = perClientLimit('accept-invite', perMinute);
  const resetLimit = perClientLimit('password-reset', perMinute);
  const accountLimit = {
    maxFailures: app.config.rateLimits.signInFailuresPerAccount,
    windowMinutes: app.config.rateLimits.signInAccountWindowMinutes,
  };

  app.post(
    '/v1/auth/login',
    {
      bodyLimit: PUBLIC_ROUTE_BODY_LIMIT,
      config: { public: true, rateLimit: signInLimit },
      schema: {
        tags: ['auth'],
        summary: 'Sign in (sets the hub_session cookie)',
        security: [],
        body: z.object({ email: z.string().min(1).max(254), password }),
        response: { 200: signedInOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ttlHours = app.config.sessionTtlHours;
      const signedIn = await login(app.database.db, { ...request.body, ttlHours, accountLimit }).catch(
        (error: unknown) => {
          // As the per-IP limit's 429 does: the client is told when to try again.
          if (error instanceof SignInAccountLimited)
            reply.header('retry-after', String(error.retryAfterSeconds));
          throw error;
        },
      );
      setSessionCookie(request, reply, signedIn.sessionToken, new Date(Date.now() + ttlHours * 3600_000));
      return { admin: adminFields(signedIn.admin), csrfToken: signedIn.csrfToken };
    },
  );

  app.post(
    '/v1/auth/logout',
    {
      bodyLimit: PUBLIC_ROUTE_BODY_LIMIT,
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign out (ends the session)',
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const session = sessionCookieValue(request);
      if (session) await logout(app.database.db, session);
      // With the attributes it was set with: a browser may keep a Secure cookie a plain clear misses.
      reply.clearCookie(SESSION_COOKIE, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: sessionCookieSecure(app.config.publicUrl, request.protocol),
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in admin (or the API token) and its CSRF token',
        response: { 200: signedInOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = request.serviceContext();
      const admin =
        actor.type === 'admin' && actor.id ? await findAdminById(app.database.db, actor.id) : undefined;
      return {
        admin: admin ? adminFields(toAdminView(admin)) : describeActor(actor),
        csrfToken: request.csrfToken,
      };
    },
  );

  const acceptSchema = {
    tags: ['auth'],
    summary: 'Accept an invite: set the password (and name) of the invited account',
    security: [],
    body: z.object({
      token: z.string().min(1).max(200),
      password,
      displayName: z.string().max(200).optional(),
    }),
    response: { 200: z.object({ admin: signedInOutput.shape.admin }), ...errorResponses },
  };
  const accept = async (request: FastifyRequest<{ Body: z.infer<typeof acceptSchema.body> }>) => {
    const admin = await acceptInvite(app.database.db, request.body, {
      requestId: request.id,
      locale: localeOf(request),
    });
    return { admin: adminFields(admin) };
  };
  app.post(
    '/v1/auth/accept-invite',
    {
      bodyLimit: PUBLIC_ROUTE_BODY_LIMIT,
      config: { public: true, rateLimit: inviteLimit },
      schema: acceptSchema,
    },
    accept,
  );
  // The web app's path for the same step.
  app.post(
    '/v1/auth/invites/accept',
    {
      bodyLimit: PUBLIC_ROUTE_BODY_LIMIT,
      config: { public: true, rateLimit: inviteLimit },
      schema: { ...acceptSchema, hide: true },
    },
    accept,
  );

  app.post(
    '/v1/auth/password-reset',
    {
      bodyLimit: PUBLIC_ROUTE_BODY_LIMIT,
      config: { public: true, rateLimit: resetLimit },
      schema: {
        tags: ['auth'],
        summary: 'Email a password-reset link (always 202: it does not tell whether the account exists)',
        security: [],
        body: z.object({ email: z.string().min(1).max(254) }),
        response: { 202: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(app.database.db, {
        email: request.body.email,
        publicUrl: emailLinkBase(app),
        locale: localeOf(request),
      });
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/v1/auth/password-reset/confirm',
    {
      bodyLimit: PUBLIC_ROUTE_BODY_LIMIT,
      config: { public: true, rateLimit: resetLimit },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the token from the reset email',
        security: [],
        body: z.object({ token: z.string().min(1).max(200), password }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await confirmPasswordReset(app.database.db, request.body, {
        requestId: request.id,
        locale: localeOf(request),
      });
      return reply.status(204).send(null);
    },
  );
}

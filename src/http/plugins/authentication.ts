// Authenticates every /v1 request (bearer API token, or the web app's session cookie plus its
// CSRF header on writes) and gives the route a ServiceContext. Routes that need no sign-in set
// `config: { public: true }`.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { AppError } from '../../domain/errors.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../services/access/actor.ts';
import { actorFromApiToken, actorFromSession, type SessionLimits } from '../../services/auth/authenticate.ts';
import { hashToken, safeEqual } from '../../services/auth/secrets.ts';
import type { ServiceContext } from '../../services/context.ts';
import { localeOf } from '../locale.ts';
import { bearerToken } from './bearer-token.ts';
import { PrincipalCache } from './principal-cache.ts';

export const SESSION_COOKIE = 'hub_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The signed-in admin's session CSRF token (cookie sign-in only). */
    csrfToken: string | null;
    /** The use-case context of an authenticated request; throws 401 when there is none. */
    serviceContext(): ServiceContext;
  }
  interface FastifyContextConfig {
    public?: boolean;
    /**
     * A catch-all that answers the paths no route serves (404, or 405 for a known path): no
     * authentication, so an unknown API path is a 404 with or without credentials.
     */
    catchAll?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * How long this process trusts a token lookup (ADR 0053): a revocation made through another process
 * (another server on the same PostgreSQL) applies at most this much later; through this one, at once.
 */
export const TOKEN_CACHE_TTL_MS = 1_000;

/**
 * Whether the browser may send the session cookie only over TLS. An `https://` HUB_PUBLIC_URL says
 * the app is served over TLS even when a TLS-terminating proxy hands it plain HTTP and TRUST_PROXY
 * is off (request.protocol is then `http`); without one, the request's own protocol decides.
 */
export function sessionCookieSecure(publicUrl: string | undefined, requestProtocol: string): boolean {
  return publicUrl?.toLowerCase().startsWith('https://') === true || requestProtocol === 'https';
}

/** The session cookie, living as long as the session does (set at sign-in and on renewal). */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  sessionToken: string,
  expiresAt: Date,
): void {
  reply.setCookie(SESSION_COOKIE, sessionToken, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: sessionCookieSecure(request.server.config.publicUrl, request.protocol),
    path: '/',
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  });
}

function unauthenticated(): AppError {
  return new AppError('unauthenticated', {
    en: 'Sign in, or send a valid API token as "Authorization: Bearer <token>".',
    nl: 'Meld u aan of stuur een geldig API-token als "Authorization: Bearer <token>".',
  });
}

/** The actor of an API token, from the cache when it looked the token up within the last second. */
async function tokenActor(
  db: Kysely<DB>,
  tokens: PrincipalCache<Actor>,
  token: string,
): Promise<Actor | null> {
  const key = hashToken(token);
  const cached = tokens.get(key);
  if (cached) return cached;
  const generation = tokens.generation;
  const actor = await actorFromApiToken(db, token);
  // Only a live token is remembered: an unknown one is looked up (and refused) every time.
  // Frozen: requests of the same token share the object.
  if (actor) tokens.set(key, Object.freeze(actor), generation);
  return actor;
}

async function authenticate(
  db: Kysely<DB>,
  limits: SessionLimits,
  tokens: PrincipalCache<Actor>,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const token = bearerToken(request.headers.authorization);
  if (token !== null) {
    request.actor = await tokenActor(db, tokens, token);
    if (!request.actor) throw unauthenticated();
    return;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return;
  const unsigned = request.unsignCookie(cookie);
  if (!unsigned.valid || !unsigned.value) return;
  const session = await actorFromSession(db, unsigned.value, limits);
  if (!session) return;
  if (session.renewedUntil) setSessionCookie(request, reply, unsigned.value, session.renewedUntil);
  // Double-submit: a cross-site form cannot read the CSRF token the web app got at sign-in.
  if (UNSAFE.has(request.method)) {
    const header = request.headers[CSRF_HEADER];
    if (typeof header !== 'string' || !safeEqual(header, session.csrfToken)) {
      throw new AppError('forbidden', {
        en: 'Missing or wrong CSRF token (X-CSRF-Token header).',
        nl: 'CSRF-token (X-CSRF-Token-header) ontbreekt of is onjuist.',
      });
    }
  }
  request.actor = session.actor;
  request.csrfToken = session.csrfToken;
}

export const authenticationPlugin = fp(
  async (app: FastifyInstance, options: { db: Kysely<DB>; sessions: SessionLimits }) => {
    app.decorateRequest('actor', null);
    app.decorateRequest('csrfToken', null);
    app.decorateRequest('serviceContext', function (this: FastifyRequest): ServiceContext {
      if (!this.actor) throw unauthenticated();
      return { db: options.db, actor: this.actor, requestId: this.id, locale: localeOf(this) };
    });
    const tokens = new PrincipalCache<Actor>({ ttlMs: TOKEN_CACHE_TTL_MS });
    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/v1/')) return;
      if (request.is404 || request.routeOptions.config.catchAll) return;
      await authenticate(options.db, options.sessions, tokens, request, reply);
      if (!request.actor && !request.routeOptions.config.public) throw unauthenticated();
    });
    // Any write may revoke a token or disable what it belongs to: forget every cached token once the
    // write is done (its transaction committed), before its response can reach the client; and
    // again when its response has ended, for a handler that works while it streams (a CLI command
    // forwarded to this server, ADR 0051, runs after its response has started).
    const forgetTokensAfterWrite = async (request: FastifyRequest): Promise<void> => {
      if (UNSAFE.has(request.method)) tokens.clear();
    };
    app.addHook('onSend', forgetTokensAfterWrite);
    app.addHook('onResponse', forgetTokensAfterWrite);
  },
  { name: 'authentication', dependencies: ['@fastify/cookie'] },
);

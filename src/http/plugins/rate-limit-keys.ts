// The API rate limit (SPEC §10: "per IP and per token"). Every /v1 and /scim request is counted
// against its client IP and against each credential it presents (bearer token, session cookie),
// before authentication runs: a wrong or missing credential still counts against the IP, so
// guessing tokens meets 429s too. A credential is keyed by what it is, not by how it was written
// (`bearer`, `BEARER`, extra spaces count as the same token), and by its SHA-256 only: the raw
// secret never sits in the limiter's memory or reaches a log.
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashToken } from '../../services/auth/secrets.ts';
import { text } from '../errors.ts';
import { bearerToken } from './bearer-token.ts';
import { SESSION_COOKIE } from './authentication.ts';

/** What a request presents, as the rate limit sees it. */
export interface PresentedIdentity {
  /** The client IP as Fastify resolved it (honouring the app's trustProxy setting). */
  readonly ip: string;
  /** The raw Authorization header, if any. */
  readonly authorization?: string | undefined;
  /** The session id of a correctly signed session cookie, if any. */
  readonly sessionId?: string | null | undefined;
}

export interface RateLimitKeys {
  readonly ip: string;
  readonly token: string | null;
  readonly session: string | null;
}

export function rateLimitKeys(identity: PresentedIdentity): RateLimitKeys {
  const token = bearerToken(identity.authorization);
  const sessionId = identity.sessionId?.trim();
  return {
    // IPv4-mapped IPv6 as IPv4, and IPv6 per /64: one host holds a whole /64.
    ip: `ip:${normalizeIP(identity.ip)}`,
    token: token ? `token:${hashToken(token)}` : null,
    session: sessionId ? `session:${hashToken(sessionId)}` : null,
  };
}

/** The session id of the request's session cookie, when its signature holds (else it is no credential). */
function signedSessionId(request: FastifyRequest): string | null {
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const unsigned = request.unsignCookie(cookie);
  return unsigned.valid && unsigned.value ? unsigned.value : null;
}

/**
 * The 429 every rate limit answers; the app's error handlers give it the usual error body (SCIM's
 * copies `retryAfter` into its Retry-After header: whole seconds, as HTTP wants).
 */
export function rateLimitedError(request: FastifyRequest, retryAfterSeconds: number): Error {
  return Object.assign(new Error(text(request, 'rateLimited')), {
    statusCode: 429,
    retryAfter: retryAfterSeconds,
  });
}

export interface ApiRateLimits {
  readonly perIpPerMinute: number;
  readonly perCredentialPerMinute: number;
}

const ONE_MINUTE_MS = 60_000;
/** A key no request produces: the limiter skips it (the request presents no such credential). */
const ABSENT = '';

export function isRateLimitedPath(url: string): boolean {
  return url.startsWith('/v1/') || url.startsWith('/scim/');
}

/**
 * An onRequest hook counting each /v1 and /scim request per IP, then per credential. Add it on the
 * root instance before the authentication hooks: instance hooks run in the order they were added
 * and before any route-level hook, so a request that authentication rejects is counted as well.
 */
export function apiRateLimitHook(
  app: Pick<FastifyInstance, 'createRateLimit'>,
  limits: ApiRateLimits,
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const keysOf = new WeakMap<FastifyRequest, RateLimitKeys>();
  const keys = (request: FastifyRequest): RateLimitKeys => {
    let found = keysOf.get(request);
    if (!found) {
      found = rateLimitKeys({
        ip: request.ip,
        authorization: request.headers.authorization,
        sessionId: signedSessionId(request),
      });
      keysOf.set(request, found);
    }
    return found;
  };
  const limiter = (max: number, key: (request: FastifyRequest) => string | null) =>
    app.createRateLimit({
      max,
      timeWindow: ONE_MINUTE_MS,
      keyGenerator: (request) => key(request) ?? ABSENT,
      allowList: (_request, generated) => generated === ABSENT,
    });
  // The IP first: once an address is over its limit, its requests (e.g. with guessed tokens) add
  // no further keys to the credential counters.
  const limiters = [
    limiter(limits.perIpPerMinute, (request) => keys(request).ip),
    limiter(limits.perCredentialPerMinute, (request) => keys(request).token),
    limiter(limits.perCredentialPerMinute, (request) => keys(request).session),
  ];

  return async (request, reply) => {
    if (!isRateLimitedPath(request.url)) return;
    let tightest: LimitState | undefined;
    for (const count of limiters) {
      const result = await count(request);
      if (result.isAllowed) continue;
      if (result.isExceeded) {
        setLimitHeaders(reply, { max: result.max, remaining: 0, ttlInSeconds: result.ttlInSeconds });
        reply.header('retry-after', result.ttlInSeconds);
        throw rateLimitedError(request, result.ttlInSeconds);
      }
      if (!tightest || result.remaining < tightest.remaining) tightest = result;
    }
    if (tightest) setLimitHeaders(reply, tightest);
  };
}

interface LimitState {
  readonly max: number;
  readonly remaining: number;
  readonly ttlInSeconds: number;
}

/** The plugin's headers, from whichever count is closest to its limit. */
function setLimitHeaders(reply: FastifyReply, state: LimitState): void {
  reply.header('x-ratelimit-limit', state.max);
  reply.header('x-ratelimit-remaining', state.remaining);
  reply.header('x-ratelimit-reset', state.ttlInSeconds);
}

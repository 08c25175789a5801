// A 401 must carry a WWW-Authenticate challenge (RFC 9110 §11.6.1, §15.5.2). The admin API and the
// Wholesale API answered theirs without one. One onSend hook for every 401, whichever code answered
// it (authentication, sign-in, the rate limiter's key check): the scheme is Bearer (RFC 6750 §3),
// the API token; a token that was sent and refused is `invalid_token`. SCIM sets its own challenge
// (realm "scim"), which stays. Bearer never makes a browser prompt for credentials, so the web
// app's own 401s (signed out) are unaffected.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

const REALM = 'Wholesale Hub';

/** The challenge for a 401 answer to `request`. */
export function bearerChallenge(request: FastifyRequest): string {
  const sentToken = /^bearer\s+\S/i.test(request.headers.authorization ?? '');
  return `Bearer realm="${REALM}"${sentToken ? ', error="invalid_token"' : ''}`;
}

export const wwwAuthenticatePlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onSend', async (request, reply, payload) => {
      if (reply.statusCode === 401 && !reply.hasHeader('www-authenticate'))
        reply.header('www-authenticate', bearerChallenge(request));
      return payload;
    });
  },
  { name: 'www-authenticate' },
);

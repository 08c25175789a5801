// The answer to a request no route serves, for all three APIs in one place: the app's not-found
// handler, and the Wholesale API's and SCIM's catch-alls (they need their own, as Fastify sets no
// not-found handler under a prefix with a parameter), all call it.
// - A path some route serves, asked with OPTIONS: 204 with `Allow` naming the methods it serves
//   (RFC 9110 §9.3.7), no body and no CORS headers (ADR 0098: this app configures no CORS).
// - A path some route serves, asked with another method: 405 Method Not Allowed with `Allow`
//   naming the methods it serves (RFC 9110 §15.5.6), OPTIONS among them.
// - Any other path: 404, as before, OPTIONS too.
// Each in the API's own error shape (SPEC §7), which the path tells: SCIM's error schema under
// /scim, the public shape under the Wholesale API's paths, else the admin API's, in the caller's
// language. No authentication ran: the answer says only what the OpenAPI document says already.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.ts';
import { WHOLESALE_CODES } from '../domain/provisioning/wholesale-codes.ts';
import { sendScimError } from '../scim/http/scim-errors.ts';
import { ScimError } from '../scim/errors.ts';
import { errorBody, PUBLIC_API_PATH, text } from './errors.ts';
import { localeOf } from './locale.ts';
import { allowedMethodsFor } from './route-methods.ts';
import { sendPublicError } from './routes/wholesale/public-errors.ts';

const SCIM_PATH = /^\/scim(\/|\?|$)/;

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

function methodNotAllowedText(method: string, allowed: string): { en: string; nl: string } {
  return {
    en: `The method ${method} is not allowed here. This path accepts: ${allowed}.`,
    nl: `De methode ${method} is hier niet toegestaan. Dit pad accepteert: ${allowed}.`,
  };
}

function sendMethodNotAllowed(request: FastifyRequest, reply: FastifyReply, allowed: string): FastifyReply {
  reply.header('allow', allowed);
  const message = methodNotAllowedText(request.method, allowed);
  if (SCIM_PATH.test(request.url))
    return sendScimError(request, reply, new ScimError(405, undefined, message.en));
  if (PUBLIC_API_PATH.test(request.url))
    // The public description's own text for 405 (errorCode 10028): the public API's texts stay.
    return sendPublicError(
      request,
      reply,
      Object.assign(new Error(WHOLESALE_CODES.method_not_allowed.description), {
        statusCode: 405,
        code: 'method_not_allowed',
      }),
    );
  const localized = message[localeOf(request)];
  request.log.info({ status: 405, allow: allowed }, localized);
  return reply
    .status(405)
    .send(errorBody(request, localized, [{ code: 'method_not_allowed', description: localized }]));
}

function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = pathOf(request);
  if (SCIM_PATH.test(request.url))
    return sendScimError(
      request,
      reply,
      new ScimError(404, undefined, `No SCIM endpoint ${request.method} ${path}`),
    );
  if (PUBLIC_API_PATH.test(request.url))
    return sendPublicError(
      request,
      reply,
      new AppError(
        'not_found',
        {
          en: `The Wholesale API has no route ${request.method} ${path}.`,
          nl: `De Wholesale API heeft geen route ${request.method} ${path}.`,
        },
        [{ code: 'not_found', description: WHOLESALE_CODES.not_found.description }],
      ),
    );
  return reply
    .status(404)
    .send(
      errorBody(request, text(request, 'notFound'), [
        { code: 'not_found', description: text(request, 'notFound') },
      ]),
    );
}

/**
 * The methods served at the request's path, with OPTIONS (answered here for every served path),
 * sorted; empty when no route serves the path.
 */
function supportedMethods(request: FastifyRequest): string[] {
  const served = allowedMethodsFor(request);
  if (served.length === 0) return served;
  return [...new Set([...served, 'OPTIONS'])].sort();
}

/**
 * OPTIONS: 204 with `Allow` when a route serves the path. Another method: 405 with `Allow` when a
 * route serves the path with other methods. Else 404.
 */
export function answerUnroutedRequest(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const allowed = supportedMethods(request);
  // Before any authentication (the path's patterns are public in the OpenAPI document), and the
  // same for every tenant: no route, service or database is reached.
  if (allowed.length > 0 && request.method === 'OPTIONS')
    return reply.status(204).header('allow', allowed.join(', ')).send();
  // The method is among them when the path only looks like a route's (the router refused it for
  // another reason): no 405 that names the very method it refuses.
  if (allowed.length > 0 && !allowed.includes(request.method))
    return sendMethodNotAllowed(request, reply, allowed.join(', '));
  return sendNotFound(request, reply);
}

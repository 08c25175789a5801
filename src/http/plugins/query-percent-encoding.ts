// A query string must be validly percent-encoded (RFC 3986 §2.1: `%` and two hex digits; the bytes
// UTF-8, as the URL standard decodes them). Fastify's query parser keeps a name or value it cannot
// decode as its raw text, so `?search=%E0%A4%A` searched for the literal "%E0%A4%A" and answered
// 200: a client whose URL encoding was broken never heard of it. This refuses such a query with
// 400 naming the parameter (SPEC §7 "invalid input 400"), in every API: the error is an AppError,
// which each API's error handler answers in its own shape. The path's own encoding is refused
// before routing already (FST_ERR_BAD_URL, plugins/framework-errors.ts).
// An unknown path keeps its 404 (or 405): it is not checked, as nothing would read its query.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { validationFailed, type ErrorDetail } from '../../domain/errors.ts';

/** The detail code of a badly encoded query parameter (SCIM answers `filter`'s as invalidFilter). */
export const INVALID_QUERY_ENCODING = 'invalid_query_encoding';

/** Decoded as application/x-www-form-urlencoded (`+` is a space), or null when it cannot be. */
function decodeQueryComponent(text: string): string | null {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return null;
  }
}

/** The names of the parameters (as far as they decode) whose name or value does not decode. */
export function badlyEncodedParameters(query: string): string[] {
  const names: string[] = [];
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const rawName = separator === -1 ? pair : pair.slice(0, separator);
    const name = decodeQueryComponent(rawName);
    const value = separator === -1 ? '' : decodeQueryComponent(pair.slice(separator + 1));
    if (name === null || value === null) names.push(name ?? rawName);
  }
  return [...new Set(names)];
}

function badEncodingDetail(name: string): ErrorDetail {
  return {
    code: INVALID_QUERY_ENCODING,
    description: `The query parameter "${name}" is not validly percent-encoded: a % must be followed by two hexadecimal digits, and the bytes must be UTF-8 (send % itself as %25).`,
    descriptionNl: `De queryparameter "${name}" is niet geldig procent-gecodeerd: na een % horen twee hexadecimale cijfers, en de bytes moeten UTF-8 zijn (stuur % zelf als %25).`,
    field: name,
  };
}

/** Throws the 400 when the request's query string does not decode. */
export function refuseBadlyEncodedQuery(request: FastifyRequest): void {
  if (request.is404 || request.routeOptions.config.catchAll) return;
  const start = request.url.indexOf('?');
  if (start === -1) return;
  const bad = badlyEncodedParameters(request.url.slice(start + 1));
  if (bad.length > 0) throw validationFailed(bad.slice(0, 10).map(badEncodingDetail));
}

export const queryPercentEncodingPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', async (request) => refuseBadlyEncodedQuery(request));
  },
  { name: 'query-percent-encoding' },
);

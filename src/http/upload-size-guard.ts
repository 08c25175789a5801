// An upload whose Content-Length already says it is over the size limit is refused before a byte
// of its body is read: the 413 came only after the whole limit had been read and stored (a 101 MB
// file got it after 69 s). A body without a Content-Length (chunked) is still cut off as soon as
// it passes the limit (createImport counts as it reads; busboy for a multipart file).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fileTooLarge } from '../services/imports/create-import.ts';

/**
 * What a multipart body may hold besides the file: its boundaries and part headers (a few hundred
 * bytes) and the small form fields of an upload (`behaviour`, `dryRun`). A body longer than the
 * limit plus this is over the limit whatever it holds; one shorter still has its file checked
 * byte for byte.
 */
export const MULTIPART_ALLOWANCE_BYTES = 64 * 1024;

/** The declared body length, or null when there is none (chunked) or it is not a number. */
function declaredLength(request: FastifyRequest): number | null {
  const header = request.headers['content-length'];
  if (header === undefined || !/^\d+$/.test(header)) return null;
  return Number(header);
}

/** Whether the request's declared length is over what an upload of `maxBytes` may send. */
export function declaresTooLargeUpload(request: FastifyRequest, maxBytes: number): boolean {
  const length = declaredLength(request);
  if (length === null) return false;
  // By the header: request.isMultipart() is known only once the body parser has run.
  const multipart = /^\s*multipart\//i.test(request.headers['content-type'] ?? '');
  return length > (multipart ? maxBytes + MULTIPART_ALLOWANCE_BYTES : maxBytes);
}

/**
 * A route hook (preParsing: after authentication, before the body is read) that answers 413 for
 * a declared length over the limit, with `Connection: close` (closeUnreadUpload).
 */
export function refuseDeclaredTooLarge(maxBytes: number) {
  return async <Payload>(
    request: FastifyRequest,
    reply: FastifyReply,
    payload: Payload,
  ): Promise<Payload> => {
    if (!declaresTooLargeUpload(request, maxBytes)) return payload;
    closeUnreadUpload(reply);
    throw fileTooLarge(maxBytes);
  };
}

/**
 * Ends the connection after the answer to an upload whose body was not read to its end (refused
 * by its length, or cut off at the limit): it cannot carry another request, and Node would
 * otherwise read and drop the rest (up to the declared length, or forever for an endless chunked
 * body) before it could.
 */
export function closeUnreadUpload(reply: FastifyReply): void {
  reply.header('connection', 'close');
}

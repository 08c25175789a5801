// The body of a file upload: the media types a route reads, stated once in its schema's
// `consumes`, which both the OpenAPI document (openapi-rules.ts) and the route's guard below read.
// Why a guard: the app's parsers answer for every route, so a JSON body reached the user CSV
// import already parsed into an object (a 500 where the upload expected a stream), and a JSON
// string reached the claims CSV as if it were the file. A route that reads a file refuses every
// other media type with 415 before its body is read, as Fastify refuses one no parser knows.
import { errorCodes, type FastifyReply, type FastifyRequest } from 'fastify';
import { closeUnreadUpload } from '../upload-size-guard.ts';

/** What the user CSV import reads: a multipart form with the field `file`, or the file itself. */
export const IMPORT_UPLOAD_MEDIA_TYPES = [
  'multipart/form-data',
  'text/csv',
  'application/csv',
  'application/octet-stream',
] as const;

/** The media type of a Content-Type header, lower case, without its parameters. */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === '' ? undefined : type;
}

/** The media types a route's schema says it reads (`consumes`), or undefined when it says none. */
export function consumedMediaTypes(schema: unknown): readonly string[] | undefined {
  if (typeof schema !== 'object' || schema === null || !('consumes' in schema)) return undefined;
  const { consumes } = schema;
  return Array.isArray(consumes) && consumes.every((type) => typeof type === 'string') ? consumes : undefined;
}

/**
 * A route hook (preParsing: after authentication, before the body is read) that answers 415 for a
 * body whose media type is not one the route's `consumes` lists. A request without a Content-Type
 * is left to Fastify and the route (no body: the route asks for the file).
 */
export async function refuseUnconsumedMediaType<Payload>(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: Payload,
): Promise<Payload> {
  const sent = mediaTypeOf(request.headers['content-type']);
  const accepted = consumedMediaTypes(request.routeOptions.schema);
  if (sent === undefined || accepted === undefined || accepted.includes(sent)) return payload;
  // Nothing of the body is read: the connection cannot carry another request (as for a 413).
  closeUnreadUpload(reply);
  throw new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(sent);
}

type JsonSchema = Readonly<Record<string, unknown>>;

const CSV_TEXT: JsonSchema = { type: 'string', description: 'The CSV file' };

/** How the OpenAPI document shows one media type of an upload's body. */
function uploadMediaSchema(type: string): JsonSchema {
  if (type === 'multipart/form-data')
    return {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'The CSV file' } },
    };
  if (type === 'text/csv' || type === 'application/csv') return CSV_TEXT;
  return { type: 'string', format: 'binary', description: 'The CSV file' };
}

/** The OpenAPI request body (JSON schema form, as @fastify/swagger reads it) of an upload. */
export function uploadRequestBody(types: readonly string[]): {
  readonly content: Record<string, { readonly schema: JsonSchema }>;
} {
  return { content: Object.fromEntries(types.map((type) => [type, { schema: uploadMediaSchema(type) }])) };
}

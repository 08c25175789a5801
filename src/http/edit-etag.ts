// ETag, If-Match and If-None-Match of the admin API's editable records (ADR 0092). The ETag is
// weak (`W/"7"`): it names the stored record's version, not the bytes of one representation, which
// vary with Accept-Language (localized errors) and with data the version does not cover (package
// usage counts, a location's name). If-Match compares by version (weak comparison, as SCIM's does,
// RFC 7644 §3.14), so a client can send back exactly the ETag it was given.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ExpectedVersions } from '../services/concurrency/edit-version.ts';
import { errorResponse, errorResponses } from './schemas/common.ts';

export function etagOfVersion(version: number): string {
  return `W/"${version}"`;
}

/** `W/"7"` or `"7"` → 7; anything else (another server's tag, garbage) names no version of ours. */
function versionOfTag(tag: string): number | undefined {
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(tag.trim());
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function headerText(request: FastifyRequest, name: 'if-match' | 'if-none-match'): string | undefined {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value.join(',') : value;
  return text === undefined || text.trim() === '' ? undefined : text;
}

/**
 * The versions `If-Match` accepts: undefined without the header or with `*` (the record exists, or
 * the request is a 404 anyway); else the versions it names, possibly none (then nothing matches).
 */
export function ifMatchVersions(request: FastifyRequest): ExpectedVersions {
  const header = headerText(request, 'if-match');
  if (header === undefined) return undefined;
  const tags = header.split(',');
  if (tags.some((tag) => tag.trim() === '*')) return undefined;
  return tags.map(versionOfTag).filter((version) => version !== undefined);
}

/** Whether `If-None-Match` names the current version (or is `*`): the GET answers 304. */
export function ifNoneMatchHits(request: FastifyRequest, version: number): boolean {
  const header = headerText(request, 'if-none-match');
  if (header === undefined) return false;
  return header.split(',').some((tag) => tag.trim() === '*' || versionOfTag(tag) === version);
}

// ---- Answers -------------------------------------------------------------------------------

/** The answer of a write: the record, with its new version in `ETag`. */
export function withEtag<T>(reply: FastifyReply, view: T, version: number): T {
  reply.header('etag', etagOfVersion(version));
  return view;
}

/**
 * The answer of a conditional GET, `ETag` on both: 304 without a body when If-None-Match names the
 * current version, else the record.
 */
export function answerConditionalGet<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  view: T,
  version: number,
): T | FastifyReply {
  reply.header('etag', etagOfVersion(version));
  if (ifNoneMatchHits(request, version)) return reply.status(304).send(null);
  return view;
}

// ---- OpenAPI ---------------------------------------------------------------------------------

/** The response header of an answer that carries the record (read by @fastify/swagger). */
export const ETAG_HEADER = {
  ETag: {
    type: 'string',
    description:
      'The version of the record, weak (`W/"7"`): send it back as `If-Match` on the next change so that it is refused (412) if someone changed the record in between.',
  },
} as const;

/** The request headers of a conditional GET. */
export const conditionalGetHeaders = z.looseObject({
  'if-none-match': z
    .string()
    .optional()
    .describe('An ETag of this record: when it is still the current one the answer is 304 without a body.'),
});

/** The request headers of a conditional change. */
export const conditionalWriteHeaders = z.looseObject({
  'if-match': z
    .string()
    .optional()
    .describe(
      'The ETag of the record as you last read it (`W/"7"`; a list or `*` also allowed). When the record changed since, the change is refused with 412 `precondition_failed` and nothing is written. Absent: the change is made whatever the current version.',
    ),
});

/** The 412 of a conditional change whose If-Match is no longer current (code `precondition_failed`). */
export const preconditionFailedResponse = {
  412: {
    description:
      'If-Match names a version that is no longer current (code `precondition_failed`): someone changed the record since you read it, and nothing was written. Read it again (GET), then make the change again.',
    content: { 'application/json': { schema: errorResponse } },
  },
} as const;

/** The 304 of a conditional GET: no body. */
export const notModifiedResponse = {
  304: z.null().describe('Not modified: If-None-Match names the current version'),
} as const;

/** The responses of a conditional GET: the record with its `ETag`, 304, the usual errors. */
export function conditionalGetResponses<T extends z.ZodType>(versionedOutput: T) {
  return { 200: versionedOutput, ...notModifiedResponse, ...errorResponses };
}

/** The responses of a conditional change: the record with its new `ETag`, the usual errors, 412. */
export function conditionalWriteResponses<T extends z.ZodType>(versionedOutput: T) {
  return { 200: versionedOutput, ...errorResponses, ...preconditionFailedResponse };
}

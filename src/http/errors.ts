// The one mapping from failures to HTTP (SPEC §7): status + {message, errors[{description, code}],
// trackingId}, the trackingId also as a response header (set in app.ts) and in the log line.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type ErrorDetail } from '../domain/errors.ts';
import { byteSizeText } from '../domain/messages/byte-size.ts';
import type { Locale } from '../domain/messages/locale.ts';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, sqlState } from '../services/db-errors.ts';
import { localeOf } from './locale.ts';
import { validationDetails } from './validation-message.ts';

const STATUS: Readonly<Record<ErrorCode, number>> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  rate_limited: 429,
  not_implemented: 501,
  unavailable: 503,
};

export interface ErrorBody {
  message: string;
  errors: { description: string; code: string; field?: string }[];
  trackingId: string;
}

/**
 * The Wholesale API keeps the public API's exact English texts (SPEC §7): its details never follow
 * Accept-Language. Its paths are /v1/wholesale/… and /v1/subscribers/… (consentMove).
 */
export const PUBLIC_API_PATH = /^\/v1\/(wholesale|subscribers)(\/|\?|$)/;

/** The language of the error details: the request's, but always English on the public API. */
function detailLocale(request: FastifyRequest): Locale {
  return PUBLIC_API_PATH.test(request.url) ? 'en' : localeOf(request);
}

export function errorBody(
  request: FastifyRequest,
  message: string,
  details: readonly ErrorDetail[],
): ErrorBody {
  const dutch = detailLocale(request) === 'nl';
  return {
    message,
    errors: details.map((detail) => ({
      description: dutch && detail.descriptionNl ? detail.descriptionNl : detail.description,
      code: detail.code,
      ...(detail.field ? { field: detail.field } : {}),
    })),
    trackingId: request.id,
  };
}

function fromAppError(request: FastifyRequest, error: AppError): { status: number; body: ErrorBody } {
  const message = localeOf(request) === 'nl' && error.messageNl ? error.messageNl : error.message;
  const details = error.details.length > 0 ? error.details : [{ code: error.code, description: message }];
  return { status: STATUS[error.code], body: errorBody(request, message, details) };
}

const TEXT: Record<
  | 'invalid'
  | 'tooLarge'
  | 'bodyTooLarge'
  | 'rateLimited'
  | 'internal'
  | 'notFound'
  | 'databaseUnavailable'
  | 'badUrl'
  | 'paramTooLong',
  { en: string; nl: string }
> = {
  badUrl: {
    en: 'The address is not valid: a percent-encoded part of it is not UTF-8.',
    nl: 'Het adres is niet geldig: een procent-gecodeerd deel ervan is geen UTF-8.',
  },
  paramTooLong: {
    en: 'A part of the address is longer than allowed.',
    nl: 'Een deel van het adres is langer dan toegestaan.',
  },
  invalid: { en: 'The request is not valid.', nl: 'Het verzoek is niet geldig.' },
  tooLarge: { en: 'The upload is larger than allowed.', nl: 'Het bestand is groter dan toegestaan.' },
  bodyTooLarge: {
    en: 'The request body is larger than allowed.',
    nl: 'De inhoud van het verzoek is groter dan toegestaan.',
  },
  rateLimited: {
    en: 'Too many requests. Try again later.',
    nl: 'Te veel verzoeken. Probeer het later opnieuw.',
  },
  internal: { en: 'Something went wrong on our side.', nl: 'Er ging iets mis aan onze kant.' },
  notFound: { en: 'Not found.', nl: 'Niet gevonden.' },
  databaseUnavailable: {
    en: 'The service cannot reach its database right now. Try again shortly.',
    nl: 'De dienst kan zijn database nu niet bereiken. Probeer het zo opnieuw.',
  },
};

export function text(request: FastifyRequest, key: keyof typeof TEXT): string {
  return TEXT[key][localeOf(request)];
}

/** The media types of the upload routes (user CSV imports, claims): their body is a file. */
const UPLOAD_MEDIA_TYPE = /^(multipart\/form-data|text\/csv|application\/csv|application\/octet-stream)\b/i;

function isUpload(request: FastifyRequest): boolean {
  return UPLOAD_MEDIA_TYPE.test(request.headers['content-type'] ?? '');
}

/** The body limit Fastify applied to a JSON body: the route's own, else the server's. */
function routeBodyLimit(request: FastifyRequest): number | null {
  const limit = (request.routeOptions as { bodyLimit?: unknown } | undefined)?.bodyLimit;
  return isByteCount(limit) ? limit : null;
}

/**
 * Every upload route takes a file up to IMPORT_MAX_BYTES (SPEC §6 "the size limit"): the claims
 * CSV parser's body limit and the multipart file limit are both set to it. The route's bodyLimit
 * would not say so, as the parser's limit is the parser's own.
 */
function uploadLimit(request: FastifyRequest): number | null {
  const limit: unknown = (request.server as { config?: { importMaxBytes?: unknown } }).config?.importMaxBytes;
  return isByteCount(limit) ? limit : null;
}

function isByteCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/**
 * A body over the limit names the limit, worded as an import's file limit is (`5 MB`, `1 kB`),
 * with the exact figure in the detail: "larger than allowed" left the client guessing how much
 * to send. An upload is "the file", as the import's own check words it; JSON is "the request body".
 */
function bodyOverLimit(
  request: FastifyRequest,
  limitBytes: number,
  upload: boolean,
): { status: number; body: ErrorBody } {
  const locale = localeOf(request);
  const size = byteSizeText(limitBytes, locale);
  const message = upload
    ? locale === 'nl'
      ? `Het bestand is groter dan ${size}.`
      : `The file is larger than ${size}.`
    : locale === 'nl'
      ? `De inhoud van het verzoek is groter dan ${size}.`
      : `The request body is larger than ${size}.`;
  return {
    status: 413,
    body: errorBody(request, message, [
      {
        code: 'payload_too_large',
        description: `The limit is ${limitBytes} bytes.`,
        descriptionNl: `De limiet is ${limitBytes} bytes.`,
      },
    ]),
  };
}

/** Names the media type refused, as sent (its parameters left off, and kept short). */
function unsupportedMediaTypeText(request: FastifyRequest): string {
  const sent = (request.headers['content-type'] ?? '').split(';')[0]?.trim().slice(0, 100) ?? '';
  const dutch = localeOf(request) === 'nl';
  if (!sent)
    return dutch
      ? 'Het verzoek heeft een inhoud zonder mediatype (Content-Type).'
      : 'The request has a body without a media type (Content-Type).';
  return dutch
    ? `Het mediatype ${sent} wordt hier niet geaccepteerd.`
    : `The media type ${sent} is not accepted here.`;
}

export function toErrorResponse(
  request: FastifyRequest,
  error: unknown,
): { status: number; body: ErrorBody } {
  if (error instanceof AppError) return fromAppError(request, error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    // The field is the request property's path, the description a reason in the reader's language.
    const locale = detailLocale(request);
    const details = error.validation.flatMap((issue) =>
      validationDetails(issue, error.validationContext, locale),
    );
    return { status: 400, body: errorBody(request, text(request, 'invalid'), details) };
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode ?? 500;
  if (
    status === 413 ||
    fastifyError.code === 'FST_REQ_FILE_TOO_LARGE' ||
    fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
  ) {
    // A file is "the upload"; a JSON body over the limit is no file, and its client sent none.
    const upload = isUpload(request);
    const limit = upload
      ? uploadLimit(request)
      : fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? routeBodyLimit(request)
        : null;
    if (limit !== null) return bodyOverLimit(request, limit, upload);
    const key = upload ? 'tooLarge' : 'bodyTooLarge';
    return {
      status: 413,
      body: errorBody(request, text(request, key), [
        { code: 'payload_too_large', description: text(request, key) },
      ]),
    };
  }
  if (status === 415 || fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    const message = unsupportedMediaTypeText(request);
    return {
      status: 415,
      body: errorBody(request, message, [{ code: 'unsupported_media_type', description: message }]),
    };
  }
  // Answered before routing (plugins/framework-errors.ts): our codes, not Fastify's.
  if (fastifyError.code === 'FST_ERR_BAD_URL' || fastifyError.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    const key = fastifyError.code === 'FST_ERR_BAD_URL' ? 'badUrl' : 'paramTooLong';
    return {
      status: key === 'badUrl' ? 400 : 414,
      body: errorBody(request, text(request, key), [
        { code: key === 'badUrl' ? 'invalid_url' : 'uri_too_long', description: text(request, key) },
      ]),
    };
  }
  if (status === 429) {
    return {
      status: 429,
      body: errorBody(request, text(request, 'rateLimited'), [
        { code: 'rate_limited', description: text(request, 'rateLimited') },
      ]),
    };
  }
  if (status >= 400 && status < 500) {
    const message = fastifyError.message ?? text(request, 'invalid');
    return {
      status,
      body: errorBody(request, message, [{ code: fastifyError.code ?? 'bad_request', description: message }]),
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      body: errorBody(request, text(request, 'databaseUnavailable'), [
        { code: 'database_unavailable', description: text(request, 'databaseUnavailable') },
      ]),
    };
  }
  return {
    status: 500,
    body: errorBody(request, text(request, 'internal'), [
      { code: 'internal', description: text(request, 'internal') },
    ]),
  };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const { status, body } = toErrorResponse(request, error);
  // request.log already carries the trackingId (requestIdLogLabel in app.ts): naming it here too
  // wrote the key twice in one JSON line, which Elasticsearch rejects.
  if (status === 503 && isKnownDatabaseOutage(error)) logDatabaseUnavailable(request, error);
  else if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ status, code: body.errors[0]?.code }, body.message);
  setDatabaseRetryAfter(reply, error);
  return reply.status(status).send(body);
}

/** The database could not serve the request (answered 503 + Retry-After): a known, passing state. */
export function isKnownDatabaseOutage(error: unknown): boolean {
  return !(error instanceof AppError) && isDatabaseUnavailable(error);
}

/**
 * A 503 for an unavailable database, logged at warn without the stack: with the database down and
 * 8 clients, 444 answers in 5 s wrote 888 KB of level-50 lines, each with the same stack trace.
 */
export function logDatabaseUnavailable(request: FastifyRequest, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  const code = sqlState(error);
  request.log.warn(
    {
      status: 503,
      code: 'database_unavailable',
      reason,
      ...(code === undefined ? {} : { sqlState: code }),
    },
    'request failed: database unavailable',
  );
}

/** A 503 for an unavailable database tells the client when to try again (RFC 9110 §10.2.3). */
export function setDatabaseRetryAfter(reply: FastifyReply, error: unknown): void {
  if (isKnownDatabaseOutage(error)) reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
}

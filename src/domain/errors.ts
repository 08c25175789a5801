// Expected failures are values with a stable code. Each edge maps them once: HTTP in
// src/http/errors.ts, SCIM to its error schema, the CLI to a message and an exit code.

export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'forbidden'
  | 'unauthenticated'
  | 'rate_limited'
  | 'payload_too_large'
  | 'not_implemented'
  | 'unavailable';

export interface ErrorDetail {
  /** Stable machine code, e.g. `extension_taken`. */
  readonly code: string;
  readonly description: string;
  /** Dutch text for `Accept-Language: nl`; without it Dutch requests get `description`. */
  readonly descriptionNl?: string;
  /** The field (or CSV column) the detail is about, where there is one. */
  readonly field?: string;
}

export interface LocalizedText {
  readonly en: string;
  readonly nl: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly ErrorDetail[];
  /** Dutch message for `Accept-Language: nl`; the English one is `message`. */
  readonly messageNl: string | undefined;

  constructor(code: ErrorCode, message: string | LocalizedText, details: readonly ErrorDetail[] = []) {
    super(typeof message === 'string' ? message : message.en);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.messageNl = typeof message === 'string' ? undefined : message.nl;
  }
}

export function notFound(resource: string, resourceNl: string = resource): AppError {
  return new AppError('not_found', {
    en: `${resource} not found.`,
    nl: `${resourceNl} niet gevonden.`,
  });
}

export function validationFailed(details: readonly ErrorDetail[], message?: LocalizedText): AppError {
  return new AppError(
    'validation_failed',
    message ?? { en: 'The request is not valid.', nl: 'Het verzoek is niet geldig.' },
    details,
  );
}

export function conflict(message: string | LocalizedText, details: readonly ErrorDetail[] = []): AppError {
  return new AppError('conflict', message, details);
}

export function forbidden(
  message: LocalizedText = {
    en: 'Your role does not allow this action.',
    nl: 'Uw rol staat deze actie niet toe.',
  },
): AppError {
  return new AppError('forbidden', message);
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

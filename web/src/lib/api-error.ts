/** One entry of the server's error body: `{message, errors:[{description, code}], trackingId}`. */
export interface ApiErrorDetail {
  description: string;
  code: string;
  /** The request field the detail is about (`title`, `address.city`), when the server names one. */
  field?: string;
}

/** An HTTP answer outside 2xx, with the server's error body parsed (or a generic one when it had none). */
export class ApiError extends Error {
  readonly status: number;
  readonly errors: ApiErrorDetail[];
  readonly trackingId: string | null;
  /** A 503's `Retry-After` in seconds, when the server (or a proxy) said when to come back. */
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    message: string,
    errors: ApiErrorDetail[],
    trackingId: string | null,
    retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.errors = errors;
    this.trackingId = trackingId;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The first code the server gave, for callers that branch on a specific failure. */
  get code(): string | null {
    return this.errors[0]?.code ?? null;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/**
 * The request never got an answer (server down, connection gone). The browser's own text ("Failed
 * to fetch") is English and says nothing useful, so the app words it itself.
 */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : 'Network error', { cause });
    this.name = 'NetworkError';
  }
}

export function isNetworkError(value: unknown): value is NetworkError {
  return value instanceof NetworkError;
}

/** `Retry-After` as seconds: a number of seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads the error body defensively: a proxy or a crash may answer with HTML or nothing. */
export function parseApiError(
  status: number,
  body: unknown,
  headerTrackingId: string | null,
  retryAfterSeconds: number | null = null,
): ApiError {
  const record = isRecord(body) ? body : {};
  const rawErrors = Array.isArray(record.errors) ? record.errors : [];
  const errors: ApiErrorDetail[] = rawErrors.filter(isRecord).map((entry) => ({
    description: typeof entry.description === 'string' ? entry.description : '',
    code: typeof entry.code === 'string' ? entry.code : String(entry.code ?? ''),
    ...(typeof entry.field === 'string' && entry.field !== '' ? { field: entry.field } : {}),
  }));
  const message =
    typeof record.message === 'string' && record.message !== ''
      ? record.message
      : (errors[0]?.description ?? `HTTP ${status}`);
  const trackingId = typeof record.trackingId === 'string' ? record.trackingId : headerTrackingId;
  return new ApiError(status, message, errors, trackingId, retryAfterSeconds);
}

/**
 * A 4xx answer that explains itself (`errors[]`): a business rule or a field the admin can fix, not
 * a crash. Such a refusal is shown without a tracking id; 5xx and network failures keep theirs.
 */
export function isRefusal(error: unknown): error is ApiError {
  return (
    isApiError(error) &&
    error.status >= 400 &&
    error.status < 500 &&
    error.errors.some((detail) => detail.description !== '')
  );
}

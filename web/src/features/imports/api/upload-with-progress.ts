// A file upload that reports how far it has got: fetch cannot tell how much of a request body has
// been sent, XMLHttpRequest can (`upload.onprogress`). Everything else is as `send` does it: the
// same headers, the session cookie, the CSRF retry and the server's error body as an ApiError.
import {
  buildUrl,
  parseBodyText,
  refreshCsrfToken,
  requestHeaders,
  type QueryParams,
} from '../../../lib/api-client.ts';
import { parseApiError } from '../../../lib/api-error.ts';
import { getCsrfToken } from '../../../lib/csrf-token.ts';

export interface UploadProgress {
  /** Bytes of the request body sent so far. */
  readonly loaded: number;
  /** Bytes of the whole request body (the file and its form fields). */
  readonly total: number;
}

export interface UploadRequest {
  readonly query?: QueryParams;
  readonly body: FormData;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: UploadProgress) => void;
}

export interface UploadAnswer {
  readonly data: unknown;
  readonly status: number;
  header(name: string): string | null;
}

/** What fetch rejects with when its signal aborts, so callers tell a cancel from a failure alike. */
function abortError(): DOMException {
  return new DOMException('The upload was cancelled.', 'AbortError');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function sendOnce(path: string, request: UploadRequest): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    if (request.signal?.aborted) {
      reject(abortError());
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, request.query));
    // As fetch's `credentials: 'include'`: the session cookie goes along.
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    // No Content-Type: the browser sets multipart/form-data with its boundary, as fetch does.
    requestHeaders('POST').forEach((value, name) => xhr.setRequestHeader(name, value));
    const onAbort = () => xhr.abort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => request.signal?.removeEventListener('abort', onAbort);
    if (request.onProgress) {
      const report = request.onProgress;
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) report({ loaded: event.loaded, total: event.total });
      };
    }
    xhr.onload = () => {
      settle();
      const data =
        xhr.status === 204
          ? undefined
          : parseBodyText(xhr.responseText, xhr.getResponseHeader('Content-Type'));
      resolve({ data, status: xhr.status, header: (name) => xhr.getResponseHeader(name) });
    };
    xhr.onerror = () => {
      settle();
      // fetch's own words for a request that got no answer (offline, connection reset).
      reject(new TypeError('Failed to fetch'));
    };
    xhr.onabort = () => {
      settle();
      reject(abortError());
    };
    xhr.send(request.body);
  });
}

/** Posts the form to `path`, reporting progress; answers the parsed body or throws the ApiError. */
export async function uploadWithProgress(path: string, request: UploadRequest): Promise<UploadAnswer> {
  const hadCsrfToken = Boolean(getCsrfToken());
  const answer = await sendOnce(path, request);
  if (answer.status === 403 && !hadCsrfToken && (await refreshCsrfToken())) {
    // As `send`: a page opened without the shell has a session but no CSRF token yet.
    return uploadWithProgress(path, request);
  }
  if (answer.status < 200 || answer.status >= 300)
    throw parseApiError(answer.status, answer.data, answer.header('trackingId'));
  return answer;
}

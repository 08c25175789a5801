// The Content-Disposition of a download whose file name holds data (a customer's external id, which
// may be any text): an ASCII `filename` with every character outside letters, digits, `.`, `_` and
// `-` replaced by `_`, for old clients, and the real name as RFC 5987/6266 `filename*=UTF-8''…`.
// Written into the header as it was, a `"` or `;` in the name added parameters of its own (a
// second `filename`), and a character outside Latin-1 made Node refuse the header: a 500.
import { create } from 'content-disposition';

const NOT_SAFE_ASCII = /[^A-Za-z0-9._-]/g;

/** `attachment; filename=…` for a download named `fileName`. */
export function attachmentDisposition(fileName: string): string {
  return create(fileName, { fallback: fileName.replace(NOT_SAFE_ASCII, '_') });
}

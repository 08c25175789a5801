// Optimistic concurrency of the edit forms (ADR 0092): a record is read with its ETag, and a save
// sends that ETag back as If-Match, so the server refuses it (412) when someone else changed the
// record since the form was loaded, instead of silently overwriting their change.
import { send, type RequestOptions } from './api-client.ts';

/** A record as read, with the ETag of the version it was read at (null when the server sent none). */
export type WithEtag<T> = T & { readonly etag?: string | null };

/** The answer's body and its ETag. */
export async function sendWithEtag<T>(
  path: string,
  options: RequestOptions = {},
): Promise<{ data: T; etag: string | null }> {
  const { data, response } = await send(path, options);
  return { data: data as T, etag: response.headers.get('ETag') };
}

/** A GET of a record, the ETag kept in the record (so it travels with the data in the query cache). */
export async function getWithEtag<T extends object>(
  path: string,
  signal?: AbortSignal,
): Promise<WithEtag<T>> {
  const { data, etag } = await sendWithEtag<T>(path, signal ? { signal } : {});
  return { ...data, etag };
}

/** The If-Match header of a save of a record read with this ETag; none without one (last write wins). */
export function ifMatchHeaders(etag: string | null | undefined): Record<string, string> {
  return etag ? { 'If-Match': etag } : {};
}

/** A JSON answer as a stubbed fetch gives it, with the record's ETag when it has one (ADR 0092). */
export function jsonResponse(body: unknown, status = 200, etag?: string): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...(etag ? { ETag: etag } : {}) },
  });
}

// The one reading of `Authorization: Bearer <token>`, shared by the admin API's authentication, SCIM's
// and the rate limit's credential key: a request is counted against the same token it is
// authenticated with, however the header was spelled.

const BEARER = /^bearer\s+(.+)$/is;

/**
 * The token of an `Authorization: Bearer <token>` header: the scheme in any case, whitespace around
 * and between ignored. Null without a header, for another scheme, or when no token follows.
 */
export function bearerToken(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const token = BEARER.exec(authorization.trim())?.[1]?.trim();
  return token ? token : null;
}

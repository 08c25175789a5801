// Masks what must never reach a log line, whatever wrote it: a request URL (an invite link's path,
// a sign-up link's ?token=, a SCIM filter on userName), a database error's detail, an SMTP
// failure naming its recipient. Run on each serialized line, so a new log call or a library's
// error message cannot bring a secret or a full email address back in.

/**
 * An email address, also URL-encoded (`%40`); the first character and the domain stay. The local
 * part starts after a character that cannot be in it, or after a %XX escape (`%22jan%40…`).
 */
const EMAIL =
  /(?<=^|[^A-Za-z0-9._+-]|%[0-9A-Fa-f]{2})(?<!%[0-9A-Fa-f]?)([A-Za-z0-9_+-])[A-Za-z0-9._+-]*(@|%40)([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;

/** The hub's own credentials (API tokens, sessions, SCIM tokens), wherever they appear. */
const HUB_CREDENTIAL = /\b(whk_|whs_|whscim_)[A-Za-z0-9_-]{8,}/g;

/** `Authorization: Bearer …` copied into a message. */
const BEARER = /\b(Bearer|Basic)(\s+|%20|\+)[A-Za-z0-9._~+/=-]{8,}/gi;

/** The single-use link tokens of the web app's paths (invite, password reset). */
const LINK_PATH_TOKEN = /(\/(?:invite|reset-password)\/)[^/?#"\\\s]+/g;

/** Query parameters that carry a secret: sign-up verification, consent, any `token`. */
const SECRET_PARAMETER = /([?&](?:[A-Za-z_]*token|code|secret|password|key)=)[^&#"\\\s]+/gi;

export function scrubLogLine(line: string): string {
  // Most lines hold none of these: a substring test is far cheaper than each regex.
  let scrubbed = line;
  if (scrubbed.includes('wh')) scrubbed = scrubbed.replace(HUB_CREDENTIAL, '$1[redacted]');
  if (/bearer|basic/i.test(scrubbed)) scrubbed = scrubbed.replace(BEARER, '$1 [redacted]');
  if (scrubbed.includes('/invite/') || scrubbed.includes('/reset-password/')) {
    scrubbed = scrubbed.replace(LINK_PATH_TOKEN, '$1[redacted]');
  }
  if (scrubbed.includes('=')) scrubbed = scrubbed.replace(SECRET_PARAMETER, '$1[redacted]');
  if (scrubbed.includes('@') || scrubbed.includes('%40')) scrubbed = scrubbed.replace(EMAIL, '$1***$2$3');
  return scrubbed;
}

// Masks what must never reach a log line, whatever wrote it: a request URL (an invite link's path,
// a sign-up link's ?token=, a SCIM filter on userName), a database error's detail, an SMTP
// failure naming its recipient. Run on each serialized line, so a new log call or a library's
// error message cannot bring a secret or a full email address back in.

/**
 * A percent escape of a character an email's local part may hold (RFC 5322 atext and `.`, letters,
 * digits, UTF-8 bytes): `first.last%2Btag%40…` is one local part, not `tag` after a separator.
 */
const LOCAL_ESCAPE =
  '%(?:2[1345ABDEabde]|3[0-9]|[46][1-9A-Fa-f]|[57][0-9Aa]|5[EFef]|60|7[B-Eb-e]|[89A-Fa-f][0-9A-Fa-f])';

/**
 * A percent escape of a character that cannot be in a local part (controls, space, `"`, `&`, `'`,
 * `(`, `)`, `,`, `/`, `:`…`?`, `@`, `[`, `\`, `]`, DEL): a local part may start right after one
 * (`%22jan%40…`, `userName%20eq%20…`).
 */
const SEPARATOR_ESCAPE = '%(?:[01][0-9A-Fa-f]|2[026789CFcf]|3[A-Fa-f]|40|5[B-Db-d]|7[Ff])';

/**
 * An email address, also URL-encoded (`%40`, `%2B`, …); the first character and the domain stay.
 * The local part starts at the line's start, after a character that cannot be in it, after a
 * separator escape, or after a `%` that starts no escape; never inside a run of local characters,
 * so an encoded `+` or `.` does not let most of the address through.
 */
const EMAIL = new RegExp(
  `(?:(?<=^|[^A-Za-z0-9._+%-]|${SEPARATOR_ESCAPE})|(?<=%)(?![0-9A-Fa-f]{2}))` +
    `((?:[A-Za-z0-9_+-]|${LOCAL_ESCAPE})(?:[A-Za-z0-9._+-]|${LOCAL_ESCAPE})*)` +
    '(@|%40)([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})',
  'g',
);

/**
 * `j***@example.com`. In an address whose `@` is encoded (`%40`), a bare `+` is a query string's
 * space (its encoder turns a real `+` into `%2B`): the local part starts after the last one, so
 * `userName+eq+jan%40…` keeps `userName+eq+`.
 */
function maskEmail(_match: string, local: string, at: string, domain: string): string {
  const spaceAt = at === '%40' ? local.lastIndexOf('+') : -1;
  const lead = spaceAt >= 0 && spaceAt < local.length - 1 ? local.slice(0, spaceAt + 1) : '';
  const address = local.slice(lead.length);
  const first = /^%[0-9A-Fa-f]{2}/.test(address) ? address.slice(0, 3) : address.slice(0, 1);
  return `${lead}${first}***${at}${domain}`;
}

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
  if (scrubbed.includes('@') || scrubbed.includes('%40')) scrubbed = scrubbed.replace(EMAIL, maskEmail);
  return scrubbed;
}

/** Returns the URL of `rel="next"` in an RFC 8288 `Link` header, or null when there is none. */
export function parseNextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (!match) continue;
    const params = match[2] ?? '';
    if (/\brel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(params)) return match[1] ?? null;
  }
  return null;
}

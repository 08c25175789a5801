/** Spaces, dashes, dots and brackets format a typed number; the server ignores them too. */
const formatting = /[\s\-().]/g;

/**
 * How many numbers the range `first`–`last` holds, for the confirmation: counted only when both ends
 * are written alike (both E.164 or both national, the same length); null when that cannot be told
 * here (the server reads the range either way); 'reversed' when the last comes before the first.
 * An empty `last` is the first number alone.
 */
export function rangeSize(first: string, last: string): number | 'reversed' | null {
  const start = first.replace(formatting, '');
  const end = (last.trim() ? last : first).replace(formatting, '');
  if (!/^\+?\d+$/.test(start) || !/^\+?\d+$/.test(end)) return null;
  if (start.startsWith('+') !== end.startsWith('+') || start.length !== end.length) return null;
  const size = Number(end.replace('+', '')) - Number(start.replace('+', '')) + 1;
  if (!Number.isSafeInteger(size)) return null;
  return size < 1 ? 'reversed' : size;
}

/** The entry the API reads as a range (` - ` is its unambiguous separator), or the one number. */
export function rangeEntry(first: string, last: string): string {
  return last.trim() ? `${first.trim()} - ${last.trim()}` : first.trim();
}

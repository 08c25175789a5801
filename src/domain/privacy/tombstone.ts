// What an erased person's address becomes (ADR 0024): `erased:` and a hash prefix, never an email,
// so code that meets one (a job's payload, say) can tell that the person was erased.
export const TOMBSTONE_PREFIX = 'erased:';

export function isTombstone(value: string): boolean {
  return value.startsWith(TOMBSTONE_PREFIX);
}

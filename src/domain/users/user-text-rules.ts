// Rules for the user's free-text fields that have a fixed vocabulary (SPEC §5/§6 columns
// `Time zone` and `Preferred Language`): an IANA time zone and an ISO 639-1 language with an
// optional region. Pure.
import { canonicalLanguageTag } from '../locale/language-tag.ts';

const CANONICAL_TIME_ZONES: ReadonlyMap<string, string> = new Map(
  Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]),
);

/**
 * The stored form of a time zone, or null when it is not one. The IANA names Intl lists keep
 * their spelling (`europe/amsterdam` → `Europe/Amsterdam`); aliases that Intl accepts but does
 * not list (`UTC`, `Etc/GMT+1`, `Asia/Calcutta`) are kept as given.
 */
export function canonicalTimeZone(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '' || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(trimmed)) return null;
  const listed = CANONICAL_TIME_ZONES.get(trimmed.toLowerCase());
  if (listed) return listed;
  try {
    new Intl.DateTimeFormat('en', { timeZone: trimmed });
    return trimmed;
  } catch {
    return null;
  }
}

/**
 * A user's preferred language: an ISO 639-1 code, optionally with a region (`nl`, `nl_NL`, `en_US`;
 * `-` too). Stored as given: a directory that sends `en-US` reads `en-US` back, and does not see a
 * change to undo at every sync.
 */
export function isPreferredLanguage(value: string): boolean {
  return canonicalLanguageTag(value) !== null;
}

// ISO 3166-1 alpha-2 (SPEC §2): the 249 officially assigned codes, from the `iso-3166` package
// (generated from the ISO list). Node's region names are not that list: they also name
// reserved and private-use codes (EU, UK, XA, QO, ZZ…), so they cannot decide it.
import { iso31661 } from 'iso-3166/1.js';

const ASSIGNED: ReadonlySet<string> = new Set(iso31661.map((entry) => entry.alpha2));

/** An assigned ISO 3166-1 alpha-2 code, written upper case as stored (`NL`, not `nl`). */
export function isCountryCode(value: string): boolean {
  return ASSIGNED.has(value);
}

/** The number of assigned codes (249 today); for tests and docs. */
export const ASSIGNED_COUNTRY_CODE_COUNT = ASSIGNED.size;

// Expands the ranges admins type (`+31201234500-+31201234599`, `0201234500-0201234599`, or a list
// of single numbers) into E.164 numbers, both ends normalized with the location's country. Pure.
import type { ErrorDetail } from '../errors.ts';
import { normalizePhoneNumber } from './normalize-phone.ts';

export const MAX_NUMBERS_PER_REQUEST = 10_000;

const REQUEST_VERBS = {
  add: { en: 'added', nl: 'toegevoegd' },
  remove: { en: 'removed', nl: 'verwijderd' },
} as const;

/** The limit on one request as a whole: at most MAX_NUMBERS_PER_REQUEST numbers added or removed. */
export function tooManyNumbers(count: number, action: keyof typeof REQUEST_VERBS): ErrorDetail | null {
  if (count <= MAX_NUMBERS_PER_REQUEST) return null;
  const verb = REQUEST_VERBS[action];
  return {
    code: 'range_too_large',
    field: 'numbers',
    description: `At most ${MAX_NUMBERS_PER_REQUEST} numbers can be ${verb.en} at once.`,
    descriptionNl: `Er kunnen maximaal ${MAX_NUMBERS_PER_REQUEST} nummers tegelijk worden ${verb.nl}.`,
  };
}

export type RangeExpansion = { ok: true; numbers: string[] } | { ok: false; errors: ErrorDetail[] };

/** A typed entry read as one number or as the two ends of a range (raw text, not normalized). */
type Entry = { kind: 'single'; raw: string } | { kind: 'range'; start: string; end: string };

/**
 * Where the range dash is. Unambiguous separators first (` - `, `..`, a dash before `+`); else a
 * valid number is one number (dashes inside it are formatting: `020-123-4503`); else the dash
 * whose two sides are both valid numbers of the location's country (`0301234500-0301234503`).
 */
function readEntry(input: string, country: string): Entry {
  const parts = input.split(/\s*(?<=\d)-(?=\s*\+)|\s+-\s+|\s*\.\.\s*/);
  if (parts.length === 2) return { kind: 'range', start: parts[0] ?? '', end: parts[1] ?? '' };
  if (parts.length > 2 || normalizePhoneNumber(input, country).ok) return { kind: 'single', raw: input };
  let fallback: Entry | undefined;
  for (let dash = input.indexOf('-'); dash > 0; dash = input.indexOf('-', dash + 1)) {
    const start = normalizePhoneNumber(input.slice(0, dash), country);
    const end = normalizePhoneNumber(input.slice(dash + 1), country);
    if (!start.ok || !end.ok) continue;
    const entry: Entry = { kind: 'range', start: input.slice(0, dash), end: input.slice(dash + 1) };
    if (start.e164.length === end.e164.length) return entry;
    fallback ??= entry;
  }
  return fallback ?? { kind: 'single', raw: input };
}

export function expandNumberRanges(inputs: readonly string[], country: string): RangeExpansion {
  const numbers = new Set<string>();
  const errors: ErrorDetail[] = [];
  const invalid = (raw: string): void => {
    errors.push({
      code: 'invalid_phone_number',
      field: 'numbers',
      description: `"${raw.trim()}" is not a valid phone number for ${country}.`,
      descriptionNl: `"${raw.trim()}" is geen geldig telefoonnummer voor ${country}.`,
    });
  };
  for (const input of inputs) {
    const entry = readEntry(input, country);
    if (entry.kind === 'single') {
      const single = normalizePhoneNumber(entry.raw, country);
      if (single.ok) numbers.add(single.e164);
      else invalid(entry.raw);
      continue;
    }
    // Both ends are read with the location's country, like single numbers (SPEC §4).
    const start = normalizePhoneNumber(entry.start, country);
    if (!start.ok) {
      invalid(entry.start);
      continue;
    }
    const end = normalizePhoneNumber(entry.end, country);
    if (!end.ok) {
      invalid(entry.end);
      continue;
    }
    const first = BigInt(start.e164.slice(1));
    const last = BigInt(end.e164.slice(1));
    if (start.e164.length !== end.e164.length || last < first) {
      errors.push({
        code: 'invalid_range',
        field: 'numbers',
        description: `"${input}" is not a range from a lower to a higher number of the same length.`,
        descriptionNl: `"${input}" is geen reeks van een lager naar een hoger nummer van dezelfde lengte.`,
      });
      continue;
    }
    if (last - first + 1n > BigInt(MAX_NUMBERS_PER_REQUEST)) {
      errors.push({
        code: 'range_too_large',
        field: 'numbers',
        description: `"${input}" has more than ${MAX_NUMBERS_PER_REQUEST} numbers.`,
        descriptionNl: `"${input}" bevat meer dan ${MAX_NUMBERS_PER_REQUEST} nummers.`,
      });
      continue;
    }
    for (let value = first; value <= last; value += 1n) numbers.add(`+${value}`);
  }
  const tooMany = tooManyNumbers(numbers.size, 'add');
  if (tooMany) errors.push(tooMany);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, numbers: [...numbers].sort() };
}

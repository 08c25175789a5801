// Expands the ranges admins type (`+31201234500-+31201234599`, or a list of single numbers) into
// E.164 numbers, normalized with the location's country. Pure.
import type { ErrorDetail } from '../errors.ts';
import { normalizePhoneNumber } from './normalize-phone.ts';

export const MAX_NUMBERS_PER_REQUEST = 10_000;

export type RangeExpansion = { ok: true; numbers: string[] } | { ok: false; errors: ErrorDetail[] };

export function expandNumberRanges(inputs: readonly string[], country: string): RangeExpansion {
  const numbers = new Set<string>();
  const errors: ErrorDetail[] = [];
  for (const input of inputs) {
    // A dash between two numbers is a range; dashes inside a number are formatting.
    const parts = input.split(/\s*(?<=\d)-(?=\s*\+)|\s+-\s+|\s*\.\.\s*/);
    const [startRaw, endRaw] = parts.length === 2 ? parts : [input, undefined];
    const start = normalizePhoneNumber(startRaw ?? '', country);
    if (!start.ok) {
      errors.push({
        code: 'invalid_phone_number',
        field: 'numbers',
        description: `"${startRaw}" is not a valid phone number for ${country}.`,
      });
      continue;
    }
    if (endRaw === undefined) {
      numbers.add(start.e164);
      continue;
    }
    const end = normalizePhoneNumber(endRaw, country);
    if (!end.ok) {
      errors.push({
        code: 'invalid_phone_number',
        field: 'numbers',
        description: `"${endRaw}" is not a valid phone number for ${country}.`,
      });
      continue;
    }
    const first = BigInt(start.e164.slice(1));
    const last = BigInt(end.e164.slice(1));
    if (start.e164.length !== end.e164.length || last < first) {
      errors.push({
        code: 'invalid_range',
        field: 'numbers',
        description: `"${input}" is not a range from a lower to a higher number of the same length.`,
      });
      continue;
    }
    if (last - first + 1n > BigInt(MAX_NUMBERS_PER_REQUEST)) {
      errors.push({
        code: 'range_too_large',
        field: 'numbers',
        description: `"${input}" has more than ${MAX_NUMBERS_PER_REQUEST} numbers.`,
      });
      continue;
    }
    for (let value = first; value <= last; value += 1n) numbers.add(`+${value}`);
  }
  if (numbers.size > MAX_NUMBERS_PER_REQUEST) {
    errors.push({
      code: 'range_too_large',
      field: 'numbers',
      description: `At most ${MAX_NUMBERS_PER_REQUEST} numbers can be added at once.`,
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, numbers: [...numbers].sort() };
}

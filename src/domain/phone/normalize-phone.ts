// Phone numbers are stored in E.164 (SPEC §4). Input from people and spreadsheets may carry spaces,
// dashes, a national trunk prefix, or have lost its leading `+` (Excel treats `+31…` as a number).
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneNormalization =
  { ok: true; e164: string; plusRestored: boolean } | { ok: false; reason: 'invalid_phone_number' };

// Spaces, dashes (also the en dash a word processor puts in), brackets, dots and the slash that
// Belgian, German and Austrian national formats use (`02/511.12.01`). Anything else (`#`, `ext.`,
// letters) is refused rather than guessed at.
const ALLOWED_CHARACTERS = /^[+\d\s\-\u2013()./]+$/;
/** The North American plan dials its own numbers nationally with a leading 1, its calling code. */
const NANP_CALLING_CODE = '1';

/**
 * libphonenumber costs ~10 µs a call, and an import reads each number twice (the batch's inventory
 * lookup, then the row's plan): remember the latest results. Bounded, so memory stays flat.
 */
const MEMO_LIMIT = 16_384;
const memo = new Map<string, PhoneNormalization>();

/**
 * Normalizes `raw` to E.164 using `country` (ISO alpha-2 of the location) for national formats.
 * A digits-only value that starts with the country's calling code and is valid when read as an
 * international number is accepted with `plusRestored` so the caller can warn: a spreadsheet
 * stripped its `+`.
 */
export function normalizePhoneNumber(raw: string, country: string | null): PhoneNormalization {
  // An international number reads the same whatever the location's country.
  const key = raw.trimStart().startsWith('+') ? raw : `${country ?? ''}|${raw}`;
  const known = memo.get(key);
  if (known) return known;
  const result = normalizeUncached(raw, country);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, result);
  return result;
}

const E164_SHAPE = /^\+[1-9]\d{6,14}$/;

/** True when `value` is written as E.164 (a `+`, then digits only): the form stored numbers take. */
export function hasE164Shape(value: string): boolean {
  return E164_SHAPE.test(value);
}

/**
 * Remembers numbers known to be valid E.164 (a customer's inventory, which was normalized when it
 * was stored), so that reading the same text again skips libphonenumber: an import reads tens of
 * thousands of inventory numbers, and each parse costs ~10 µs and ~6 KB of garbage.
 */
export function rememberValidE164(numbers: Iterable<string>): void {
  for (const number of numbers) {
    if (!E164_SHAPE.test(number)) continue;
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(number, { ok: true, e164: number, plusRestored: false });
  }
}

function normalizeUncached(raw: string, country: string | null): PhoneNormalization {
  const trimmed = raw.trim();
  if (trimmed === '' || !ALLOWED_CHARACTERS.test(trimmed))
    return { ok: false, reason: 'invalid_phone_number' };
  const defaultCountry = country ? (country.toUpperCase() as CountryCode) : undefined;
  const digits = trimmed.replace(/\D/g, '');

  if (!trimmed.startsWith('+') && defaultCountry) {
    const asNational = parsePhoneNumberFromString(trimmed, defaultCountry);
    const callingCode = asNational?.countryCallingCode;
    // libphonenumber silently reads `31201234567` as +31…; tell the caller the `+` was restored.
    // Not in the North American plan, where `1 212 …` is the usual national dialling, not a loss.
    if (
      asNational?.isValid() &&
      callingCode &&
      callingCode !== NANP_CALLING_CODE &&
      !digits.startsWith('0') &&
      digits.startsWith(callingCode) &&
      asNational.nationalNumber === digits.slice(callingCode.length)
    ) {
      return { ok: true, e164: asNational.number, plusRestored: true };
    }
    if (asNational?.isValid()) return { ok: true, e164: asNational.number, plusRestored: false };
    return { ok: false, reason: 'invalid_phone_number' };
  }

  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry);
  if (!parsed?.isValid()) return { ok: false, reason: 'invalid_phone_number' };
  return { ok: true, e164: parsed.number, plusRestored: false };
}

/** True when `value` is already a valid E.164 number (export leaves those cells as they are). */
export function isValidE164(value: string): boolean {
  if (!/^\+\d{2,15}$/.test(value)) return false;
  return parsePhoneNumberFromString(value)?.isValid() === true;
}

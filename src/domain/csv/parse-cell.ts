// Cell-level parsing of SPEC §6: booleans in English and Dutch, `REMOVE|<number>`, and the
// reverse of export's formula neutralizing.

export type BooleanCell = { ok: true; value: boolean | null } | { ok: false };

const TRUE_WORDS = new Set(['true', 't', 'waar']);
const FALSE_WORDS = new Set(['false', 'f', 'onwaar']);
// Shared answers: an import reads ~10 boolean cells a row, and a new object for each was garbage.
const BLANK: BooleanCell = Object.freeze({ ok: true, value: null });
const TRUE: BooleanCell = Object.freeze({ ok: true, value: true });
const FALSE: BooleanCell = Object.freeze({ ok: true, value: false });
const INVALID: BooleanCell = Object.freeze({ ok: false });

/** Blank -> null (no change); TRUE/FALSE/T/F/WAAR/ONWAAR in any case; anything else is invalid. */
export function parseBooleanCell(raw: string): BooleanCell {
  // What spreadsheets write, answered without a trimmed, lower-cased copy.
  if (raw === 'TRUE') return TRUE;
  if (raw === 'FALSE') return FALSE;
  if (raw === '') return BLANK;
  const value = raw.trim().toLowerCase();
  if (value === '') return BLANK;
  if (TRUE_WORDS.has(value)) return TRUE;
  if (FALSE_WORDS.has(value)) return FALSE;
  return INVALID;
}

export type PhoneCell =
  { kind: 'blank' } | { kind: 'set'; value: string } | { kind: 'remove'; value: string };

const REMOVE_PREFIX = /^remove\|/i;

export function parsePhoneCell(raw: string): PhoneCell {
  const value = unescapeFormulaCell(raw).trim();
  if (value === '') return { kind: 'blank' };
  if (REMOVE_PREFIX.test(value)) return { kind: 'remove', value: value.replace(REMOVE_PREFIX, '').trim() };
  return { kind: 'set', value };
}

// Export and import must be exact inverses for every string, or an export re-imported would not
// be all `unchanged` (SPEC §6). SPEC states the single-quote case: export writes `'=x` for `=x`
// and import reads it back. A stored value that itself starts with `'` before the formula
// character (`'=x`) would then export as `'=x` too and come back as `=x`. So both sides treat
// any run of `'` before `=`, `+`, `-` or `@` as part of the value: export adds one more `'`
// (`'=x` -> `''=x`) and import removes exactly one (`''=x` -> `'=x`). The cases SPEC names
// (`=x` <-> `'=x`) are unchanged; a `'` not followed (after more `'`) by a formula character is
// never touched on either side.
// A spreadsheet skips leading whitespace and control characters before it looks for a formula:
// `\t=HYPERLINK(…)`, `\r=1+1` and ` @SUM(…)` are evaluated as `=…`/`@…` are. So "before a formula
// character" allows any run of them (tab, CR, LF, space, other whitespace and control characters)
// after the `'`s, on both sides alike, which keeps export and import exact inverses.
const APOSTROPHE = 0x27;
const NEUTRALIZED = /^'+[\p{Cc}\s]*[=+\-@]/u;

/** A cell that export neutralized (`'=…`, `''=…`) loses exactly one leading `'` on import. */
export function unescapeFormulaCell(raw: string): string {
  // The first-character check spares the regex for nearly every cell (~15 a row).
  return raw.charCodeAt(0) === APOSTROPHE && NEUTRALIZED.test(raw) ? raw.slice(1) : raw;
}

const NEEDS_NEUTRALIZING = /^'*[\p{Cc}\s]*[=+\-@]/u;

/**
 * Export's formula-injection guard: a free-text cell that a spreadsheet would evaluate (its first
 * character after leading whitespace/control characters is `=`, `+`, `-` or `@`) gets a
 * leading `'`, and so does one that already starts with `'`s before a formula character, so that
 * import (which strips one `'`) gives the stored value back. Callers pass `isTrustedNumber` for
 * validated E.164 numbers, which stay as they are.
 */
export function neutralizeCell(value: string, isTrustedNumber = false): string {
  if (isTrustedNumber) return value;
  return NEEDS_NEUTRALIZING.test(value) ? `'${value}` : value;
}

import { iso31661 } from 'iso-3166/1.js';

/**
 * ISO 3166-1 alpha-2: exactly the assigned codes the server accepts (it reads the same `iso-3166`
 * list), named in the UI language by the browser, with the list's English name as the fallback.
 */
const assignedCodes = new Set(iso31661.map((entry) => entry.alpha2));

export function isAssignedCountry(code: string): boolean {
  return assignedCodes.has(code.trim().toUpperCase());
}

function displayNames(language: string): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
  } catch {
    return null;
  }
}

export function countryName(code: string, language: string): string {
  const names = displayNames(language);
  const entry = iso31661.find((candidate) => candidate.alpha2 === code);
  return names?.of(code) ?? entry?.name ?? code;
}

/** Select options sorted by their name in `language`; the code is searchable too ("NL"). */
export function countryOptions(language: string): { value: string; label: string }[] {
  const names = displayNames(language);
  const collator = new Intl.Collator(language);
  return iso31661
    .map((entry) => ({
      value: entry.alpha2,
      label: `${names?.of(entry.alpha2) ?? entry.name} (${entry.alpha2})`,
    }))
    .sort((left, right) => collator.compare(left.label, right.label));
}

function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

/**
 * The options that match what the admin typed, best first: the country whose code it is ("NL" →
 * Netherlands), then names starting with it, then names containing it. The list's own order (by
 * name) holds within each group.
 */
export function rankCountries<T extends { value: string; label: string }>(
  options: readonly T[],
  search: string,
): T[] {
  const typed = folded(search);
  if (typed === '') return [...options];
  const codeMatch: T[] = [];
  const starts: T[] = [];
  const contains: T[] = [];
  for (const option of options) {
    const label = folded(option.label);
    if (folded(option.value) === typed) codeMatch.push(option);
    else if (label.startsWith(typed)) starts.push(option);
    else if (label.includes(typed)) contains.push(option);
  }
  return [...codeMatch, ...starts, ...contains];
}

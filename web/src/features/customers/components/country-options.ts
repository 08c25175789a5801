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

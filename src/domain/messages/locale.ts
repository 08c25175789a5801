export type Locale = 'en' | 'nl';

/** Picks `nl` for any Dutch tag (`nl`, `nl-NL`, `nl_NL`), else English. */
export function toLocale(tag: string | null | undefined): Locale {
  return tag && /^nl\b|^nl[-_]/i.test(tag.trim()) ? 'nl' : 'en';
}

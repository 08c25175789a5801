// A count with its noun in the message's language ("1 user", "2 users"; "1 gebruiker",
// "2 gebruikers"), chosen by the language's own plural rules rather than a "(s)" suffix.
import type { Locale } from './locale.ts';

const PLURAL_RULES: Readonly<Record<Locale, Intl.PluralRules>> = {
  en: new Intl.PluralRules('en'),
  nl: new Intl.PluralRules('nl'),
};

/** Whether `count` takes the singular form in `locale`. */
export function isSingular(count: number, locale: Locale): boolean {
  return PLURAL_RULES[locale].select(count) === 'one';
}

/** `count` followed by the singular or plural noun, e.g. `counted(2, 'en', 'user', 'users')`. */
export function counted(count: number, locale: Locale, singular: string, plural: string): string {
  return `${count} ${isSingular(count, locale) ? singular : plural}`;
}

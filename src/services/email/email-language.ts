// Which language an email speaks: the most specific thing known about its recipient wins. A
// customer's admin or user reads the customer's language, a partner admin the partner's default
// language, and someone outside both (a free account signing up) the language of the request.
import type { Locale } from '../context.ts';

/** `nl`, `nl_NL`, `nl-BE` are Dutch; every other language gets English (the only other text). */
export function localeOfLanguage(language: string): Locale {
  return /^nl(?:[_-]|$)/i.test(language.trim()) ? 'nl' : 'en';
}

export interface RecipientLanguages {
  /** The customer the recipient belongs to (customer admins, users, people moving in). */
  readonly customerLanguage?: string | null | undefined;
  readonly partnerLanguage?: string | null | undefined;
  /** The locale of the request that caused the email. */
  readonly requestLocale: Locale;
}

export function emailLocale(recipient: RecipientLanguages): Locale {
  const known = recipient.customerLanguage?.trim() || recipient.partnerLanguage?.trim();
  return known ? localeOfLanguage(known) : recipient.requestLocale;
}

// Language of a customer or location (SPEC §2: "e.g. nl, nl_NL, en_US"): an ISO 639-1 language,
// optionally followed by an ISO 3166-1 alpha-2 region. The public Wholesale API writes
// `{ISO-639-1}_{ISO-3166}` with any case (`en_us`, `fr_fr`), partners' settings also take `nl-NL`:
// every such spelling is accepted and stored in one form, `nl` or `nl_NL`.
import ISO6391 from 'iso-639-1';
import { isCountryCode } from './country-code.ts';

const SHAPE = /^([A-Za-z]{2})(?:[_-]([A-Za-z]{2}))?$/;

/** The stored form (`nl`, `nl_NL`) of a language tag, or null when it is not one. */
export function canonicalLanguageTag(value: string): string | null {
  const match = SHAPE.exec(value.trim());
  if (!match?.[1]) return null;
  const language = match[1].toLowerCase();
  if (!ISO6391.validate(language)) return null;
  if (match[2] === undefined) return language;
  const region = match[2].toUpperCase();
  return isCountryCode(region) ? `${language}_${region}` : null;
}

export function isLanguageTag(value: string): boolean {
  return canonicalLanguageTag(value) !== null;
}

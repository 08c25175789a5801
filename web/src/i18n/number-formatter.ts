import type { FormatterModule } from 'i18next';

/** One formatter per language the app speaks; the texts fall back to English, and so do numbers. */
const formats = { en: new Intl.NumberFormat('en'), nl: new Intl.NumberFormat('nl') } as const;

/**
 * A number as a text in `language` writes it: 12,345 and 100,000 in English, 12.345 and 100.000 in
 * Dutch. A language the app does not speak is written as English, the texts' fallback.
 */
export function formatNumber(value: number, language: string | undefined): string {
  return (language?.toLowerCase().startsWith('nl') ? formats.nl : formats.en).format(value);
}

/**
 * i18next's formatter, called for every value put into a text (`interpolation.alwaysFormat`): a
 * number is written the way the text's language writes numbers, so an admin importing a big file
 * reads "12,345 of 100,000 rows" or "12.345 van 100.000 rijen". Everything else goes in as given,
 * so the identifiers that look like numbers are passed as strings: extensions, phone numbers and
 * external IDs come from the API as strings, and a row number is given as a string by its caller
 * (import-row-range.ts, import-rows-table.tsx), since it is the row a spreadsheet shows. The texts
 * use no named formats (`{{count, …}}`).
 */
export const numberFormatter: FormatterModule = {
  type: 'formatter',
  init: () => undefined,
  add: () => undefined,
  addCached: () => undefined,
  format: (value: unknown, _format, language) =>
    (typeof value === 'number' && Number.isFinite(value) ? formatNumber(value, language) : value) as string,
};

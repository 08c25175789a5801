import type { FormatterModule } from 'i18next';

const dutch = new Intl.NumberFormat('nl');

/**
 * A number as a text in `language` writes it: 12.345 and 100.000 in Dutch. English keeps plain
 * digits (2000 of 5000 rows), as its texts always have.
 */
export function formatNumber(value: number, language: string | undefined): string {
  return language?.toLowerCase().startsWith('nl') ? dutch.format(value) : String(value);
}

/**
 * i18next's formatter, called for every value put into a text (`interpolation.alwaysFormat`): a
 * number is written the way the text's language writes numbers, so a Dutch admin importing a big
 * file reads "12.345 van 100.000 rijen". Everything else goes in as given: the identifiers that
 * look like numbers (extensions, phone numbers, external IDs) come from the API as strings. The
 * texts use no named formats (`{{count, …}}`).
 */
export const numberFormatter: FormatterModule = {
  type: 'formatter',
  init: () => undefined,
  add: () => undefined,
  addCached: () => undefined,
  format: (value: unknown, _format, language) =>
    (typeof value === 'number' && Number.isFinite(value) ? formatNumber(value, language) : value) as string,
};

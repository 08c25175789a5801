// A size limit in words an admin reads at a glance: bytes below 1 kB, kB below 1 MB, then MB, GB,
// with one decimal where the whole number would hide a tenth (`1.4 kB`, `1,4 kB` in Dutch). The
// exact figure goes into the error's detail; this is the message's wording.
import type { Locale } from './locale.ts';

const UNITS = [
  { unit: 'GB', bytes: 1024 ** 3 },
  { unit: 'MB', bytes: 1024 ** 2 },
  { unit: 'kB', bytes: 1024 },
] as const;

export function byteSizeText(bytes: number, locale: Locale): string {
  const tag = locale === 'nl' ? 'nl-NL' : 'en-GB';
  for (const { unit, bytes: size } of UNITS) {
    // 1000 bytes reads as "1 kB", not "1000 bytes": a unit from the value that rounds to 1 of it.
    const value = bytes / size;
    if (value >= 0.95) {
      const digits = value < 10 ? 1 : 0;
      const text = new Intl.NumberFormat(tag, { maximumFractionDigits: digits, useGrouping: true }).format(
        value,
      );
      return `${text} ${unit}`;
    }
  }
  return `${new Intl.NumberFormat(tag).format(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

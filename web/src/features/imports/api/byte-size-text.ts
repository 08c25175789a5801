// Bytes in words an admin reads at a glance, as the server words its size limits
// (src/domain/messages/byte-size.ts): kB, MB, GB of 1024, one decimal below ten.
const UNITS = [
  { unit: 'GB', bytes: 1024 ** 3 },
  { unit: 'MB', bytes: 1024 ** 2 },
  { unit: 'kB', bytes: 1024 },
] as const;

export function byteSizeText(bytes: number, language: string): string {
  const tag = language.startsWith('nl') ? 'nl-NL' : 'en-GB';
  for (const { unit, bytes: size } of UNITS) {
    const value = bytes / size;
    if (value >= 0.95) {
      const digits = value < 10 ? 1 : 0;
      return `${new Intl.NumberFormat(tag, { maximumFractionDigits: digits }).format(value)} ${unit}`;
    }
  }
  return `${new Intl.NumberFormat(tag).format(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

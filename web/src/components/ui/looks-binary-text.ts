/** How much of a file's start is inspected for binary content. */
export const binarySniffLength = 1024;

/**
 * Whether text the browser decoded from a file is really binary (an image, a spreadsheet…), like the
 * server's check in src/domain/csv/detect-encoding.ts: a NUL, or more than 5% control characters
 * other than tab, line feed, form feed and carriage return, in the first KB.
 */
export function looksBinaryText(text: string): boolean {
  const sample = text.slice(0, binarySniffLength);
  let control = 0;
  for (const char of sample) {
    const code = char.charCodeAt(0);
    if (code === 0) return true;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) control += 1;
  }
  return sample.length > 0 && control / sample.length > 0.05;
}

/** `.csv,text/csv` → "CSV" when every accepted type is text; null when binary files are welcome. */
export function textFormatOf(accept: string): string | null {
  const types = accept
    .split(',')
    .map((type) => type.trim().toLowerCase())
    .filter(Boolean);
  const isText = (type: string) => type.startsWith('text/') || /^\.(csv|tsv|txt)$/.test(type);
  if (types.length === 0 || !types.every(isText)) return null;
  const extension = types.find((type) => type.startsWith('.'));
  return extension ? extension.slice(1).toUpperCase() : 'text';
}

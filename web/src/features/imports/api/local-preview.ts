import Papa from 'papaparse';

export interface LocalPreview {
  headers: string[];
  rowCount: number;
  /**
   * Not a text file (an image, a spreadsheet…): the server refuses it with "This is not a CSV text
   * file." (`imports.notCsvText`); then there are no headers or rows to count.
   */
  binary: boolean;
}

/** How much of the file's start is inspected for binary content. */
const sniffLength = 1024;

/**
 * Like the server's check (src/domain/csv/detect-encoding.ts), on the text as the browser decoded it:
 * a NUL, or more than 5% control characters other than tab, line feed, form feed and carriage return.
 */
export function looksBinaryText(text: string): boolean {
  const sample = text.slice(0, sniffLength);
  let control = 0;
  for (const char of sample) {
    const code = char.charCodeAt(0);
    if (code === 0) return true;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) control += 1;
  }
  return sample.length > 0 && control / sample.length > 0.05;
}

/** A quick look at the chosen file before it is uploaded: its columns and how many records it has. */
export function previewCsvText(text: string): LocalPreview {
  if (looksBinaryText(text)) return { headers: [], rowCount: 0, binary: true };
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const [headers = [], ...rows] = result.data;
  return { headers: headers.map((header) => header.trim()), rowCount: rows.length, binary: false };
}

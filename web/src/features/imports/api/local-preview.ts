import Papa from 'papaparse';
import { looksBinaryText } from '../../../components/ui/looks-binary-text.ts';

export interface LocalPreview {
  headers: string[];
  rowCount: number;
  /**
   * Not a text file (an image, a spreadsheet…): the server refuses it with "This is not a CSV text
   * file." (`imports.notCsvText`); then there are no headers or rows to count.
   */
  binary: boolean;
}

/** A quick look at the chosen file before it is uploaded: its columns and how many records it has. */
export function previewCsvText(text: string): LocalPreview {
  if (looksBinaryText(text)) return { headers: [], rowCount: 0, binary: true };
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const [headers = [], ...rows] = result.data;
  return { headers: headers.map((header) => header.trim()), rowCount: rows.length, binary: false };
}

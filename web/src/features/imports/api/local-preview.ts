import Papa from 'papaparse';

export interface LocalPreview {
  headers: string[];
  rowCount: number;
}

/** A quick look at the chosen file before it is uploaded: its columns and how many records it has. */
export function previewCsvText(text: string): LocalPreview {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const [headers = [], ...rows] = result.data;
  return { headers: headers.map((header) => header.trim()), rowCount: rows.length };
}

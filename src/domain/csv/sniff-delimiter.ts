// SPEC §6: `,` or `;`, detected from the header line (csv-parse's delimiter list splits on either,
// it does not detect). The separator that splits the line into more of the SPEC's column headers
// wins: a `;` file's unknown column may hold commas that Excel does not quote ("Opmerking, intern").
// Otherwise it counts separators outside quotes; a tie or none keeps the comma.
import { isKnownHeader } from './map-header.ts';

export type Delimiter = ',' | ';';

/** The header line's cells when split at `delimiter` outside quotes, their quotes removed. */
function headerCells(headerLine: string, delimiter: Delimiter): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === delimiter) {
      cells.push(cell);
      cell = '';
      continue;
    }
    cell += char;
  }
  cells.push(cell);
  return cells.map((each) => {
    const trimmed = each.trim();
    return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
      ? trimmed.slice(1, -1).replaceAll('""', '"')
      : trimmed;
  });
}

const knownHeaders = (headerLine: string, delimiter: Delimiter): number =>
  headerCells(headerLine, delimiter).filter(isKnownHeader).length;

export function sniffDelimiter(headerLine: string): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ',') commas += 1;
    else if (!quoted && char === ';') semicolons += 1;
  }
  if (commas > 0 && semicolons > 0) {
    const bySemicolon = knownHeaders(headerLine, ';');
    const byComma = knownHeaders(headerLine, ',');
    if (bySemicolon !== byComma) return bySemicolon > byComma ? ';' : ',';
  }
  return semicolons > commas ? ';' : ',';
}

/** The header line of a decoded text start: up to the first line break outside quotes. */
export function firstLine(text: string): string | null {
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) return text.slice(0, index);
  }
  return null;
}

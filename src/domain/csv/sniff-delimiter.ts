// SPEC §6: `,` or `;`, detected from the header line (csv-parse's delimiter list splits on either,
// it does not detect). Counts separators outside quotes; a tie or none keeps the comma.
export type Delimiter = ',' | ';';

export function sniffDelimiter(headerLine: string): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ',') commas += 1;
    else if (!quoted && char === ';') semicolons += 1;
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

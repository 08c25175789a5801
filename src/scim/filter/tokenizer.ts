import { invalidFilter } from '../errors.ts';

// Tokens of a filter. A `word` is any run of characters that is not blank, a bracket, a parenthesis or a
// quote: attribute paths, operators, keywords, numbers and (leniently, as Entra ID sends them) unquoted
// string values. The parser decides what a word means from where it stands.
export type Token =
  | { readonly type: 'word'; readonly text: string; readonly pos: number }
  | { readonly type: 'string'; readonly value: string; readonly pos: number }
  | { readonly type: '(' | ')' | '[' | ']'; readonly pos: number };

const PUNCTUATION = new Set(['(', ')', '[', ']']);
const BLANK = /\s/;

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input.charAt(i);
    if (BLANK.test(ch)) {
      i++;
    } else if (PUNCTUATION.has(ch)) {
      tokens.push({ type: ch as '(' | ')' | '[' | ']', pos: i });
      i++;
    } else if (ch === '"') {
      const end = findStringEnd(input, i);
      const raw = input.slice(i, end + 1);
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        throw invalidFilter(`Invalid string literal at position ${i}: ${raw}`);
      }
      tokens.push({ type: 'string', value: value as string, pos: i });
      i = end + 1;
    } else {
      const start = i;
      while (i < input.length) {
        const c = input.charAt(i);
        if (BLANK.test(c) || PUNCTUATION.has(c) || c === '"') break;
        i++;
      }
      tokens.push({ type: 'word', text: input.slice(start, i), pos: start });
    }
  }
  return tokens;
}

function findStringEnd(input: string, start: number): number {
  let i = start + 1;
  while (i < input.length) {
    const c = input.charAt(i);
    if (c === '\\') {
      i += 2;
    } else if (c === '"') {
      return i;
    } else {
      i++;
    }
  }
  throw invalidFilter(`Unterminated string literal at position ${start}`);
}

import { unstorableReason } from '../../domain/text/unstorable-text.ts';
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
      // The request guard (ADR 0076) sees the raw text, where `\u0000` is six harmless characters;
      // only here does it become a NUL (or a lone surrogate) that PostgreSQL refuses with a 500.
      const unstorable = unstorableReason(value as string);
      if (unstorable !== null) throw invalidFilter(unstorableLiteralText(unstorable, i));
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

function unstorableLiteralText(reason: 'nul' | 'lone_surrogate', position: number): string {
  return reason === 'nul'
    ? `The string literal at position ${position} contains the NUL character (U+0000), which cannot be stored`
    : `The string literal at position ${position} contains an unpaired UTF-16 surrogate (U+D800–U+DFFF), which is not valid Unicode`;
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
